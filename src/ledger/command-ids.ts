/**
 * What makes two commands one command. A command id is its actor's: the command is the pair
 * (actor, commandId), and the server makes the actor the authenticated principal, so one principal
 * can never take another's id. The same pair with the same payload is a repeat (answered with its
 * first result, nothing written); with another payload it is a re-used id (COMMAND_ID_REUSED); the
 * same id from another actor is another command, decided on its own.
 *
 * Every event carries its command's actor and id in its metadata, so a stream tells which of its
 * events are a command's own, whatever their ids. Event ids are UUID v5 of the actor, the command
 * id and the event's index: a retry writes the same ids (the store recognises them), and two
 * actors' commands never share one.
 *
 * Before command ids were scoped, event ids were UUID v5 of `commandId#index` alone ('unscoped').
 * Those events keep the ids they were stored with: a repeat of such a command is found by its
 * metadata like any other, and one stopped between its two appends then is completed with ids of
 * its own scheme, told by the event it wrote first.
 */
import { v5 as uuidv5 } from 'uuid';
import { type Rejection, refusal } from '../terms/rejections';

export const EVENT_ID_NAMESPACE = '3f0c5a3e-8d7b-4c1e-9a51-0b9e6f1d2c47';

/** A command as its events name it. */
export interface CommandRef {
  readonly actor: string;
  readonly commandId: string;
}

export type EventIdScheme = 'scoped' | 'unscoped';

/**
 * The id of a command's event number `index` (0-based across all its streams). Actors and command
 * ids never hold '/' or '#' (Fields.EnvelopeId), so a scoped name is never an unscoped one.
 */
export const eventIdFor = (cmd: CommandRef, index: number, scheme: EventIdScheme = 'scoped'): string =>
  uuidv5(
    scheme === 'scoped' ? `${cmd.actor}/${cmd.commandId}#${index}` : `${cmd.commandId}#${index}`,
    EVENT_ID_NAMESPACE,
  );

/** The command as one string, to compare and to keep in sets. */
export const commandKey = (cmd: CommandRef): string => `${cmd.actor}/${cmd.commandId}`;

interface StoredCommand {
  readonly actor?: unknown;
  readonly commandId?: unknown;
}

/** The key of the command that wrote a stored event (its metadata), or null when it names none. */
export const commandKeyOf = (metadata: unknown): string | null => {
  const m = metadata as StoredCommand | null | undefined;
  return typeof m?.actor === 'string' && typeof m.commandId === 'string'
    ? commandKey({ actor: m.actor, commandId: m.commandId })
    : null;
};

/** Whether a stored event (its metadata) was written by `cmd`. */
export const writtenBy = (metadata: unknown, cmd: CommandRef): boolean => {
  const m = metadata as StoredCommand | null | undefined;
  return m?.commandId === cmd.commandId && m.actor === cmd.actor;
};

/**
 * The refusal of a command id its actor used before: for the same command with another payload,
 * or for another command. The id is always the caller's own; where it was used is never said
 * (another stream may be one the caller may not see, Art. 11).
 */
export const reusedIdRefusal = (cmd: CommandRef, reuse: 'payload' | 'other-command'): Rejection =>
  refusal('COMMAND_ID_REUSED', { case: reuse, commandId: cmd.commandId, actor: cmd.actor }, []);

/**
 * The scheme the rest of a command's events are written with, when an earlier attempt wrote its
 * first event (index 0) with id `firstId`: unscoped for a command begun before ids were scoped.
 */
export const idSchemeOf = (cmd: CommandRef, firstId: string | undefined): EventIdScheme =>
  firstId !== undefined && firstId === eventIdFor(cmd, 0, 'unscoped') ? 'unscoped' : 'scoped';
