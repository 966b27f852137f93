/**
 * The change feed, GET /v1/feed?after=<position>: the facts of the log after a position, in its
 * order, each as the principal may see it (src/feed/entries.ts), as
 *  - JSON Lines (application/x-ndjson, the default): one page, one item per line; at most `limit`
 *    facts of the log are looked at (the page holds those the principal may see), and
 *    `X-Feed-Next` says where to go on from (`Link: <...>; rel="next"` while there may be more);
 *  - Server-Sent Events (Accept: text/event-stream, or format=sse): the same items as `fact`
 *    events whose id is the position, from `after` (or the `Last-Event-ID` a reconnecting client
 *    sends) to the head, then live; a comment every `feedHeartbeatMs` when nothing happens. A page
 *    of facts none of which the principal may see moves the stream's id on without an event.
 *
 * Every page is one read of the read side (a bounded snapshot, queued with the other reads), so an
 * open stream never holds the others up; a stream waits for its client to take what was written
 * before it reads more; a principal holds at most `feedStreamsPerPrincipal` streams at once (429).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import { feedItemJson } from '../../documents/feed';
import { visibleEntries } from '../../feed/entries';
import { renderer } from '../../render';
import { parsePositionToken, positionToken } from '../../store/cursor';
import { comparePositions, type Position } from '../../store/port';
import type { RouteModule } from '../api';
import type { ServerContext } from '../context';
import type { Locale } from '../locale';
import { httpProblem, problemBody } from '../problem';
import { FeedQuery, feedResponses } from '../schemas';

const JSON_LINES = 'application/x-ndjson';
const EVENT_STREAM = 'text/event-stream';
/** Facts of the log looked at per page by default, and per read of an event stream. */
const PAGE = 100;

interface Page {
  readonly lines: string[];
  readonly ids: string[];
  /** The position of the last fact looked at (where to go on from), or `after` when none. */
  readonly next: Position | null;
  readonly examined: number;
  readonly head: Position | null;
}

const readPage = (
  ctx: ServerContext,
  principal: Principal,
  lang: Locale,
  after: Position | null,
  limit: number,
): Promise<Page> =>
  ctx.reads.snapshot(async (reader) => {
    const { events, head } = await reader.logAfter(after, limit);
    const entries = await visibleEntries(reader, principal, events);
    return {
      lines: entries.map((e) => JSON.stringify(feedItemJson(e, lang))),
      ids: entries.map((e) => positionToken(e.position)),
      next: events.length === 0 ? after : events[events.length - 1]!.position,
      examined: events.length,
      head,
    };
  });

const wantsEvents = (request: FastifyRequest, format: 'jsonl' | 'sse' | undefined): boolean =>
  format !== undefined ? format === 'sse' : (request.headers.accept ?? '').includes(EVENT_STREAM);

/** Wakes the streams waiting at the head when the log moves on: one look for all of them. */
class HeadWatch {
  private readonly waiting = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private seen: Position | null | undefined = undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly pollMs: number,
  ) {}

  /** Resolves once the head is past `after`, or `cancelled` says so (checked at each look). */
  wait(after: Position | null, cancel: { wake?: () => void }): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiting.delete(done);
        cancel.wake = undefined;
        resolve();
      };
      cancel.wake = done;
      const moved =
        this.seen !== undefined &&
        this.seen !== null &&
        (after === null || comparePositions(this.seen, after) > 0);
      if (moved) return done();
      this.waiting.add(done);
      this.look();
    });
  }

  private look(): void {
    if (this.timer !== null || this.waiting.size === 0) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      try {
        const head = await this.ctx.reads.snapshot((r) => r.store.headPosition());
        const moved =
          head !== null &&
          (this.seen === undefined || this.seen === null || comparePositions(head, this.seen) > 0);
        this.seen = head;
        if (moved) for (const w of [...this.waiting]) w();
      } catch {
        // The next look tries again; a stream that cannot read ends on its own next page.
      }
      this.look();
    }, this.pollMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const w of [...this.waiting]) w();
  }
}

