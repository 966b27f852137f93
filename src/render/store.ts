/** A store in words, for messages (ui.ts: store.sqlite, store.memory, store.esdb); a password in an EventStoreDB connection string is never shown. */
import type { StoreSpec } from '../store/spec';
import type { Lang } from './lang';
import { ui } from './ui';

export const describeStore = (spec: StoreSpec, lang: Lang = 'en'): string => {
  switch (spec.kind) {
    case 'sqlite':
      return ui(lang, 'store.sqlite', { path: spec.path });
    case 'memory':
      return ui(lang, 'store.memory');
    case 'esdb':
      return ui(lang, 'store.esdb', { where: spec.connectionString.replace(/\/\/[^@/]*@/, '//***@') });
  }
};
