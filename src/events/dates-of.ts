/**
 * The dates an event's data holds, found by its schema (the fields typed as a stored event's date
 * or instant, src/events/fields.ts), so that a rule about dates reads every one of them and only
 * them: an id that happens to read like a date is not one.
 */
import type { z } from 'zod';
import { jstDate, type LocalDate } from '../terms/dates';
import { EventSchemas, type EventType } from './catalog';
import { EventDate, EventInstant } from './fields';

export interface DatedField {
  /** Where in the data: 'effectiveOn', 'deadlines.0.due.on'. */
  readonly path: string;
  /** The date (an instant's Japan date). */
  readonly date: LocalDate;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function* walk(schema: z.ZodType, value: unknown, path: string): Generator<DatedField> {
  if (schema === EventDate) {
    if (typeof value === 'string') yield { path, date: value };
    return;
  }
  if (schema === EventInstant) {
    if (typeof value === 'string') yield { path, date: jstDate(value) };
    return;
  }
  if (value === null || value === undefined) return;
  const def = defOf(schema);
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  switch (def.type) {
    case 'object':
      if (typeof value !== 'object') return;
      for (const [key, field] of Object.entries(def.shape ?? {}))
        yield* walk(field, (value as Record<string, unknown>)[key], at(key));
      return;
    case 'array':
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) yield* walk(def.element!, value[i], at(String(i)));
      return;
    case 'optional':
    case 'nullable':
      yield* walk(def.innerType!, value, path);
      return;
    case 'union': {
      // The variant the value is (a discriminated union's, or the first that holds it).
      const variant = def.options?.find((o) => o.safeParse(value).success);
      if (variant) yield* walk(variant, value, path);
      return;
    }
    default:
      return;
  }
}

/** Every date and instant in an event's data, by the event type's schema. */
export const datesOf = (type: EventType, data: unknown): DatedField[] => [
  ...walk(EventSchemas[type] as z.ZodType, data, ''),
];
