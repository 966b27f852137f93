/**
 * A charge line explained as text to paste into a reply (src/documents/explain-text.ts), on the demo
 * closed through October: the settlement of c-osaka (Art. 20, Annex 2) with its numbers named, the
 * events in date order, and no event ids, close ids, positions or staff names, in both languages.
 */
import { replyText, sourcesInDateOrder } from '../../src/documents/explain-text';
import type { LineExplanation } from '../../src/read';
import { Reader } from '../../src/read/reader';
import type { SqliteEventStore } from '../../src/store/sqlite';
import { demoClosedThroughOctober } from '../support/billing';

let store: SqliteEventStore;
let reader: Reader;
let settlement: LineExplanation;

beforeAll(async () => {
  const demo = await demoClosedThroughOctober(':memory:', {
    recordedFrom: '2025-03-01T00:00:00Z',
    closedAt: '2026-02-01T00:00:00Z',
  });
  store = demo.store;
  reader = new Reader({ store: demo.store, views: demo.views });
  settlement = (await reader.line('c-osaka:2025-10:early-termination'))!.explanation;
});

afterAll(async () => {
  await store?.close();
});

describe('the events behind a line', () => {
  it('are in date order: as they occurred, whatever order the line names them in', () => {
    // Given the settlement of c-osaka, which names the termination's events before the acceptance's
    const named = settlement.line.sources;
    const byId = new Map(settlement.sources.map((s) => [s.eventId, s]));
    expect(named.map((id) => byId.get(id)!.date)).toEqual([
      '2025-09-10',
      '2025-10-15',
      '2025-03-25',
      '2025-04-01',
    ]);
    // When they are put in date order, then they read as the contract lived them.
    expect(sourcesInDateOrder(settlement).map((s) => s.source!.date)).toEqual([
      '2025-03-25',
      '2025-04-01',
      '2025-09-10',
      '2025-10-15',
    ]);
  });

  it('that occurred at the same time are in the order they were recorded; an unknown one comes last', () => {
    // Given two events of one instant, the later recorded named first, and one no timeline tells
    const source = (eventId: string, recordedAt: string) => ({
      ...settlement.sources[0]!,
      eventId,
      occurredAt: '2025-10-15T00:00:00+09:00',
      recordedAt,
    });
    const x = {
      ...settlement,
      line: { ...settlement.line, sources: ['unknown', 'late', 'early'] },
      sources: [source('late', '2025-11-02T00:00:00Z'), source('early', '2025-10-15T01:00:00Z')],
    } as LineExplanation;
    // Then the earlier recorded comes first, and the unknown one last
    expect(sourcesInDateOrder(x).map((s) => s.eventId)).toEqual(['early', 'late', 'unknown']);
  });
});

describe('the reply to paste', () => {
  it('names the numbers of the formula and reads the events in date order, in English', () => {
    const text = replyText(settlement, 'en');
    expect(text).toContain('About the charge c-osaka:2025-10:early-termination of 2025-10:');
    expect(text).toContain('99,290 yen (tax excluded), billed to acme-west, for 2025-10-16 to 2026-03-31.');
    expect(text).toContain('floor(18,000 × 16 / 31) + 5 × 18,000 = 99,290');
    expect(text).toContain(
      'Where: 16 = the days left in October 2025 after the last day billed (of its 31); 5 = the whole months November 2025 to March 2026.',
    );
    const events = text.split('\n').filter((l) => l.startsWith('- '));
    expect(events.map((l) => l.slice(2, 12))).toEqual([
      '2025-03-25',
      '2025-04-01',
      '2025-09-10',
      '2025-10-15',
    ]);
    expect(text).toContain('It is on the bill of 2025-10, closed on 2026-02-01 09:00:00 JST.');
  });

  it('says the same in Japanese, the months and days named 「10月の残日数16日」「11月～3月の5か月」', () => {
    const text = replyText(settlement, 'ja');
    expect(text).toContain('明細 c-osaka:2025-10:early-termination についてご説明いたします。');
    expect(text).toContain('内訳: 2025年10月の残日数16日（31日中）、2025年11月～2026年3月の5か月。');
    expect(text).toContain('2026年2月1日 09:00:00（日本時間）に締めた2025年10月のご請求に含まれています。');
    const events = text.split('\n').filter((l) => l.startsWith('・'));
    expect(events.map((l) => l.split(' ')[0])).toEqual([
      '・2025年3月25日',
      '・2025年4月1日',
      '・2025年9月10日',
      '・2025年10月15日',
    ]);
  });

  it('shows a customer no event id, close id, stream, staff name or UTC time', () => {
    for (const lang of ['en', 'ja'] as const) {
      const text = replyText(settlement, lang);
      for (const s of settlement.sources) expect(text).not.toContain(s.eventId);
      expect(text).not.toContain(settlement.closed!.close.closeId);
      expect(text).not.toContain('staff:');
      expect(text).not.toContain('contract-c-osaka');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });
});
