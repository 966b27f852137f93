/**
 * ETags by position: an answer is named by the last position of the log it reflects and by the
 * question (path, the resolved parameters, the principal and what it may see, the format, the
 * language, this program's version). The same question at the same position is the same answer,
 * so a client that sends the ETag back in If-None-Match gets 304 Not Modified.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { packageVersion } from '../documents/package';
import type { Position } from '../store/port';
import { VIEWS_VERSION } from '../views/schema';

const VERSION = `${packageVersion()}/${VIEWS_VERSION}`;

export const etagFor = (position: Position | null, question: unknown): string => {
  const digest = createHash('sha256')
    .update(JSON.stringify([VERSION, question]))
    .digest('base64url')
    .slice(0, 22);
  return `"${position === null ? '0' : position.commit.toString()}-${digest}"`;
};

/** Whether an If-None-Match header names `etag` (or is `*`). */
export const matches = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
};

/**
 * Sends a read's answer with its ETag and provenance headers, or 304 when the client has it.
 * `body` is the serialised answer, `type` its media type.
 */
export const sendRead = (
  request: FastifyRequest,
  reply: FastifyReply,
  answer: { position: Position | null; question: unknown; body: () => string; type: string },
): FastifyReply => {
  const etag = etagFor(answer.position, [
    request.routeOptions.url,
    request.principal?.id,
    request.locale,
    answer.question,
  ]);
  reply.header('ETag', etag);
  reply.header('Cache-Control', 'private, no-cache');
  reply.header('Vary', 'Authorization, Accept, Accept-Language');
  reply.header('X-Ledger-Position', answer.position === null ? '0' : answer.position.commit.toString());
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply
    .code(200)
    .type(answer.type)
    .send(answer.body() as never);
};
