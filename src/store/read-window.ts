import type { ReadStreamOptions, RecordedEvent } from './port';

/** Applies readStream's fromRevision / direction / maxCount to a whole stream held in order. */
export const sliceStream = (
  stream: readonly RecordedEvent[],
  options: ReadStreamOptions,
): RecordedEvent[] => {
  const direction = options.direction ?? 'forwards';
  const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  const max = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (direction === 'forwards') {
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
    return stream.slice(start, start + Math.min(max, stream.length));
  }
  const start =
    from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Math.min(Number(from), stream.length - 1);
  const out: RecordedEvent[] = [];
  for (let i = start; i >= 0 && out.length < max; i--) out.push(stream[i]!);
  return out;
};
