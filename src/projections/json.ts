import { createHash } from 'node:crypto';

/** Plain JSON for projection states, with Maps written as tagged entry lists (insertion order kept). */

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

/**
 * sha-256 of the RFC 8785 canonical JSON of a projection state, written as `toJson` writes it
 * (Maps as `{"$map": [[key, value], ...]}`, undefined fields dropped), streamed into the hash.
 * The result equals `sha256(canonicalize(toJson(state)))` without building the JSON tree or the
 * string: at a million events that string is hundreds of megabytes. RFC 8785 sorts keys by UTF-16
 * code units (JavaScript's default sort) and writes numbers and strings as JSON.stringify does.
 */
export const canonicalDigest = (value: unknown): string => {
  const hash = createHash('sha256');
  let buffer = '';
  const emit = (text: string) => {
    buffer += text;
    if (buffer.length > 65_536) {
      hash.update(buffer);
      buffer = '';
    }
  };
  const walk = (v: unknown): void => {
    if (v === null || typeof v === 'boolean') {
      emit(String(v));
    } else if (typeof v === 'string') {
      emit(JSON.stringify(v));
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`Cannot write ${v} as JSON.`);
      emit(JSON.stringify(v));
    } else if (Array.isArray(v)) {
      emit('[');
      v.forEach((item, i) => {
        if (i > 0) emit(',');
        walk(item);
      });
      emit(']');
    } else if (v instanceof Map) {
      emit('{"$map":[');
      let i = 0;
      for (const [key, item] of v) {
        if (i++ > 0) emit(',');
        emit('[');
        walk(key);
        emit(',');
        walk(item);
        emit(']');
      }
      emit(']}');
    } else if (typeof v === 'object') {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      emit('{');
      keys.forEach((k, i) => {
        if (i > 0) emit(',');
        emit(JSON.stringify(k));
        emit(':');
        walk(record[k]);
      });
      emit('}');
    } else {
      throw new TypeError(`Cannot write a ${typeof v} as JSON.`);
    }
  };
  walk(value);
  hash.update(buffer);
  return hash.digest('hex');
};
