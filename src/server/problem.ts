/**
 * Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`,
 * `detail`, `instance`, and the ledger's own members: `code`, `article`, `message` (the ledger's
 * sentence, as `detail` too), `field` and `problems` where the ledger gives them, and `requestId`.
 * The title, and the sentence of a refusal the ledger gives as data (`rejection`), are in the
 * request's language; the code, the article and the parameters are the same in every language.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FieldProblem, MAX_LISTED_PROBLEMS } from '../ledger/command-envelope';
import type { CommandResult } from '../ledger/ledger';
import { rejectionMessage } from '../render/rejections';
import { citationText } from '../terms/citation';
import type { Rejection } from '../terms/rejections';
import type { Locale } from './locale';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemInit {
  readonly status: number;
  readonly code: string;
  readonly article: string | null;
  readonly message: string;
  readonly field?: string;
  readonly problems?: readonly FieldProblem[];
  /** Problems found beyond those listed (a listing is capped: a request never answers megabytes of them). */
  readonly problemsNotListed?: number;
  /** The command a rejection answers, when there is one. */
  readonly commandId?: string | null;
  /** The refusal as data, when the ledger's own rules (or the server's checks of who sends what) refused. */
  readonly rejection?: Rejection;
}

/** A request the server answers with a problem; thrown by handlers and hooks. */
export class HttpProblem extends Error {
  constructor(
    readonly problem: ProblemInit,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.message);
    this.name = 'HttpProblem';
  }
}

export const httpProblem = (
  status: number,
  code: string,
  article: string | null,
  message: string,
  extra: Pick<ProblemInit, 'field' | 'problems'> = {},
  headers: Record<string, string> = {},
): HttpProblem => new HttpProblem({ status, code, article, message, ...extra }, headers);

/** The ledger's rejections by HTTP status; any other rejection is a rule of the terms: 422. */
const STATUS_OF_CODE: ReadonlyMap<string, number> = new Map([
  ['INVALID_COMMAND', 400],
  ['INVALID_JSON', 400],
  ['CONTRACT_NOT_FOUND', 404],
  ['COMMAND_ID_REUSED', 409],
  ['CONCURRENCY_CONFLICT', 409],
  ['ACTOR_MISMATCH', 403],
  ['NOT_PERMITTED', 403],
  ['NOT_DISCLOSED', 403],
  ['MONTH_ALREADY_CLOSED', 409],
  ['VIEWS_BEHIND', 503],
  ['VIEWS_UNAVAILABLE', 503],
]);

export const statusOfCode = (code: string): number => STATUS_OF_CODE.get(code) ?? 422;

/** A refusal as a problem: its status by code, its citation in the ledger's notation, its sentence (rendered per request). */
export const refusedProblem = (r: Rejection): HttpProblem =>
  new HttpProblem({
    status: statusOfCode(r.code),
    code: r.code,
    article: r.cite.length === 0 ? null : citationText(r.cite),
    message: rejectionMessage('en', r),
    ...(r.field !== undefined ? { field: r.field } : {}),
    rejection: r,
  });

const notListed = (r: Rejection): { problemsNotListed?: number } =>
  r.code === 'INVALID_COMMAND' && (r.params.more ?? 0) > 0 ? { problemsNotListed: r.params.more! } : {};

/** A rejected CommandResult as a problem (its sentence rendered from its data, in the request's language). */
export const resultProblem = (result: Extract<CommandResult, { status: 'rejected' }>): ProblemInit => {
  const rejection = {
    code: result.code,
    params: result.params,
    cite: result.citation,
    ...(result.field !== undefined ? { field: result.field } : {}),
  } as Rejection;
  return {
    status: statusOfCode(result.code),
    code: result.code,
    article: result.article,
    message: rejectionMessage('en', rejection),
    ...(result.field !== undefined ? { field: result.field } : {}),
    ...(result.problems !== undefined ? { problems: result.problems } : {}),
    ...notListed(rejection),
    commandId: result.commandId,
    rejection,
  };
};

const TITLES: Readonly<Record<Locale, Readonly<Record<number, string>>>> = {
  en: {
    400: 'The request is not valid',
    401: 'Authentication is required',
    403: 'The principal may not do this',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'No acceptable representation',
    408: 'The request took too long to arrive',
    409: 'The command conflicts with the ledger',
    413: 'The request is too large',
    415: 'Unsupported media type',
    422: 'The ledger refused the command',
    429: 'Too many requests',
    431: 'The request headers are too large',
    500: 'Internal error',
    503: 'The ledger is busy or unavailable',
  },
  ja: {
    400: 'リクエストに誤りがあります',
    401: '認証が必要です',
    403: 'この操作は許可されていません',
    404: '見つかりません',
    405: 'このメソッドは使えません',
    406: '受け入れ可能な表現がありません',
    408: 'リクエストの到着に時間がかかりすぎました',
    409: '台帳の状態と矛盾します',
    413: 'リクエストが大きすぎます',
    415: '受け付けないメディアタイプです',
    422: '台帳がコマンドを拒否しました',
    429: 'リクエストが多すぎます',
    431: 'リクエストのヘッダーが大きすぎます',
    500: '内部エラー',
    503: '台帳が混雑しているか利用できません',
  },
};

/** A short title for a status, in the request's language (RFC 9457 §3.1.4). */
export const problemTitle = (status: number, locale: Locale): string =>
  TITLES[locale][status] ?? (status >= 500 ? TITLES[locale][500]! : TITLES[locale][400]!);

/** The problem's sentence in `locale`: a refusal given as data is rendered, any other is as given. */
export const problemMessage = (p: ProblemInit, locale: Locale): string =>
  p.rejection === undefined || locale === 'en' ? p.message : rejectionMessage(locale, p.rejection);

export const problemBody = (p: ProblemInit, request: FastifyRequest) => ({
  type: `urn:vpn-ledger:problem:${p.code}`,
  title: problemTitle(p.status, request.locale),
  status: p.status,
  detail: problemMessage(p, request.locale),
  instance: request.url,
  code: p.code,
  article: p.article,
  message: problemMessage(p, request.locale),
  ...(p.field !== undefined ? { field: p.field } : {}),
  ...(p.problems !== undefined ? { problems: p.problems.slice(0, MAX_LISTED_PROBLEMS) } : {}),
  ...(p.problems !== undefined && (p.problemsNotListed ?? 0) + p.problems.length > MAX_LISTED_PROBLEMS
    ? { problemsNotListed: (p.problemsNotListed ?? 0) + Math.max(0, p.problems.length - MAX_LISTED_PROBLEMS) }
    : {}),
  ...(p.commandId !== undefined ? { commandId: p.commandId } : {}),
  requestId: request.id,
});

export const sendProblem = (
  reply: FastifyReply,
  p: ProblemInit,
  headers: Readonly<Record<string, string>> = {},
): FastifyReply => {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .code(p.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(p, reply.request)) as never);
};
