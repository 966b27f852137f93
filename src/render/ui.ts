/**
 * The command line's own words: titles, column headers, summaries, the provenance line under a
 * table, the common "unknown" answers. One catalog, typed by its English keys, so a word missing in
 * Japanese fails the type check.
 */
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const EN = {
  // apply
  'apply.accepted':
    'line {line}: {mood, select, would {would be accepted} other {accepted}} {type} ({commandId}) → {events}{repeated, select, yes { (repeated command id: already applied, nothing new written)} other {}}',
  'apply.noEvents': '(no events)',
  'apply.rejected':
    'line {line}: {mood, select, would {would be rejected} other {rejected}} {what}: {code}{article, select, none {} other { [{article}]}} {message}{field, select, none {} other { (field {field})}}',
  'apply.invalidJson': 'line {line}: invalid JSON: {message}',
  'apply.unreadable': 'line {line}: {message}',
  'apply.summary':
    '{lines} command line(s): {accepted} accepted{repeated, plural, =0 {} other { ({repeated} repeated)}}, {rejected} rejected{invalidJson, plural, =0 {} other {, {invalidJson} invalid JSON}}{unreadable, plural, =0 {} other {, {unreadable} unreadable}}; {eventsWritten} event(s) written in {seconds} s ({rate} commands/s){stopped, select, none {} output {; stopped at line {stoppedAt} (the output failed)} other {; stopped at line {stoppedAt} (--stop-on-error)}}',
  // timeline
  'timeline.title': 'Timeline of contract {contractId}',
  'timeline.empty': '(nothing happened yet on that date)',
  'col.date': 'Date',
  'col.article': 'Article',
  'col.whatHappened': 'What happened',
  'col.event': 'Event',
  'col.recordedAt': 'Recorded at',
  // charges
  'charges.title': 'Charges for {month} (yen, tax excluded)',
  'charges.none': 'No charges for {month}.',
  'charges.totals': 'Totals per contractor billed',
  'charges.closed':
    'Closed at {closedAt} by {closedBy} (close {closeId}): the lines invoiced, which never change; later facts are billed as adjustments in the first open month.',
  'charges.recomputed':
    'Recomputed as effective on the date asked: {month} was closed at {closedAt} (close {closeId}), and what it invoiced is what `charges --month {month}` shows without --as-of.',
  'charges.carries':
    'Open: the first month not yet closed; it carries {count} adjustment(s) of closed months.',
  'col.contract': 'Contract',
  'col.billTo': 'Bill to',
  'col.kind': 'Kind',
  'col.period': 'Period',
  'col.amountYen': 'Amount (yen)',
  'col.formula': 'Formula',
  'col.lines': 'Lines',
  'col.totalYen': 'Total (yen)',
  'charges.all': 'all',
  // the CSV documents' header rows (English: the v1 column names programs match on)
  'csv.line_id': 'line_id',
  'csv.contract_id': 'contract_id',
  'csv.network_id': 'network_id',
  'csv.bill_to': 'bill_to',
  'csv.kind': 'kind',
  'csv.period_from': 'period_from',
  'csv.period_to': 'period_to',
  'csv.amount_yen': 'amount_yen',
  'csv.article': 'article',
  'csv.policy': 'policy',
  'csv.edition': 'edition',
  'csv.formula': 'formula',
  'csv.source_event_ids': 'source_event_ids',
  'csv.record': 'record',
  'csv.month': 'month',
  'csv.status': 'status',
  'csv.corrects_month': 'corrects_month',
  'csv.corrects_line_id': 'corrects_line_id',
  'csv.close_id': 'close_id',
  'csv.seal_digest': 'seal_digest',
  'csv.lines': 'lines',
  'csv.lines_yen': 'lines_yen',
  'csv.adjustments': 'adjustments',
  'csv.adjustments_yen': 'adjustments_yen',
  // explain
  'explain.title': 'Charge line {lineId}',
  'explain.billedIn': 'Where it is billed',
  'explain.billedOpen': 'Listed in {month}, not closed yet: the close of {month} will invoice it.',
  'explain.billedClosedAdjustment': 'On the invoice of {month}.',
  'explain.billedClosed': 'On the invoice of {month}: close {closeId}, {closedAt}.',
  'explain.notInvoiced':
    'Not on the invoice of {month} (close {closeId}, {closedAt}): the facts behind it were recorded after that close, so it is billed by adjustment.',
  'explain.recomputed':
    '{gone, select, yes {The log no longer derives this line (invoiced {invoiced}).} other {The log derives it now as {amount} (invoiced {invoiced}).}}',
  'explain.correction':
    '{status, select, invoiced {Adjustment {lineId}: {amount}, invoiced in {month} by close {closeId}.} other {Adjustment {lineId}: {amount}, carried into {month}, the first month not yet closed.}}',
  'explain.unexplained':
    '{amount} of the difference is covered by no adjustment: the views and the log disagree. Run `vpn-ledger verify`.',
  'explain.corrects':
    '{closeId, select, none {Corrects line {lineId} of {month}, a month closed before the ledger billed anything.} other {Corrects line {lineId} of {month}, invoiced by close {closeId} at {closedAt}.}}',
  'explain.why': 'Why: the events behind it ({count})',
  'explain.asStored': 'As stored',
  'explain.noPolicy': '(none: the amount is quoted, or fixed by the text)',
  'explain.network': '{contractId} (network {networkId})',
  'explain.unknownEvent': '(event {eventId})',
  'field.contract': 'contract',
  'field.billTo': 'bill to',
  'field.kind': 'kind',
  'field.period': 'period',
  'field.amount': 'amount',
  'field.article': 'article',
  'field.policy': 'policy',
  'field.edition': 'edition',
  'field.formula': 'formula',
  'field.formulaReading': 'its numbers',
  'quote.note':
    'A quote, worked out by what-if: nothing is recorded. An end takes effect only once its notice is sent (Art. 18, Art. 17(4)). Amounts in yen, tax excluded.',
  'field.note': 'note',
  'col.streamRev': 'Stream@rev',
  'col.occurredAt': 'Occurred at',
  'col.actor': 'Actor',
  'col.command': 'Command',
  'explain.notALineId':
    '"{lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic (see `vpn-ledger charges`).',
  'explain.unknownLine':
    'Unknown charge line {lineId}: its month has no such line{knownAt, select, none {} other { as known at {knownAt}}} (list them with `vpn-ledger charges --month YYYY-MM`).',
  // state
  'state.title': 'Contract {contractId} as effective on {date}',
  'state.notYet':
    'Contract {contractId} did not exist yet on {date} (its application was accepted on {acceptedOn}).',
  'field.status': 'status',
  'field.network': 'network',
  'field.type': 'type',
  'field.contractor': 'contractor',
  'field.item': 'item',
  'field.deviceModel': 'device model',
  'field.maintenance': 'maintenance',
  'field.billingStart': 'billing start',
  'field.monthlyFee': 'monthly fee',
  'field.minimumTerm': 'minimum term',
  'field.termination': 'termination',
  'state.networkValue': '{networkId} (parent holder {parentHolderId})',
  'state.noDevice': '(none: closed monitoring has no VPN device of its own)',
  'state.maintenanceValue': '{type} ({article}: {reason})',
  'state.notStarted': '(not started)',
  'state.noFee': '(none billed on this date)',
  'state.fee': '{fee} yen',
  'state.termValue': '{years} year(s); in force: {term}',
  'state.noTerm': '(none running)',
  'state.term': '{years} year(s) {start} to {end} ({reason}, {article})',
  'state.termination':
    '{terminated, select, yes {terminated} other {scheduled}}, effective {effectiveOn}{noticeArrivedOn, select, none {} other {; notice arrived {noticeArrivedOn}}}{requestedOn, select, none {} other {, requested {requestedOn}}}; ground {ground}{evidenceRef, select, none {} other { (evidence {evidenceRef})}}',
  'state.options': 'Options',
  'state.equipment': 'Equipment',
  'state.openFaults': 'Open faults',
  'state.openLosses': 'Open losses',
  'col.option': 'Option',
  'col.model': 'Model',
  'col.status': 'Status',
  'col.monthlyYen': 'Monthly (yen)',
  'col.billingStart': 'Billing start',
  'col.ends': 'Ends',
  'col.termInForce': 'Term in force',
  'col.item': 'Item',
  'col.since': 'Since',
  'col.fault': 'Fault',
  'col.reported': 'Reported',
  'col.outcome': 'Outcome',
  'col.loss': 'Loss',
  'col.replacementShipped': 'Replacement shipped',
  'col.chargeQuoted': 'Charge quoted',
  'state.notInvestigated': '(not investigated)',
  'state.notReported': '(not reported: not returned)',
  yes: 'yes',
  no: 'no',
  // terms
  'terms.none':
    'Contract {contractId} has no minimum term yet: a term starts on its billing start date (Art. 5).',
  'terms.title': 'Minimum terms of contract {contractId} (status on {date})',
  'col.of': 'Of',
  'col.years': 'Years',
  'col.start': 'Start',
  'col.end': 'End',
  'col.reason': 'Reason',
  'col.supersededOn': 'Superseded on',
  'col.cutShortOn': 'Ends early on',
  'terms.contract': 'contract',
  'terms.option': 'option {optionId} ({kind})',
  // deadlines
  'deadlines.title':
    '{all, select, yes {Return deadlines} other {Open return deadlines}} as of {date} (Art. 14(3): within 30 days of the end or change date)',
  'deadlines.none':
    '{all, select, yes {No equipment owed back} other {No open return deadlines}} as of {date}.',
  'col.from': 'From',
  'col.due': 'Due',
  'col.returned': 'Returned',
  'col.lossCharge': 'Loss charge',
  'col.note': 'Note',
  // verify
  'verify.ok':
    'OK: {events} event(s) in {streams} stream(s) of {store}: hash chains, schemas, global positions and seals hold.',
  'verify.sealsNone': 'Seals: none in the log (make one with `vpn-ledger seal` or `close`).',
  'verify.seals':
    'Seals: {checked}{published, select, none {} other { ({published} published)}}, {signatures, select, checked {signatures checked} other {signatures NOT checked (give the public key with --public-key or VPN_LEDGER_PUBLIC_KEY)}}; {events, select, none {none holds, so none of the {after} event(s) is under a seal that holds} other {the furthest that holds covers {events} event(s){position, select, none {} other { up to position {position}}}; {after} event(s) after it are not sealed yet}}.',
  'verify.broken':
    'BROKEN: {count} problem(s) in {events} event(s) of {store}; the first broken link of each stream:',
  'verify.failed': 'verification failed: {count} broken link(s); first: {where} {problem}.',
  'col.stream': 'Stream',
  'col.revision': 'Revision',
  'col.position': 'Position',
  'col.problem': 'Problem',
  'col.detail': 'Detail',
  'verify.globalLog': '(global log)',
  // demo
  'demo.loading':
    'vpn-ledger demo: loading {file} into {store}{note, select, deleted { (the previous demo ledger was deleted first)} new { (new file)} esdb { (not emptied: commands already there are recognised by their ids and not written again)} other {}}',
  'demo.explore': 'Explore it:',
  // close, seal, keygen
  'close.refused':
    '{what, select, seal {seal} other {close {month}}} refused: {code}{article, select, none {} other { [{article}]}} {message}',
  'close.repeated': '{month} was already closed by this command ({commandId}); nothing was written.',
  'close.closed': 'Closed {month}.',
  'close.invoiced':
    '{lines} line(s) and {adjustments} adjustment(s) invoiced, {total} yen, closed by {closedBy} at {closedAt}.',
  'close.reflects':
    'Close {closeId} ({streamId}); it reflects the log up to {position, select, none {an empty log} other {position {position}}} ({events} event(s)).',
  'close.seal': 'Seal {digest}, signed by key {keyId} (Ed25519).',
  'close.alreadyClosed':
    '{month} is already closed: closed by {closedBy} at {closedAt} (close {closeId}); nothing was written.',
  'close.through': 'Closing {first} to {through} in order ({count} month(s)), each its own close and seal.',
  'close.throughNothing': 'Every month through {through} is closed already; nothing was written.',
  'close.throughDone': 'Closed {count} month(s) through {through}.',
  'col.closeId': 'Close id',
  'col.closedBy': 'Closed by',
  'col.closedAt': 'Closed at',
  // months
  'months.title': 'Billing months, from the first charge to {month} (the current month)',
  'months.none': 'No billing month yet: nothing has been charged.',
  'months.closed': 'closed',
  'months.beforeFirst': 'closed (before the first close: nothing billed)',
  'months.next': 'open (next to close)',
  'months.open': 'open',
  'months.toClose':
    '{count} month(s) before this one still open: `vpn-ledger close --through {through}` closes them in order.',
  'months.viewsUnavailable': 'The months are read from the views, and they cannot answer: {problem}.',
  // statement
  'statement.title': 'Statement of charges',
  'statement.number': 'Statement no. {number}',
  'statement.billTo': 'Bill to',
  'statement.month': 'Billing month',
  'statement.closed': 'Closed',
  'statement.closedAtBy': '{closedAt}, by {closedBy}',
  'statement.closeId': 'Close id',
  'statement.ledgerId': 'Ledger id',
  'statement.taxExcluded':
    'All amounts are in yen without consumption tax, as the fees of Annex 1 are stated; consumption tax is added on the invoice.',
  'statement.lines': "The month's charges",
  'statement.noLines': 'No charge this month.',
  'statement.adjustments': 'Adjustments of closed months',
  'statement.adjustmentsNote':
    'Corrections to months already invoiced, learned after their close, carried into this month.',
  'statement.amountYen': 'Amount (yen, without tax)',
  'statement.subtotal': 'Subtotal ({count} line(s))',
  'statement.totals': 'Totals',
  'statement.linesTotal': 'Charges ({count} line(s))',
  'statement.adjustmentsTotal': 'Adjustments ({count} line(s))',
  'statement.total': 'Total (yen, without consumption tax)',
  'statement.seal':
    'Sealed: digest {digest}, signed by key {keyId} (Ed25519), over {events} event(s) up to position {position}. Anyone holding the public key can check that the ledger still holds what this statement shows.',
  'statement.notClosed':
    '{month} is not closed: a statement is of a closed month (`vpn-ledger close --month {monthId}`).',
  'statement.wrote': 'Wrote statement {number} of {billTo} for {month} to {path}.',
  'seal.done':
    '{repeated, select, yes {Already sealed by this command} other {Sealed}} {store} up to {position, select, none {the empty log} other {position {position}}} ({events} event(s)) at {sealedAt}.',
  'seal.recorded':
    'Seal {digest}, signed by key {keyId} (Ed25519); recorded as {streamId}@{revision} (event {eventId}).',
  'seal.publish':
    'Publish it outside the ledger (`--format json`); `vpn-ledger verify --seal FILE` checks the ledger against it.',
  'keygen.wrote':
    'Wrote the private key to {path} (mode 600: keep it away from the ledger and its backups) and the public key to {publicPath}.',
  'keygen.keyId': 'Key id {keyId}.',
  'keygen.use':
    'Sign with --key {path} (or VPN_LEDGER_SEAL_KEY); verify with --public-key {publicPath} (or VPN_LEDGER_PUBLIC_KEY).',
  // export
  'export.none': 'Nothing to invoice for {month}.',
  'export.draft': 'DRAFT invoices for {month}: the month is open, and these figures may still change.',
  'export.closed':
    'Invoices for {month}, closed at {closedAt} by {closedBy} (close {closeId}).\nSeal {digest} (key {keyId}): publish it with the invoices.',
  'export.notClosed':
    '{month} is not closed: close it first (`vpn-ledger close --month {month}`), or export a draft with --draft.',
  'export.nothingBilled': 'Nothing is billed to {billTo} in {month}.',
  'col.chargesYen': 'Charges (yen)',
  'col.adjustments': 'Adjustments',
  'col.adjustedYen': 'Adjusted (yen)',
  // what-if
  'whatIf.title': 'What if (a dry run: nothing is recorded)',
  'whatIf.noEvents': 'No event would be written.',
  'whatIf.events': 'Events that would be written',
  'whatIf.noCharges': 'No charge line would change.',
  'whatIf.charges': "Charge lines that would change (yen, tax excluded), against today's figures",
  'whatIf.totals': "The month's lines of {contracts}, per contractor billed",
  'whatIf.ongoing': 'From {month} on, every month differs as {month} does: {difference} yen a month.',
  'whatIf.noTerms': 'No minimum term would change.',
  'whatIf.terms': 'Minimum terms that would change (status on {date})',
  'whatIf.noDeadlines': 'No return deadline would change.',
  'whatIf.deadlines': 'Return deadlines that would change (Art. 14(3); status on {date})',
  'whatIf.basis':
    "(today's figures and the what-if's from {store} as it stood at {position, select, none {an empty log} other {position {position}}}; only the contracts the commands touch: {contracts}{knownAt, select, none {} other {; as known at {knownAt}}}{asOf, select, none {} other {; as effective on {asOf}}}; nothing was written)",
  'whatIf.noContracts': 'none',
  'whatIf.summary':
    'what-if: {lines} command line(s): {accepted} would be accepted{repeated, plural, =0 {} other { ({repeated} repeated)}}, {rejected} would be rejected{invalidJson, plural, =0 {} other {, {invalidJson} invalid JSON}}{unreadable, plural, =0 {} other {, {unreadable} unreadable}}; {events} event(s) would be written; nothing was written{stoppedAt, select, none {} other {; stopped at line {stoppedAt} (--stop-on-error)}}',
  'change.was': 'was',
  'change.wouldBe': 'would be',
  'change.added': 'added',
  'change.removed': 'removed',
  'col.month': 'Month',
  'col.change': 'Change',
  'col.rev': 'Rev',
  'col.todayYen': 'Today (yen)',
  'col.whatIfYen': 'What if (yen)',
  'col.difference': 'Difference',
  // catalog
  'catalog.summary':
    'Provider catalog: {count} edition(s) (shipped{file, select, none {} other {, and {file}}}); in force on {on}: {inForce, select, none {(none)} other {{inForce}}}',
  'catalog.noEdition': 'No catalog edition {edition}; the editions are {editions}.',
  'catalog.designatedFor': 'designated for {option}',
  'catalog.noModels': '(none)',
  'catalog.annex4': 'Annex 4 (Art. 9(1)): {count} allowed change(s)',
  'field.effectiveFrom': 'effective from',
  'field.source': 'source',
  'col.edition': 'Edition',
  'col.effectiveFrom': 'Effective from',
  'col.vpnDevices': 'VPN devices',
  'col.switches': 'Switches',
  'col.legacy': 'Legacy',
  'col.annex4Pairs': 'Annex 4 pairs',
  'col.role': 'Role',
  'col.family': 'Family',
  'col.fromModel': 'From',
  'col.toModel': 'To',
  'field.catalogEdition': 'edition',
  // demo
  'demo.inJapanese':
    'In Japanese (--lang ja, or VPN_LEDGER_LANG=ja, or a ja_JP locale): the timeline of {contractId}, and a command the terms refuse (a dry run: nothing is written).',
  'demo.closing': 'Closing {first} to {month} in order, each sealed with a key made for the demo ({keyPath})',
  'col.sealedEvents': 'Sealed events',
  'col.sealDigest': 'Seal digest (first 16)',
  // read commands
  'provenance.line':
    "({applied} event(s) from {store}, read from {source, select, views {the views} streams {the contract's own streams} other {the whole log}} up to {position, select, none {an empty log} other {position {position}}}{knownAt, select, none {} other {; as known at {knownAt} ({leftOut} later event(s) left out)}}{asOf, select, none {} other {; as effective on {asOf}}}{viewsProblem, select, none {} other {; not from the views: {viewsProblem} (run `vpn-ledger rebuild`)}})",
  'unknown.contract':
    'Unknown contract {contractId}: the ledger{knownAt, select, none {} other { as known at {knownAt}}} has no accepted application with that id.',
  'views.problem':
    "{viewsCode, select, views_not_configured {no views are configured for this store} views_not_built {this ledger has no views yet} views_other_version {the views are of version {version}, this program derives version {expected}} views_stale {the views stopped following the log: {detail}} views_differ {the views' {table} does not hold what the log recorded for {month} (run `vpn-ledger verify`)} other {{viewsCode}}}",
  'open.problem':
    '{openCode, select, no_ledger {No ledger at {path}: apply some commands first, or name another store with --store or {env}.} no_directory {Cannot create a ledger at {path}: the directory {directory} does not exist.} is_directory {{path} is a directory, not an SQLite ledger file.} other {{detail}}}',
  'progress.rebuild': 'rebuilding the views |{bar}| {value}/{total} events',
  'progress.readingLog': 'reading the log |{bar}| {value} events',
  'views.rebuilt': 'vpn-ledger: rebuilt the views from {events} event(s) ({reason}).',
  'store.sqlite': 'SQLite file {path}',
  'store.memory': 'memory store (not kept after this run)',
  'store.esdb': 'EventStoreDB at {where}',
  // the server's own answers (src/server)
  'server.whatIfStaffOnly': 'A what-if is for staff: it reads every contract the commands touch.',
  'server.noSealKey':
    'This server has no seal key, and a close is sealed: start it with --seal-key PATH or VPN_LEDGER_SEAL_KEY (make a key with `vpn-ledger keygen`), or close with `vpn-ledger close --key PATH`.',
  'server.monthNotClosed':
    '{month} is not closed: close it first (POST /v1/months/{month}/close), or ask for a draft with draft=true.',
  'server.noInvoice': 'Nothing is billed to {billTo} in {month}.',
  'server.viewsUnavailable': 'The months are read from the views, and they cannot answer: {problem}.',
  'server.searchViewsUnavailable': 'The search reads the views: {problem}.',
  'server.shuttingDown': 'The server is shutting down; retry on another instance or later.',
  'server.noToken': 'Send a bearer token: Authorization: Bearer <token> (`vpn-ledger token add` makes one).',
  'server.invalidToken': 'The bearer token is unknown, revoked or expired.',
  'server.notDisclosed':
    "The {what, select, terms {minimum terms} other {return deadlines}} of contract {contractId} are its holder's: as the VPN's parent holder you see its settings, the configuration changes you instructed and what is billed to you.",
  'server.verifyStaffOnly': 'Verifying the whole log is for staff: it reads every contract.',
  'server.unknownLine':
    'Unknown charge line {lineId}: its month has no such line{knownAt, select, none {} other { as known at {knownAt}}}.',
  'server.notALineId':
    '"{lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic (see GET /v1/charges).',
  'server.bodyTooLarge': 'The request body is larger than {bytes} bytes.',
  'server.noSuchRoute': 'No route {method} {route}; the API is described at {openapi}.',
  'server.internalError': 'Internal error (request {requestId}); the log has the details.',
  // the change feed (GET /v1/feed)
  'feed.contract': '{event}: contract {contractId}',
  'feed.network': '{event}: VPN {networkId}, contract {contractId}',
  'feed.monthClosed': '{month} closed by {closedBy}: {lines} line(s), {total}',
  'feed.sealed': '{event}: the log up to position {position}',
  'server.feedStreams':
    'This principal has {open} event streams open, the most allowed at once: close one, or read the feed as JSON Lines.',
  'server.badCursor':
    '"{after}" is not a position of the log: send the position of the last feed item read (0: from the start).',
  // webhooks
  'webhooks.added':
    'vpn-ledger: subscription {id} added to {store}: {kinds} to {url}, for the facts recorded after {position, select, none {the start of the log} other {position {position}}}. Its signing secret is on stdout, shown only now.',
  'webhooks.none': 'No webhook subscriptions in {store}.',
  'webhooks.removed':
    'vpn-ledger: subscription {id} removed{dropped, plural, =0 {} other {; {dropped} delivery(ies) not yet delivered were dropped}}.',
  'webhooks.unknown': 'No webhook subscription {id} in {store} (see `vpn-ledger webhooks list`).',
  'webhooks.redelivered':
    'vpn-ledger: delivery {deliveryId} will be sent again, before anything its subscription still has pending.',
  'webhooks.unknownDelivery': 'No webhook delivery {deliveryId} in {store}.',
  'webhooks.parked':
    'Parked deliveries: each holds its subscription back until `vpn-ledger webhooks redeliver DELIVERY`.',
  'webhooks.failure':
    '{failure, select, http {HTTP {status}} timeout {no answer within {ms} ms} other {no connection ({detail})}}',
  'webhooks.state': '{state, select, parked {parked} other {active}}',
  'webhooks.badUrl':
    'The receiver must be an http:// or https:// URL with a host, without a user or password: {url}.',
  'webhooks.badKinds': 'Unknown webhook kind "{kind}": choose from {choices}.',
  'webhooks.needsViews':
    'An EventStoreDB store keeps its webhooks in its views file: name it with --views sqlite:PATH (kept by `vpn-ledger project --follow`).',
  'webhooks.memory':
    'A memory store keeps nothing after the run: webhooks need a ledger file (sqlite:PATH) or an EventStoreDB views file.',
  'webhooks.delivering':
    'vpn-ledger webhooks deliver: delivering the outbox of {store} ({subscriptions} subscription(s)); stop with SIGINT or SIGTERM.',
  'webhooks.stopped': 'vpn-ledger webhooks deliver: stopped.',
  'webhooks.serving':
    'vpn-ledger serve: delivering webhooks from the outbox ({subscriptions} subscription(s)).',
  'col.subscription': 'Subscription',
  'col.receiver': 'Receiver',
  'col.kinds': 'Kinds',
  'col.label': 'Label',
  'col.pending': 'Pending',
  'col.delivered': 'Delivered',
  'col.state': 'State',
  'col.delivery': 'Delivery',
  'col.attempts': 'Attempts',
  'col.lastFailure': 'Last failure',
  'col.parkedAt': 'Parked at',
  // the server's limits and the framework's own errors (issue 26)
  'server.invalidRequest': '{problems}',
  'server.invalidJson': 'Invalid JSON: {message}',
  'server.emptyBody': 'The body is empty: send {accepts}.',
  'server.mediaType': 'Content-Type {type} is not accepted at {route}: send {accepts}.',
  'server.batchTooLarge':
    'The batch has {lines} command lines; at most {max} are taken at once{queue, select, yes { (the command queue never holds more)} other {}}: split it.',
  'server.batchTooManyLines':
    'The batch has more than {max} lines (blank and comment lines included); at most {commands} command lines are taken at once: split it.',
  'server.queueFull': 'The command queue is full ({queued} waiting); retry in {seconds} s.',
  'server.queueTimeout': 'The command waited {ms} ms for its turn and was not executed; retry it.',
  'server.readTimeout': 'The answer took longer than {ms} ms and was abandoned; ask a narrower question.',
  'server.turnTimeout': 'The request waited {ms} ms for its turn and was not answered; retry it.',
  'server.tooManyWaiting': '{waiting} of your requests are waiting already; retry in {seconds} s.',
  'server.storeUnavailable': 'The ledger store is unavailable; retry in a moment.',
  'server.storeError': 'The ledger store failed (request {requestId}); the log has the details.',
  'server.corruptEvent':
    'Event {where} of the log cannot be read: {detail}. Run `vpn-ledger verify` to check the whole log.',
  'server.corruptEventHidden':
    'An event of the log this answer needs cannot be read (request {requestId}); staff can find it with `vpn-ledger verify`.',
  'server.badUrl': 'The address {path} is not valid: its percent-encoded characters are not text.',
  'server.headersTooLarge': 'The request headers are larger than {bytes} bytes.',
  'server.unreadableRequest': 'The request could not be read ({code}).',
  'server.requestTimeout': 'The request did not arrive in full within {ms} ms.',
  'server.badRequest': 'The request could not be read ({code}): {message}',
  'server.tooManyConnections':
    'Too many connections {where, select, address {from your address} other {to this server}}; retry later.',
  'server.notReady':
    'Not ready: {reason, select, tokens {the token file cannot be read, so no token is accepted until it is mended (the server log says why)} draining {the server is shutting down} other {the ledger store cannot be reached}}.',
} as const;

