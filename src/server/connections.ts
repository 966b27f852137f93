/**
 * Connections a server holds for its clients, bounded (slow clients: slowloris). At most
 * `maxConnections` at once in all, and `connectionsPerAddress` from one address: one more is
 * answered 503 and closed at once, before a byte of its request is read, so that two clients
 * holding thousands of half-open connections never stand between others and their answers. The
 * connections they do hold are closed once their headers take longer than `headersTimeoutMs`
 * (app.ts sets Node's timeouts: headers, whole request, idle keep-alive).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { renderer } from '../render';
import type { Limits } from './context';
import { writeRawProblem } from './errors';

export interface ConnectionCounts {
  readonly open: number;
  readonly refused: number;
}

/** Counts the server's connections and refuses those beyond the limits; returns the counts, live. */
export const guardConnections = (
  server: Server,
  limits: Pick<Limits, 'maxConnections' | 'connectionsPerAddress'>,
): { counts: () => ConnectionCounts } => {
  const byAddress = new Map<string, number>();
  let open = 0;
  let refused = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const fromAddress = byAddress.get(address) ?? 0;
    if (open >= limits.maxConnections || fromAddress >= limits.connectionsPerAddress) {
      refused += 1;
      socket.on('error', () => undefined);
      const where = fromAddress >= limits.connectionsPerAddress ? 'address' : 'server';
      // No request has been read: its language is not known yet.
      writeRawProblem(
        socket,
        {
          status: 503,
          code: 'TOO_MANY_CONNECTIONS',
          article: null,
          message: renderer('en').ui('server.tooManyConnections', { where }),
        },
        'en',
        { 'Retry-After': '5' },
      );
      // Closed once the client has had a moment to read the answer: closing at once, with its
      // request unread, would reset the connection and lose the answer on the way.
      socket.setTimeout(1_000, () => socket.destroy());
      return;
    }
    open += 1;
    byAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open -= 1;
      const n = (byAddress.get(address) ?? 1) - 1;
      if (n === 0) byAddress.delete(address);
      else byAddress.set(address, n);
    });
  });
  return { counts: () => ({ open, refused }) };
};
