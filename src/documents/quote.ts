/**
 * A termination quote as GET /v1/contracts/{id}/termination-quote answers it (schema
 * vpn-ledger.quote/v1): the day asked, the day the notice would arrive and the day the end would
 * take effect, the settlement for the rest of the minimum term (Annex 2), every line of the
 * contract in the last month billed, the months after it that would no longer be billed, and the
 * equipment to send back by its deadline (Art. 14(3)). Nothing is recorded. For a contractor, the
 * lines billed to it (a configuration job its VPN's parent holder instructed is the holder's).
 */
import type { ChargeLine } from '../projections';
import type { TerminationQuote } from '../read/quote';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { chargeLineJson } from './charges';
import { deadlineJson } from './contracts';

export const QUOTE_SCHEMA = 'vpn-ledger.quote/v1';

/** The lines of a quote a principal pays: all (staff), or those billed to `billTo`. */
export const quoteLines = (lines: readonly ChargeLine[], billTo: string | null): ChargeLine[] =>
  billTo === null ? [...lines] : lines.filter((l) => l.billTo === billTo);

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);

export const quoteJson = (q: TerminationQuote, lang: Lang, billTo: string | null) => {
  const line = (l: ChargeLine) => chargeLineJson(l, lang);
  const settlement = quoteLines(q.settlement, billTo);
  const last = q.lastMonth && quoteLines(q.lastMonth.lines, billTo);
  return {
    schema: QUOTE_SCHEMA,
    lang,
    contractId: q.ask.contractId,
    optionId: q.ask.optionId,
    requestedOn: q.ask.on,
    noticeArrivedOn: q.ask.noticeOn,
    effectiveOn: q.effectiveOn,
    recorded: false,
    settlement: { lines: settlement.map(line), total: sum(settlement) },
    lastMonth: q.lastMonth && {
      month: q.lastMonth.month,
      lines: last!.map(line),
      total: sum(last!),
    },
    savedFrom: q.savedFrom,
    returns: q.returns.map((d) => deadlineJson(d, lang)),
    note: renderer(lang).ui('quote.note'),
  };
};