export type UiKey = keyof typeof EN;

const JA: Messages<UiKey> = {
  'apply.accepted':
    '{line}行目: {mood, select, would {承諾見込み} other {承諾}} {type}（{commandId}）→ {events}{repeated, select, yes {（同じコマンドIDで適用済み。新たな書き込みなし）} other {}}',
  'apply.noEvents': '（イベントなし）',
  'apply.rejected':
    '{line}行目: {mood, select, would {却下見込み} other {却下}} {what}: {code}{article, select, none {} other { [{article}]}} {message}{field, select, none {} other {（項目 {field}）}}',
  'apply.invalidJson': '{line}行目: JSONとして読めません: {message}',
  'apply.unreadable': '{line}行目: {message}',
  'apply.summary':
    'コマンド{lines}行: 承諾{accepted}件{repeated, plural, =0 {} other {（うち適用済み{repeated}件）}}、却下{rejected}件{invalidJson, plural, =0 {} other {、JSON不正{invalidJson}件}}{unreadable, plural, =0 {} other {、読み取り不能{unreadable}件}}。イベント{eventsWritten}件を{seconds}秒で書き込み（毎秒{rate}コマンド）{stopped, select, none {} output {。出力に失敗したため{stoppedAt}行目で中止} other {。--stop-on-error により{stoppedAt}行目で中止}}',
  'timeline.title': '契約 {contractId} の経緯',
  'timeline.empty': '（その日までに記録された事実はありません）',
  'col.date': '日付',
  'col.article': '条項',
  'col.whatHappened': '内容',
  'col.event': 'イベント',
  'col.recordedAt': '記録日時',
  'charges.title': '{monthText}の料金（円、税抜）',
  'charges.none': '{monthText}の料金はありません。',
  'charges.totals': '請求先ごとの合計',
  'charges.closed':
    '{closedAt}に {closedBy} が締めました（締め {closeId}）。請求した明細であり、変わることはありません。後から判明した事実は最初の未締めの月に調整として請求します。',
  'charges.recomputed':
    '指定日時点で有効なものとして再計算しました: {monthText}は{closedAt}に締められており（締め {closeId}）、請求した明細は --as-of を付けない `charges --month {month}` で表示されます。',
  'charges.carries': '未締め: まだ締められていない最初の月であり、締め済みの月の調整{count}件を含みます。',
  'col.contract': '契約',
  'col.billTo': '請求先',
  'col.kind': '種別',
  'col.period': '期間',
  'col.amountYen': '金額（円）',
  'col.formula': '計算',
  'col.lines': '件数',
  'col.totalYen': '合計（円）',
  'charges.all': '総計',
  'csv.line_id': '明細ID',
  'csv.contract_id': '契約ID',
  'csv.network_id': 'VPN網ID',
  'csv.bill_to': '請求先',
  'csv.kind': '種別',
  'csv.period_from': '期間の初日',
  'csv.period_to': '期間の末日',
  'csv.amount_yen': '金額（円、税抜）',
  'csv.article': '条項',
  'csv.policy': '方針',
  'csv.edition': '約款の版',
  'csv.formula': '計算',
  'csv.source_event_ids': '根拠のイベントID',
  'csv.record': '行の種類',
  'csv.month': '請求月',
  'csv.status': '締めの状態',
  'csv.corrects_month': '調整する月',
  'csv.corrects_line_id': '調整する明細ID',
  'csv.close_id': '締めID',
  'csv.seal_digest': '封印のダイジェスト',
  'csv.lines': '明細の件数',
  'csv.lines_yen': '明細の金額（円、税抜）',
  'csv.adjustments': '調整の件数',
  'csv.adjustments_yen': '調整の金額（円、税抜）',
  'explain.title': '料金明細 {lineId}',
  'explain.billedIn': '請求',
  'explain.billedOpen': '{month}の明細です。まだ締めていません。{month}の締めで請求します。',
  'explain.billedClosedAdjustment': '{month}の請求書に載っています。',
  'explain.billedClosed': '{month}の請求書に載っています（締め {closeId}、{closedAt}）。',
  'explain.notInvoiced':
    '{month}の請求書（締め {closeId}、{closedAt}）には載っていません。根拠となる事実がその締めの後に記録されたため、調整として請求します。',
  'explain.recomputed':
    '{gone, select, yes {ログからはこの明細はもう導かれません（請求済み {invoiced}）。} other {ログから今導くと {amount} です（請求済み {invoiced}）。}}',
  'explain.correction':
    '{status, select, invoiced {調整 {lineId}: {amount}。{month}に締め {closeId} で請求済み。} other {調整 {lineId}: {amount}。最初の未締めの月である{month}に繰り越して請求します。}}',
  'explain.unexplained':
    '差額のうち {amount} はどの調整にも当たりません。ビューとログが一致していません。`vpn-ledger verify` を実行してください。',
  'explain.corrects':
    '{closeId, select, none {{month}の明細 {lineId} を調整します（台帳が何も請求していなかった頃に締めた月）。} other {{month}の明細 {lineId}（締め {closeId}、{closedAt}で請求）を調整します。}}',
  'explain.why': '根拠となる事実（{count}件）',
  'explain.asStored': '記録されたイベント',
  'explain.noPolicy': '（なし: 当社が示した金額、又は約款が定める金額）',
  'explain.network': '{contractId}（VPN網 {networkId}）',
  'explain.unknownEvent': '（イベント {eventId}）',
  'field.contract': '契約',
  'field.billTo': '請求先',
  'field.kind': '種別',
  'field.period': '期間',
  'field.amount': '金額',
  'field.article': '条項',
  'field.policy': '方針',
  'field.edition': '約款の版',
  'field.formula': '計算',
  'field.formulaReading': '数の意味',
  'quote.note':
    '試算（what-if）による見積りで、何も記録していません。解約又は利用の停止は、その通知が到達して初めて効力を生じます（第18条、第17条第4項）。金額は税抜の円です。',
  'field.note': '注記',
  'col.streamRev': 'ストリーム@リビジョン',
  'col.occurredAt': '発生日時',
  'col.actor': '実行者',
  'col.command': 'コマンド',
  'explain.notALineId':
    '「{lineId}」は料金明細のIDではありません。IDは c-100:2025-10:monthly-basic のような形です（`vpn-ledger charges` を参照）。',
  'explain.unknownLine':
    '料金明細 {lineId} はありません: その月にそのような明細はありません{knownAt, select, none {} other {（{knownAt}時点の台帳）}}（`vpn-ledger charges --month YYYY-MM` で一覧できます）。',
  'state.title': '契約 {contractId}（{date}時点）',
  'state.notYet': '契約 {contractId} は{date}にはまだありませんでした（申込の承諾日は{acceptedOn}）。',
  'field.status': '状態',
  'field.network': 'VPN網',
  'field.type': '種類',
  'field.contractor': '契約者',
  'field.item': '品目',
  'field.deviceModel': '機器種別',
  'field.maintenance': '保守種別',
  'field.billingStart': '課金開始日',
  'field.monthlyFee': '月額費用',
  'field.minimumTerm': '最低利用期間',
  'field.termination': '解除',
  'state.networkValue': '{networkId}（親たる契約の契約者 {parentHolderId}）',
  'state.noDevice': '（なし: クローズドモニタリングは自らのVPN機器を持たない）',
  'state.maintenanceValue': '{type}（{article}: {reason}）',
  'state.notStarted': '（課金開始前）',
  'state.noFee': '（この日の課金なし）',
  'state.fee': '{fee}円',
  'state.termValue': '{years}年。現在の期間: {term}',
  'state.noTerm': '（期間中のものなし）',
  'state.term': '{years}年 {start}～{end}（{reason}、{article}）',
  'state.termination':
    '{terminated, select, yes {解除済み} other {解除予定}}、{effectiveOn}に効力発生{noticeArrivedOn, select, none {} other {。通知の到達日 {noticeArrivedOn}}}{requestedOn, select, none {} other {、指定日 {requestedOn}}}。事由: {ground}{evidenceRef, select, none {} other {（根拠資料 {evidenceRef}）}}',
  'state.options': 'オプションサービス',
  'state.equipment': 'VPN機器等',
  'state.openFaults': '未解決の故障',
  'state.openLosses': '未了の亡失',
  'col.option': 'オプション',
  'col.model': '機器種別',
  'col.status': '状況',
  'col.monthlyYen': '月額（円）',
  'col.billingStart': '課金開始日',
  'col.ends': '終了日',
  'col.termInForce': '最低利用期間',
  'col.item': '機器',
  'col.since': '開始日',
  'col.fault': '故障',
  'col.reported': '通知日',
  'col.outcome': '調査結果',
  'col.loss': '亡失',
  'col.replacementShipped': '代替機送付',
  'col.chargeQuoted': '亡失負担金提示',
  'state.notInvestigated': '（未調査）',
  'state.notReported': '（通知なし: 返還がなかったもの）',
  yes: 'あり',
  no: 'なし',
  'terms.none':
    '契約 {contractId} にはまだ最低利用期間がありません。最低利用期間の起算日は課金開始日です（第5条）。',
  'terms.title': '契約 {contractId} の最低利用期間（{date}時点の状況）',
  'col.of': '対象',
  'col.years': '年数',
  'col.start': '起算日',
  'col.end': '末日',
  'col.reason': '事由',
  'col.supersededOn': '再設定日',
  'col.cutShortOn': '途中終了日',
  'terms.contract': '契約',
  'terms.option': 'オプション {optionId}（{kind}）',
  'deadlines.title':
    '{date}時点の{all, select, yes {返還期限} other {未了の返還期限}}（第14条第3項: 終了日又は変更日から30日以内）',
  'deadlines.none':
    '{date}時点で{all, select, yes {返還すべき機器はありません} other {未了の返還期限はありません}}。',
  'col.from': '起算日',
  'col.due': '期限',
  'col.returned': '返還日',
  'col.lossCharge': '亡失負担金',
  'col.note': '注記',
  'verify.ok':
    '正常: {store} のイベント{events}件（ストリーム{streams}本）。ハッシュチェーン、スキーマ、グローバル位置、封印はすべて整合しています。',
  'verify.sealsNone': '封印: ログにありません（`vpn-ledger seal` または `close` で作成できます）。',
  'verify.seals':
    '封印: {checked}件{published, select, none {} other {（うち公開済み{published}件）}}、{signatures, select, checked {署名を検証済み} other {署名は未検証（--public-key または VPN_LEDGER_PUBLIC_KEY で公開鍵を指定してください）}}。{events, select, none {有効な封印はなく、イベント{after}件はいずれも封印されていません} other {有効な封印のうち最も新しいものはイベント{events}件{position, select, none {} other {（位置{position}まで）}}を覆い、その後のイベント{after}件はまだ封印されていません}}。',
  'verify.broken': '異常: {store} のイベント{events}件に問題が{count}件あります。各ストリームの最初の不整合:',
  'verify.failed': '検証に失敗しました: 不整合{count}件。最初の不整合: {where} {problem}。',
  'col.stream': 'ストリーム',
  'col.revision': 'リビジョン',
  'col.position': '位置',
  'col.problem': '問題',
  'col.detail': '詳細',
  'verify.globalLog': '（ログ全体）',
  'demo.loading':
    'vpn-ledger demo: {file} を {store} に読み込みます{note, select, deleted {（以前のデモ台帳は先に削除しました）} new {（新しいファイル）} esdb {（空にはしません。既にあるコマンドはIDで識別され、重ねて書き込まれません）} other {}}',
  'demo.explore': '詳しく見るには:',
  'close.refused':
    '{what, select, seal {封印} other {{month}の締め}}は却下されました: {code}{article, select, none {} other { [{article}]}} {message}',
  'close.repeated': '{month}はこのコマンド（{commandId}）で既に締めています。新たな書き込みはありません。',
  'close.closed': '{month}を締めました。',
  'close.invoiced':
    '明細{lines}件と調整{adjustments}件を請求しました。合計{total}円。{closedAt}に {closedBy} が締めました。',
  'close.reflects':
    '締め {closeId}（{streamId}）。{position, select, none {空のログ} other {ログの位置{position}まで}}（イベント{events}件）を反映しています。',
  'close.seal': '封印 {digest}（鍵 {keyId} による Ed25519 署名）。',
  'close.alreadyClosed':
    '{month}は既に締めています: {closedAt}に {closedBy} が締めました（締め {closeId}）。新たな書き込みはありません。',
  'close.through': '{first}から{through}までの{count}か月を順に締め、それぞれを封印します。',
  'close.throughNothing': '{through}までの月はすべて締めてあります。新たな書き込みはありません。',
  'close.throughDone': '{through}までの{count}か月を締めました。',
  'col.closeId': '締めID',
  'col.closedBy': '締めた者',
  'col.closedAt': '締めた日時',
  'months.title': '請求月（最初の課金から今月{month}まで）',
  'months.none': '請求月はまだありません。課金されたものがありません。',
  'months.closed': '締め済み',
  'months.beforeFirst': '締め済み（最初の締めより前。請求なし）',
  'months.next': '未締め（次に締める月）',
  'months.open': '未締め',
  'months.toClose':
    '今月より前に未締めの月が{count}か月あります。`vpn-ledger close --through {through}` で順に締められます。',
  'months.viewsUnavailable': '月はビューから読みますが、ビューが応答できません: {problem}。',
  'statement.title': '料金明細書',
  'statement.number': '明細書番号 {number}',
  'statement.billTo': '請求先',
  'statement.month': '請求月',
  'statement.closed': '締め',
  'statement.closedAtBy': '{closedAt}（{closedBy}）',
  'statement.closeId': '締めID',
  'statement.ledgerId': '台帳ID',
  'statement.taxExcluded':
    '金額はすべて消費税を含まない円額です（別紙1の料金の定めのとおり）。消費税は請求書で加算します。',
  'statement.lines': '当月の料金',
  'statement.noLines': '当月の料金はありません。',
  'statement.adjustments': '締め済みの月の調整',
  'statement.adjustmentsNote': '請求済みの月について締めの後に判明した訂正を、当月に繰り入れたものです。',
  'statement.amountYen': '金額（円、税抜）',
  'statement.subtotal': '小計（{count}件）',
  'statement.totals': '合計',
  'statement.linesTotal': '料金（{count}件）',
  'statement.adjustmentsTotal': '調整（{count}件）',
  'statement.total': '合計（円、消費税を含まない）',
  'statement.seal':
    '封印: ダイジェスト {digest}（鍵 {keyId} による Ed25519 署名）。位置{position}までのイベント{events}件を対象とします。公開鍵があれば、台帳がこの明細書の内容を今も保持していることを誰でも確かめられます。',
  'statement.notClosed':
    '{month}はまだ締めていません。明細書は締めた月について作成します（`vpn-ledger close --month {monthId}`）。',
  'statement.wrote': '{month}の {billTo} の明細書 {number} を {path} に書き込みました。',
  'seal.done':
    '{store} を{position, select, none {空のログ} other {位置{position}まで}}（イベント{events}件）{sealedAt}に{repeated, select, yes {封印済みです（このコマンドで封印したもの）} other {封印しました}}。',
  'seal.recorded':
    '封印 {digest}（鍵 {keyId} による Ed25519 署名）。{streamId}@{revision}（イベント {eventId}）として記録しました。',
  'seal.publish':
    '台帳の外で公開してください（`--format json`）。`vpn-ledger verify --seal FILE` で台帳をこの封印と照合できます。',
  'keygen.wrote':
    '秘密鍵を {path} に（モード600。台帳とそのバックアップから離して保管してください）、公開鍵を {publicPath} に書き込みました。',
  'keygen.keyId': '鍵ID {keyId}。',
  'keygen.use':
    '署名には --key {path}（又は VPN_LEDGER_SEAL_KEY）を、検証には --public-key {publicPath}（又は VPN_LEDGER_PUBLIC_KEY）を指定します。',
  'export.none': '{month}に請求するものはありません。',
  'export.draft': '{month}の請求書の下書きです。この月はまだ締めておらず、金額は変わることがあります。',
  'export.closed':
    '{month}の請求書。{closedAt}に {closedBy} が締めました（締め {closeId}）。\n封印 {digest}（鍵 {keyId}）。請求書とともに公開してください。',
  'export.notClosed':
    '{month}はまだ締めていません。先に締めるか（`vpn-ledger close --month {monthId}`）、--draft を付けて下書きを出力してください。',
  'export.nothingBilled': '{month}に {billTo} への請求はありません。',
  'col.chargesYen': '料金（円）',
  'col.adjustments': '調整件数',
  'col.adjustedYen': '調整額（円）',
  'whatIf.title': '仮に実行した場合（試行であり、何も記録しません）',
  'whatIf.noEvents': '書き込まれるイベントはありません。',
  'whatIf.events': '書き込まれるイベント',
  'whatIf.noCharges': '変わる料金明細はありません。',
  'whatIf.charges': '変わる料金明細（円、税抜）。現在の金額との比較',
  'whatIf.totals': '{contracts} のその月の明細の請求先ごとの合計',
  'whatIf.ongoing': '{month}以後は毎月、{month}と同じく月{difference}円の差が生じます。',
  'whatIf.noTerms': '変わる最低利用期間はありません。',
  'whatIf.terms': '変わる最低利用期間（{date}時点の状況）',
  'whatIf.noDeadlines': '変わる返還期限はありません。',
  'whatIf.deadlines': '変わる返還期限（第14条第3項。{date}時点の状況）',
  'whatIf.basis':
    '（現在の金額と試行の結果は {store} の{position, select, none {空のログ} other {位置{position}}}の時点のもの。対象はコマンドが関わる契約だけ: {contracts}{knownAt, select, none {} other {。{knownAt}時点で台帳が知っていたもの}}{asOf, select, none {} other {。{asOf}時点で有効なもの}}。何も書き込んでいません）',
  'whatIf.noContracts': 'なし',
  'whatIf.summary':
    'what-if: コマンド{lines}行: 承諾見込み{accepted}件{repeated, plural, =0 {} other {（うち適用済み{repeated}件）}}、却下見込み{rejected}件{invalidJson, plural, =0 {} other {、JSON不正{invalidJson}件}}{unreadable, plural, =0 {} other {、読み取り不能{unreadable}件}}。書き込まれるはずのイベント{events}件。何も書き込んでいません{stoppedAt, select, none {} other {。--stop-on-error により{stoppedAt}行目で中止}}',
  'change.was': '現在',
  'change.wouldBe': '試行後',
  'change.added': '追加',
  'change.removed': '削除',
  'col.month': '月',
  'col.change': '変化',
  'col.rev': 'リビジョン',
  'col.todayYen': '現在（円）',
  'col.whatIfYen': '試行後（円）',
  'col.difference': '差額',
  'catalog.summary':
    '当社カタログ: {count}版（同梱{file, select, none {} other {、及び {file}}}）。{on}に適用される版: {inForce, select, none {（なし）} other {{inForce}}}',
  'catalog.noEdition': 'カタログ版 {edition} はありません。版は {editions} です。',
  'catalog.designatedFor': '{option}の指定機器種別',
  'catalog.noModels': '（なし）',
  'catalog.annex4': '別紙4（第9条第1項）: 認められる変更{count}件',
  'field.effectiveFrom': '適用開始日',
  'field.source': '出典',
  'col.edition': '版',
  'col.effectiveFrom': '適用開始日',
  'col.vpnDevices': 'VPN機器',
  'col.switches': 'スイッチ機器',
  'col.legacy': '旧機種',
  'col.annex4Pairs': '別紙4の組',
  'col.role': '役割',
  'col.family': '系列',
  'col.fromModel': '変更前',
  'col.toModel': '変更後',
  'field.catalogEdition': '版',
  'demo.inJapanese':
    '日本語の出力（--lang ja、VPN_LEDGER_LANG=ja 又は ja_JP のロケール）: 契約 {contractId} の経緯と、約款が認めないコマンドの却下（試行。何も書き込みません）。',
  'demo.closing': '{first}から{month}までを順に締め、それぞれをデモ用に作った鍵（{keyPath}）で封印します',
  'col.sealedEvents': '封印したイベント',
  'col.sealDigest': '封印のダイジェスト（先頭16桁）',
  'provenance.line':
    '（{store} のイベント{applied}件。{source, select, views {ビュー} streams {契約自身のストリーム} other {ログ全体}}から{position, select, none {空のログ} other {位置{position}まで}}を読み取り{knownAt, select, none {} other {。{knownAt}時点で台帳が知っていたもの（それより後のイベント{leftOut}件は除外）}}{asOf, select, none {} other {。{asOf}時点で有効なもの}}{viewsProblem, select, none {} other {。ビューは使わず: {viewsProblem}（`vpn-ledger rebuild` を実行してください）}}）',
  'unknown.contract':
    '契約 {contractId} はありません: 台帳{knownAt, select, none {} other {（{knownAt}時点）}}にそのIDの承諾された申込はありません。',
  'views.problem':
    '{viewsCode, select, views_not_configured {このストアにはビューが設定されていません} views_not_built {この台帳にはまだビューがありません} views_other_version {ビューは版{version}ですが、このプログラムは版{expected}を導きます} views_stale {ビューはログへの追従を止めています: {detail}} views_differ {ビューの{table}は{month}についてログの記録と一致しません（`vpn-ledger verify` を実行してください）} other {{viewsCode}}}',
  'open.problem':
    '{openCode, select, no_ledger {{path} に台帳がありません。先にコマンドを適用するか、--store または {env} で別のストアを指定してください。} no_directory {{path} に台帳を作れません。ディレクトリ {directory} がありません。} is_directory {{path} はディレクトリで、SQLiteの台帳ファイルではありません。} other {EventStoreDBに接続できません: {detail}}}',
  'progress.rebuild': 'ビューを再構築中 |{bar}| {value}/{total} イベント',
  'progress.readingLog': 'ログを読み取り中 |{bar}| {value} イベント',
  'views.rebuilt': 'vpn-ledger: {events}件のイベントからビューを再構築しました（{reason}）。',
  'store.sqlite': 'SQLiteファイル {path}',
  'store.memory': 'メモリ上のストア（この実行の後には残りません）',
  'store.esdb': 'EventStoreDB（{where}）',
  'server.whatIfStaffOnly':
    'what-if は当社の担当者のみが使えます（コマンドが関わるすべての契約を読むため）。',
  'server.noSealKey':
    'このサーバーには封印の鍵がありません。月の締めには封印が必要です: --seal-key PATH または VPN_LEDGER_SEAL_KEY を指定して起動してください（鍵は `vpn-ledger keygen` で作れます）。または `vpn-ledger close --key PATH` で締めてください。',
  'server.monthNotClosed':
    '{month}は締められていません: 先に締めるか（POST /v1/months/{month}/close）、draft=true で下書きを求めてください。',
  'server.noInvoice': '{month}に{billTo}への請求はありません。',
  'server.viewsUnavailable': '月はビューから読みますが、ビューが応答できません: {problem}。',
  'server.searchViewsUnavailable': '検索はビューを読みますが、ビューが応答できません: {problem}。',
  'server.shuttingDown': 'サーバーは停止処理中です。別のインスタンスで、または後ほど再試行してください。',
  'server.noToken':
    'ベアラートークンを送ってください: Authorization: Bearer <token>（トークンは `vpn-ledger token add` で作成できます）。',
  'server.invalidToken': 'このベアラートークンは登録されていないか、失効しているか、有効期限が切れています。',
  'server.notDisclosed':
    '契約 {contractId} の{what, select, terms {最低利用期間} other {返還期限}}は契約者のものです。VPN網の親たる契約の契約者が見られるのは、その設定内容、自らが指示した設定変更、及び自らに請求される料金です。',
  'server.verifyStaffOnly': 'ログ全体の検証は当社の担当者だけが行えます（すべての契約を読みます）。',
  'server.unknownLine':
    '料金明細 {lineId} はありません: その月{knownAt, select, none {} other {（{knownAt}時点）}}にそのような明細はありません。',
  'server.notALineId':
    '"{lineId}" は料金明細のIDではありません。IDは c-100:2025-10:monthly-basic のような形です（GET /v1/charges を参照）。',
  'server.bodyTooLarge': '要求の本文が{bytes}バイトを超えています。',
  'server.noSuchRoute':
    '{method} {route} という経路はありません。利用できる経路は {openapi} に記載されています。',
  'server.internalError': '内部エラーです（要求 {requestId}）。詳細はログにあります。',
  'feed.contract': '契約 {contractId}：{event}',
  'feed.network': 'VPN網 {networkId}、契約 {contractId}：{event}',
  'feed.monthClosed': '{month}を{closedBy}が締めました：明細{lines}件、{total}',
  'feed.sealed': '{event}：位置{position}までのログ',
  'server.feedStreams':
    'この主体は同時に開ける上限の{open}本のイベントストリームを開いています。どれかを閉じるか、ストリームではない通常の応答でフィードを読んでください。',
  'server.badCursor':
    '「{after}」はログの位置ではありません。最後に読んだフィード項目の位置を送ってください（0 は最初から）。',
  'webhooks.added':
    'vpn-ledger: {store}に購読 {id} を追加しました：{kinds}を{url}へ。{position, select, none {ログの最初} other {位置{position}}}より後に記録される事実を送ります。署名の秘密鍵は標準出力に、この一度だけ示します。',
  'webhooks.none': '{store}にはウェブフックの購読がありません。',
  'webhooks.removed':
    'vpn-ledger: 購読 {id} を削除しました{dropped, plural, =0 {} other {（未送達の配信{dropped}件を破棄しました）}}。',
  'webhooks.unknown':
    '{store}にはウェブフックの購読 {id} がありません（`vpn-ledger webhooks list` を参照）。',
  'webhooks.redelivered':
    'vpn-ledger: 配信 {deliveryId} をもう一度送ります。その購読で未送達のものより先に送ります。',
  'webhooks.unknownDelivery': '{store}にはウェブフックの配信 {deliveryId} がありません。',
  'webhooks.parked':
    '保留中の配信：それぞれ `vpn-ledger webhooks redeliver DELIVERY` まで、その購読の配信を止めています。',
  'webhooks.failure':
    '{failure, select, http {応答コード{status}} timeout {{ms}ミリ秒以内に応答なし} other {接続できません（{detail}）}}',
  'webhooks.state': '{state, select, parked {保留中} other {送信中}}',
  'webhooks.badUrl':
    '受信先は、ホストを含み利用者名やパスワードを含まない `http://` 又は `https://` のアドレスにしてください：{url}',
  'webhooks.badKinds': 'ウェブフックの種類「{kind}」はありません。{choices} から選んでください。',
  'webhooks.needsViews':
    'EventStoreDBのストアはウェブフックをビューのファイルに保持します。`--views sqlite:PATH` で指定してください（`vpn-ledger project --follow` が保守します）。',
  'webhooks.memory':
    'メモリ上のストアは実行後に何も残りません。ウェブフックには台帳ファイル（`sqlite:PATH`）又はEventStoreDBのビューのファイルが必要です。',
  'webhooks.delivering':
    '`vpn-ledger webhooks deliver`: {store}の送信待ちの配信を送っています（購読{subscriptions}件）。`SIGINT` 又は `SIGTERM` で止まります。',
  'webhooks.stopped': '`vpn-ledger webhooks deliver`: 停止しました。',
  'webhooks.serving': 'vpn-ledger serve: 送信待ちのウェブフックを配信しています（購読{subscriptions}件）。',
  'col.subscription': '購読',
  'col.receiver': '受信先',
  'col.kinds': '種類',
  'col.label': 'ラベル',
  'col.pending': '未送達',
  'col.delivered': '送達済み',
  'col.state': '状態',
  'col.delivery': '配信',
  'col.attempts': '試行回数',
  'col.lastFailure': '直近の失敗',
  'col.parkedAt': '保留にした日時',
  'server.invalidRequest': 'リクエストの内容に誤りがあります（{count}件）。該当する項目: {paths}',
  'server.invalidJson': 'JSONとして読めません: {message}',
  'server.emptyBody': '本文が空です。{accepts} で送ってください。',
  'server.mediaType': '{route} はメディアタイプ {type} を受け付けません。{accepts} で送ってください。',
  'server.batchTooLarge':
    'このバッチには{lines}行のコマンドがあります。一度に受け付けるのは{max}行まで{queue, select, yes {（コマンドの待ち行列にはそれより多く入りません）} other {}}です。分けて送ってください。',
  'server.batchTooManyLines':
    'このバッチは{max}行を超えています（空行と注釈行を含みます）。一度に受け付けるコマンドは{commands}行までです。分けて送ってください。',
  'server.queueFull': 'コマンドの待ち行列が満杯です（{queued}件待機中）。{seconds}秒後に再試行してください。',
  'server.queueTimeout': 'コマンドは順番を{ms}ミリ秒待ちましたが、実行されませんでした。再試行してください。',
  'server.readTimeout': '回答に{ms}ミリ秒を超えたため中止しました。範囲を絞って問い合わせてください。',
  'server.turnTimeout': '要求は順番を{ms}ミリ秒待ちましたが、応答できませんでした。再試行してください。',
  'server.tooManyWaiting':
    'あなたの要求がすでに{waiting}件待機しています。{seconds}秒後に再試行してください。',
  'server.storeUnavailable': '台帳のストアを利用できません。しばらくしてから再試行してください。',
  'server.storeError': '台帳のストアでエラーが起きました（要求 {requestId}）。詳細はログにあります。',
  'server.corruptEvent':
    'ログの事象 {where} を読めません（{detail}）。`vpn-ledger verify` でログ全体を確認してください。',
  'server.corruptEventHidden':
    'この回答に必要なログの事象を読めません（要求 {requestId}）。当社の担当者が `vpn-ledger verify` で確認できます。',
  'server.badUrl': 'アドレス {path} は正しくありません（パーセント符号化された文字が文字として読めません）。',
  'server.headersTooLarge': '要求のヘッダーが{bytes}バイトを超えています。',
  'server.unreadableRequest': '要求を読み取れません（{code}）。',
  'server.requestTimeout': '要求が{ms}ミリ秒以内に届き終わりませんでした。',
  'server.badRequest': '要求を読み取れません（{code}）: {message}',
  'server.tooManyConnections':
    '{where, select, address {あなたのアドレスからの} other {このサーバーへの}}接続が多すぎます。後ほど再試行してください。',
  'server.notReady':
    '準備ができていません: {reason, select, tokens {トークンファイルを読めないため、直るまでどのトークンも受け付けません（理由はサーバーのログにあります）} draining {サーバーは停止処理中です} other {台帳のストアに接続できません}}。',
};

export const UI_MESSAGES: Catalog<UiKey> = { en: EN, ja: JA };

const format = formatterOf(UI_MESSAGES);

/** The command line's words: a key, its values, in the language. */
export const ui = (lang: Lang, key: UiKey, values: Values = {}): string => format(lang, key, values);
