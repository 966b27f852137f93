/**
 * The outbox of an SQLite ledger: registered by openLedger around the views' inline projection, so
 * that the deliveries a fact announces are written in the append's own transaction, worked out from
 * the views before and after the append.
 */
import type { InlineProjection, SqliteEventStore } from '../store/sqlite';
import type { ViewsDb } from '../views/views-db';
import { Announcer } from './announcer';
import { WebhookStore } from './store';

export interface InlineOutbox {
  /** The views' registration, wrapped: the outbox moves with every append, around the views. */
  readonly register: (store: SqliteEventStore) => InlineProjection;
  /** The webhook tables, once the store has opened. */
  readonly attached: () => WebhookStore;
}

export function inlineOutbox(
  views: (store: SqliteEventStore) => InlineProjection,
  viewsDb: () => ViewsDb,
): InlineOutbox {
  let attached: WebhookStore | null = null;
  return {
    register: (store) => {
      const inner = views(store);
      const webhooks = new WebhookStore(store.db);
      webhooks.ensure();
      attached = webhooks;
      const announcer = new Announcer(webhooks, viewsDb);
      return { handle: (events) => announcer.around(events, () => inner.handle(events)) };
    },
    attached: () => {
      if (attached === null) throw new Error('the outbox is attached when the store opens');
      return attached;
    },
  };
}
