/**
 * The change feed's items as GET /v1/feed writes them (one per line of JSON Lines, or the data of
 * one server-sent event), schema `vpn-ledger.feed-item/v1`: the fact's place in the log (`position`,
 * the cursor to resume after), its type, stream and time, the contract, VPN or month it is about,
 * the article behind it, what the principal sees of it (`access`), and a one-line summary in the
 * chosen language. A month's close carries its totals as the principal may see them.
 */

import { isNetworkStream } from '../events/streams';
import type { FeedEntry } from '../feed/entries';
import { EVENT_ARTICLES } from '../projections/timeline';
import { renderer } from '../render';
import { eventName } from '../render/events';
import type { Lang } from '../render/lang';
import { positionToken } from '../store/cursor';

export const FEED_ITEM_SCHEMA = 'vpn-ledger.feed-item/v1';

const ARTICLES: ReadonlyMap<string, string> = new Map(Object.entries(EVENT_ARTICLES));

const summaryOf = (e: FeedEntry, lang: Lang, lines: number, total: number): string => {
  const r = renderer(lang);
  const event = eventName(lang, e.type);
  if (e.close !== null)
    return r.ui('feed.monthClosed', {
      month: r.month(e.close.month),
      closedBy: e.close.closedBy,
      lines,
      total: r.money(total),
    });
  if (e.sealedThrough !== null)
    return r.ui('feed.sealed', { event, position: positionToken(e.sealedThrough) });
  if (e.contractId === null) return event;
  return isNetworkStream(e.streamId) && e.networkId !== null
    ? r.ui('feed.network', { event, networkId: e.networkId, contractId: e.contractId })
    : r.ui('feed.contract', { event, contractId: e.contractId });
};

export const feedItemJson = (e: FeedEntry, lang: Lang) => {
  const c = e.close;
  // A contractor's own part of a close: its lines and amounts (as GET /v1/months shows it).
  const lines =
    c === null ? 0 : e.access === 'staff' ? c.lines.length : c.totals.reduce((n, t) => n + t.lines, 0);
  const total = c === null ? 0 : c.totals.reduce((n, t) => n + t.amount, 0);
  return {
    schema: FEED_ITEM_SCHEMA,
    position: positionToken(e.position),
    type: e.type,
    stream: e.streamId,
    revision: e.revision.toString(),
    recordedAt: e.recordedAt,
    contractId: e.contractId,
    networkId: e.networkId,
    month: e.month,
    access: e.access,
    article: ARTICLES.get(e.type) ?? null,
    summary: summaryOf(e, lang, lines, total),
    close:
      c === null
        ? null
        : {
            id: c.closeId,
            closedAt: c.closedAt,
            closedBy: c.closedBy,
            firstMonth: c.firstMonth,
            lines,
            total,
            totals: c.totals.map((t) => ({ billTo: t.billTo, lines: t.lines, amount: t.amount })),
            sealDigest: c.seal.digest,
          },
    sealedThrough: e.sealedThrough === null ? null : positionToken(e.sealedThrough),
  };
};

export type FeedItemJson = ReturnType<typeof feedItemJson>;
