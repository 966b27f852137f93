/**
 * The request a piece of work is done for, wherever it runs (AsyncLocalStorage): every route's
 * handler runs inside its request's scope (app.ts wraps them), so that the read side can give each
 * principal its turn without every route passing the request along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';

export const requestScope = new AsyncLocalStorage<FastifyRequest>();

/** Who the current request is for: its principal, else its address ('anonymous' outside a request). */
export const currentRequester = (): string => {
  const request = requestScope.getStore();
  if (!request) return 'anonymous';
  return request.principal?.id ?? `address:${request.ip}`;
};
