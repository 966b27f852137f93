/**
 * A charge line explained as text one pastes into a reply to a customer (the console's "copy as
 * text" block and `vpn-ledger explain --format text`): what the charge is, its article with its
 * headings, how the amount is worked out with its numbers named, the note, the facts it rests on in
 * date order, and where it is billed, in Japan time. No event ids, close ids, positions or staff
 * names: what a customer reads. Both languages from the same data.
 */
import type { ExplainedSource } from '../projections';
import type { LineExplanation } from '../read';
import { renderer } from '../render';
import { provisionNotes } from '../render/articles';
import type { Lang } from '../render/lang';
import { replyWords } from '../render/reply';

/**
 * The events behind a line in date order: as they occurred, then as they were recorded; an event
 * the line names that no timeline tells comes last, in the line's order.
 */
export const sourcesInDateOrder = (
  x: LineExplanation,
): { readonly eventId: string; readonly source: ExplainedSource | null }[] => {
  const said = new Map(x.sources.map((s) => [s.eventId, s]));
  return x.line.sources
    .map((eventId, i) => ({ eventId, source: said.get(eventId) ?? null, i }))
    .sort((a, b) => {
      if (a.source === null || b.source === null)
        return a.source === b.source ? a.i - b.i : a.source === null ? 1 : -1;
      const at = Date.parse(a.source.occurredAt) - Date.parse(b.source.occurredAt);
      if (at !== 0) return at;
      const rec = Date.parse(a.source.recordedAt) - Date.parse(b.source.recordedAt);
      return rec !== 0 ? rec : a.i - b.i;
    })
    .map(({ eventId, source }) => ({ eventId, source }));
};

/** A period of days in words: one day, or from..to. */
export const periodText = (lang: Lang, from: string, to: string): string => {
  const r = renderer(lang);
  if (from === to) return r.date(from);
  return lang === 'ja' ? `${r.date(from)}～${r.date(to)}` : `${from} to ${to}`;
};

/** The line explained as a reply to a customer, in `lang`. */
export const replyText = (x: LineExplanation, lang: Lang): string => {
  const r = renderer(lang);
  const l = x.line;
  const w = replyWords;
  const headings = provisionNotes(lang, x.article).map((n) => n.title);
  const out: string[] = [
    w(lang, 'reply.opening', { lineId: l.id, month: r.month(l.month) }),
    '',
    w(lang, 'reply.charge', {
      kind: r.word('chargeKind', l.kind),
      contractId: l.contractId,
      amount: r.money(l.amount),
      billTo: l.billTo,
      period: periodText(lang, l.period.from, l.period.to),
    }),
    w(lang, 'reply.article', {
      article: r.citation(x.article),
      headings: headings.length === 0 ? 'none' : headings.join(lang === 'ja' ? '、' : '; '),
    }),
    w(lang, 'reply.formula', { formula: r.formula(x.formula) }),
  ];
  const reading = r.formulaReading(x.formula);
  if (reading !== null) out.push(reading);
  if (x.policy) out.push(w(lang, 'reply.policy', { policy: r.policy(x.policy.name).description }));
  const note = r.notes(x.notes);
  if (note !== null) out.push(w(lang, 'reply.note', { note }));
  const events = sourcesInDateOrder(x).flatMap(({ source }) => (source ? [source] : []));
  if (events.length > 0) {
    out.push('', w(lang, 'reply.events'));
    for (const s of events)
      out.push(
        w(lang, 'reply.event', {
          date: r.date(s.date),
          text: r.step(s.step),
          article: r.citation(s.article),
        }),
      );
  }
  out.push('', ...billedText(x, lang), '', w(lang, 'reply.closing'));
  return `${out.join('\n')}\n`;
};

/** Where the line is billed, as a customer reads it: the bill, when it was closed, the corrections. */
export const billedText = (x: LineExplanation, lang: Lang): string[] => {
  const r = renderer(lang);
  const w = replyWords;
  const out: string[] = [];
  if (x.corrects)
    out.push(w(lang, 'reply.corrects', { lineId: x.corrects.lineId, month: r.month(x.corrects.month) }));
  const closed = x.closed;
  if (!closed) {
    const month = r.month(x.billedIn.month);
    out.push(w(lang, x.billedIn.status === 'open' ? 'reply.billedOpen' : 'reply.billedIn', { month }));
    return out;
  }
  const at = { month: r.month(closed.month), closedAt: r.instant(closed.close.closedAt) };
  out.push(w(lang, closed.invoiced ? 'reply.billedClosed' : 'reply.lateFact', at));
  for (const c of closed.corrections)
    out.push(
      w(lang, 'reply.adjusted', { status: c.status, amount: r.money(c.amount), month: r.month(c.month) }),
    );
  return out;
};