export const feedRoutes: RouteModule = (api, ctx) => {
  const open = new Map<string, number>();
  const streams = new Set<{ end: () => void }>();
  const watch = new HeadWatch(ctx, ctx.limits.feedPollMs);
  // SIGTERM: the streams end, so that the server can close (their clients reconnect elsewhere, or later).
  api.addHook('preClose', async () => {
    watch.stop();
    for (const s of [...streams]) s.end();
  });

  const badCursor = (after: string, lang: Locale) =>
    httpProblem(400, 'INVALID_REQUEST', null, renderer(lang).ui('server.badCursor', { after }), {
      field: 'after',
    });
  const cursor = (text: string | undefined, lang: Locale): Position | null => {
    if (text === undefined || text === '0') return null;
    const p = parsePositionToken(text);
    if (p === null) throw badCursor(text, lang);
    return p.commit === 0n && p.prepare === 0n ? null : p;
  };

  const sendEvents = async (request: FastifyRequest, reply: FastifyReply, start: Position | null) => {
    const principal = request.principal!;
    const lang = request.locale;
    const held = open.get(principal.id) ?? 0;
    if (held >= ctx.limits.feedStreamsPerPrincipal) {
      throw httpProblem(
        429,
        'TOO_MANY_STREAMS',
        null,
        renderer(lang).ui('server.feedStreams', { open: held }),
        {},
        { 'Retry-After': '5' },
      );
    }
    open.set(principal.id, held + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': `${EVENT_STREAM}; charset=utf-8`,
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Request-Id': request.id,
      'Content-Language': lang,
      Vary: 'Authorization, Accept, Accept-Language',
    });
    request.raw.socket?.setTimeout(0);
    let closed = false;
    const cancel: { wake?: () => void } = {};
    const drained: { wake?: () => void } = {};
    const stream = {
      end: () => {
        if (closed) return;
        closed = true;
        cancel.wake?.();
        drained.wake?.();
        raw.end();
      },
    };
    streams.add(stream);
    raw.on('close', stream.end);
    raw.on('drain', () => drained.wake?.());
    const heartbeat = setInterval(() => {
      if (!closed) raw.write(`: heartbeat ${new Date().toISOString()}\n\n`);
    }, ctx.limits.feedHeartbeatMs);
    const started = Date.now();
    let sent = 0;
    raw.write(`retry: 2000\n: vpn-ledger change feed for ${principal.id}\n\n`);
    let after = start;
    try {
      while (!closed) {
        const page = await readPage(ctx, principal, lang, after, PAGE);
        if (closed) break;
        let chunk = page.lines
          .map((line, i) => `id: ${page.ids[i]}\nevent: fact\ndata: ${line}\n\n`)
          .join('');
        sent += page.lines.length;
        const last = page.next === null ? null : positionToken(page.next);
        // Facts the principal may not see still move the id on, so that a reconnection starts after them.
        if (last !== null && page.examined > 0 && page.ids[page.ids.length - 1] !== last)
          chunk += `id: ${last}\n\n`;
        after = page.next;
        if (chunk !== '' && !raw.write(chunk))
          await new Promise<void>((resolve) => {
            drained.wake = () => {
              drained.wake = undefined;
              resolve();
            };
          });
        if (page.examined < PAGE && !closed) await watch.wait(after, cancel);
      }
    } catch (error) {
      if (!closed) {
        request.log.error({ err: error }, 'change feed');
        const problem = httpProblem(
          503,
          'FEED_INTERRUPTED',
          null,
          error instanceof Error ? error.message : String(error),
        ).problem;
        raw.write(`event: problem\ndata: ${JSON.stringify(problemBody(problem, request))}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      streams.delete(stream);
      stream.end();
      const n = (open.get(principal.id) ?? 1) - 1;
      if (n <= 0) open.delete(principal.id);
      else open.set(principal.id, n);
      request.log.info(
        {
          method: request.method,
          url: request.url,
          statusCode: 200,
          ms: Date.now() - started,
          principal: principal.id,
          facts: sent,
        },
        'event stream',
      );
    }
  };

  api.get(
    '/v1/feed',
    {
      schema: {
        tags: ['feed'],
        summary:
          'The facts of the log after a position, as the principal may see them: JSON Lines, or Server-Sent Events',
        description: `One item per fact the principal may see (vpn-ledger.feed-item/v1), in the log's order. JSON Lines (the default): one page; at most \`limit\` facts of the log are looked at (default ${PAGE}), and the X-Feed-Next header is the \`after\` of the next page (Link rel=next while there may be more). Server-Sent Events (Accept: text/event-stream or format=sse): \`fact\` events whose id is the item's position, from \`after\` or Last-Event-ID, then live, with a comment as heartbeat; at most ${ctx.limits.feedStreamsPerPrincipal} streams per principal (429).`,
        querystring: FeedQuery,
        response: feedResponses,
      },
    },
    async (request, reply) => {
      const lang = request.locale;
      const sse = wantsEvents(request, request.query.format);
      const lastEventId = request.headers['last-event-id'];
      const start = cursor(
        sse && typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : request.query.after,
        lang,
      );
      if (sse) return sendEvents(request, reply, start);
      const limit = request.query.limit ?? PAGE;
      const page = await readPage(ctx, request.principal!, lang, start, limit);
      const next = page.next === null ? '0' : positionToken(page.next);
      reply.header('X-Feed-Next', next);
      reply.header('X-Ledger-Position', page.head === null ? '0' : page.head.commit.toString());
      reply.header('Cache-Control', 'no-store');
      reply.header('Vary', 'Authorization, Accept, Accept-Language');
      if (page.examined === limit) {
        const query = new URLSearchParams({ after: next, limit: String(limit) });
        reply.header('Link', `</v1/feed?${query}>; rel="next"`);
      }
      return reply
        .type(`${JSON_LINES}; charset=utf-8`)
        .send((page.lines.length === 0 ? '' : `${page.lines.join('\n')}\n`) as never);
    },
  );
};
