/** Where `recordedAt` comes from. The domain never reads the time itself. */
export type Clock = () => string;

/** The wall clock, for the CLI (the edge). ISO-8601 in UTC. */
export const systemClock: Clock = () => new Date().toISOString();

/** A clock for tests and replays: starts at `start` and moves `stepMs` per reading. */
export const steppingClock = (start: string, stepMs = 1000): Clock => {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t).toISOString();
    t += stepMs;
    return now;
  };
};
