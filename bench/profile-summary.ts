/**
 * The top entries of a V8 CPU profile (`node --cpu-prof`'s .cpuprofile): self time by function,
 * and inclusive time, as shares of the sampled time. Samples taken while modules were loading
 * (under `Module._load`) and idle samples are left out: the figures are of the work measured, not
 * of the program starting or waiting.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly share: number;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  readonly self: readonly ProfileEntry[];
  readonly inclusive: readonly ProfileEntry[];
}

const label = ({ functionName, url, lineNumber }: CallFrame): string => {
  const where = url.replace(/^.*\/(dist|node_modules)\//, '$1/').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : '(native)'}`;
};

const STARTUP = 'Module._load';
const LEFT_OUT = new Set(['(idle)', '(program)']);

export const summariseProfile = (path: string, top = 20): ProfileSummary => {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const timeOf = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, time] of timeOf) {
    const node = byId.get(id)!;
    if (LEFT_OUT.has(node.callFrame.functionName)) continue;
    const stack: string[] = [];
    let startup = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === STARTUP) startup = true;
      stack.push(label(frame));
    }
    if (startup) continue;
    total += time;
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + time);
    for (const name of new Set(stack)) inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .filter(([name]) => !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => ({ name, share: time / total }));
  return { sampledMs: total / 1000, self: ranked(self), inclusive: ranked(inclusive) };
};

export const formatSummary = (title: string, s: ProfileSummary): string =>
  [
    `${title}: ${Math.round(s.sampledMs).toLocaleString('en-US')} ms sampled (start-up and idle left out)`,
    '  self:',
    ...s.self.map((e) => `  ${(100 * e.share).toFixed(1).padStart(5)} %  ${e.name}`),
    '  inclusive:',
    ...s.inclusive.map((e) => `  ${(100 * e.share).toFixed(1).padStart(5)} %  ${e.name}`),
  ].join('\n');
