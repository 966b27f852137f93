/** Plain JSON for states in tests (decider snapshots), with Maps written as tagged entry lists (insertion order kept). */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const MAP_TAG = '$map';

/** A state as plain JSON: Maps become `{ "$map": [[key, value], ...] }`; undefined fields are dropped. */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as JSON.`);
    return value;
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) {
    const entries: Json[] = [];
    for (const [k, v] of value) entries.push([toJson(k), toJson(v)]);
    return { [MAP_TAG]: entries };
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  throw new TypeError(`Cannot write a ${typeof value} as JSON.`);
}

/** The inverse of toJson. */
export function fromJson(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(fromJson);
  const tagged = json[MAP_TAG];
  if (Array.isArray(tagged) && Object.keys(json).length === 1) {
    return new Map(
      tagged.map((entry) => {
        const [k, v] = entry as [Json, Json];
        return [fromJson(k), fromJson(v)];
      }),
    );
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) out[k] = fromJson(v);
  return out;
}
