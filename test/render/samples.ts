/**
 * Sample data for the renderers' tests: parameters for every rejection code (each `case` of it),
 * every timeline step kind, every charge formula and note kind. The tables are typed by the codes
 * and kinds, so a new one without a sample fails the type check.
 */
import type { ChargeFormula, ChargeNote } from '../../src/projections/charge-data';
import type { StepKind, StepParams } from '../../src/projections/timeline';
import type { RejectionCode, RejectionParams } from '../../src/terms/rejections';

const C = 'c-osaka';
const N = 'n-west';
const ITEM = 'P1-D1';
const MODEL = 'Cisco C1121-8P';
const OTHER_MODEL = 'Cisco ISR 4351';
const EDITION = '2024-08-01';
const D1 = '2025-04-01';
const D2 = '2025-10-16';
const T1 = '2025-10-14T13:00:00.000Z';
const T2 = '2025-10-15T22:30:00+09:00';

export const REJECTION_SAMPLES: { readonly [C in RejectionCode]: readonly RejectionParams[C][] } = {
  INVALID_COMMAND: [
    { problems: [{ path: 'data.billingStartOn', message: 'Expected a calendar date' }] },
    {
      problems: [{ path: 'data.itemIds.0', message: 'Ids use letters, digits and . _ : - only' }],
      more: 1_999_999,
    },
  ],
  CONCURRENCY_CONFLICT: [{ streamId: 'contract-c-osaka', attempts: 5 }],
  COMMAND_ID_REUSED: [
    { case: 'payload', commandId: 'cmd-7', actor: 'staff:sato' },
    { case: 'other-command', commandId: 'cmd-7', actor: 'staff:sato' },
  ],
  BEFORE_FIRST_EDITION: [{ date: '2005-01-01' }],
  DATE_OUT_OF_RANGE: [
    {
      event: 'TerminationNoticeReceived',
      path: 'effectiveOn',
      date: '2200-01-30',
      first: '2000-01-01',
      last: '2199-12-31',
    },
  ],
  NO_CATALOG_EDITION: [{ date: D1 }],
  DATE_BEFORE_ACCEPTANCE: [
    { case: 'fact', date: D1, contractId: C, acceptedOn: D2 },
    { case: 'notice', date: D1, contractId: C, acceptedOn: D2 },
  ],
  DATE_AFTER_TERMINATION: [
    { case: 'service', contractId: C, lastDay: D1, date: D2 },
    { case: 'replacement', contractId: C, lastDay: D1, date: D2 },
    { case: 'cost', contractId: C, lastDay: D1, date: D2 },
  ],
  CONTRACT_TERMINATED: [
    { case: 'command', contractId: C, lastDay: D1, command: 'StartBilling' },
    { case: 'replacement', contractId: C, lastDay: D1, date: D2 },
    { case: 'cost', contractId: C, lastDay: D1, date: D2 },
  ],
  DUPLICATE_ITEM_ID: [
    { case: 'used', itemId: ITEM, contractId: C },
    { case: 'listed-twice' },
    { case: 'devices' },
  ],
  ITEM_NOT_FOUND: [{ contractId: C, itemId: ITEM }],
  ITEM_NOT_HELD: [
    { case: 'in-use', itemId: ITEM, contractId: C, status: 'returned' },
    { case: 'to-lose', itemId: ITEM, contractId: C, status: 'owed' },
  ],
  CONTRACT_NOT_FOUND: [{ contractId: C }],
  CONTRACT_EXISTS: [
    { case: 'in-network', contractId: C, networkId: N },
    { case: 'site', contractId: C, networkId: N },
  ],
  NETWORK_NOT_FOUND: [
    { case: 'plain', networkId: N },
    { case: 'register-first', networkId: N },
    { case: 'of-contract', networkId: N, contractId: C },
  ],
  SITE_OUTSIDE_JAPAN: [{ country: 'US' }],
  MAINTENANCE_TYPE_UNAVAILABLE: [{ acceptedOn: D1 }],
  CLOSED_MONITORING_NOT_PARENT: [{ networkId: N }],
  DEVICE_MODEL_NOT_APPLICABLE: [{ model: MODEL }],
  DEVICE_MODEL_REQUIRED: [{ item: 'dual-star-dual-edge' }],
  SWITCH_MODEL_NOT_A_VPN_DEVICE: [
    { case: 'art-3', model: 'Cisco Catalyst 1000-24T-4G-L', edition: EDITION },
    { case: 'edition', model: 'Cisco Catalyst 1000-24T-4G-L', edition: EDITION },
  ],
  UNKNOWN_DEVICE_MODEL: [{ model: 'Acme Router', edition: EDITION }],
  DEVICE_COUNT: [{ contractType: 'parent', item: 'dual-star-dual-edge', expected: 2, given: 1 }],
  BILLING_ALREADY_STARTED: [{ contractId: C, billingStartOn: D1 }],
  BILLING_BEFORE_ACCEPTANCE: [{ billingStartOn: D1, acceptedOn: D2 }],
  BILLING_BEFORE_MODEL_CHANGE: [
    { case: 'device', changedOn: D2, billingStartOn: D1 },
    { case: 'option', optionId: 'o-switch', changedOn: D2, billingStartOn: D1 },
  ],
  NETWORK_INCOMPLETE: [{ networkId: N }],
  TERMINATION_ALREADY_NOTIFIED: [{ contractId: C, noticeArrivedOn: D1 }],
  EVIDENCE_REQUIRED: [{ ground: 'general-terms-28-2' }],
  NO_TERMINATION_NOTICE: [{ contractId: C }],
  TERMINATION_DATE_MISMATCH: [
    { contractId: C, effectiveOn: D2, policy: null, requested: D1 },
    { contractId: C, effectiveOn: D2, policy: 'termination-28-effective-on-named-date', requested: D1 },
  ],
  CHANGE_NOT_ALLOWED: [
    { case: 'contractType', current: 'child', requested: 'parent' },
    { case: 'item', current: 'single-star-single-edge', requested: 'dual-star-dual-edge' },
    { case: 'maintenanceType', current: 'type-2', requested: 'type-1' },
    { case: 'network', contractId: C, networkId: N, requested: 'n-east' },
    { case: 'termYears', termYears: 3, requested: '1' },
  ],
  OPTION_EXISTS: [{ contractId: C, optionId: 'o-cs' }],
  ON_SITE_HAS_NO_MONTHLY_FEE: [{ monthlyFee: 5000 }],
  OPTION_MODEL_NOT_APPLICABLE: [{}],
  OPTION_NEEDS_DEVICE: [{ item: 'closed-monitoring', option: 'cold-standby' }],
  MODEL_CHANGE_IN_PROGRESS: [
    { case: 'cold-standby', changeId: 'mc-1', fromModel: MODEL, toModel: OTHER_MODEL },
    { case: 'one-at-a-time', changeId: 'mc-1', contractId: C },
  ],
  OPTION_HOST_NOT_IN_CONTRACT: [{ option: 'sfp-module', contractId: C, model: OTHER_MODEL }],
  OPTION_HAS_NO_EQUIPMENT: [{}],
  OPTION_EQUIPMENT_REQUIRED: [{ option: 'rack-mount-kit' }],
  OPTION_NOT_FOUND: [{ contractId: C, optionId: 'o-cs' }],
  OPTION_HAS_NO_MONTHLY_FEE: [{ option: 'on-site-installation' }],
  OPTION_BILLING_ALREADY_STARTED: [{ optionId: 'o-cs', billingStartOn: D1 }],
  OPTION_BILLING_BEFORE_ADDED: [{ optionId: 'o-cs', addedOn: D2, billingStartOn: D1 }],
  OPTION_STOPPED: [{ optionId: 'o-cs', effectiveOn: D1 }],
  OPTION_NOT_ACTIVE: [
    { case: 'stop-notified', optionId: 'o-cs', noticeArrivedOn: D1, effectiveOn: D2 },
    { case: 'stops', optionId: 'o-cs', effectiveOn: D2 },
  ],
  NOTICE_BEFORE_OPTION_ADDED: [{ optionId: 'o-cs', addedOn: D2, noticeArrivedOn: D1 }],
  UNKNOWN_MODEL: [{ model: 'Acme Router', edition: EDITION }],
  NOT_A_VPN_DEVICE: [
    { case: 'switch-model', model: 'Cisco Catalyst 1000-24T-4G-L' },
    { case: 'item-kind', itemId: ITEM, kind: 'rack-mount-bracket' },
  ],
  COLD_STANDBY_MODEL_MISMATCH: [
    { case: 'eligibility', deviceModel: MODEL, model: OTHER_MODEL },
    { case: 'model-change', deviceModel: MODEL, model: OTHER_MODEL },
  ],
  SWITCH_MODEL_REQUIRED: [{}],
  NOT_A_SWITCH_MODEL: [{ model: MODEL, edition: EDITION }],
  MODEL_NOT_DESIGNATED: [
    { option: 'vpn-module', allowed: [OTHER_MODEL], by: 'text', edition: EDITION, model: MODEL },
    { option: 'sfp-module', allowed: [OTHER_MODEL], by: 'edition', edition: EDITION, model: MODEL },
  ],
  LICENCE_MODEL_NOT_ELIGIBLE: [
    { option: 'additional-licence', allowed: [OTHER_MODEL], by: 'text', edition: EDITION, model: MODEL },
  ],
  COLD_STANDBY_NOT_APPLICABLE: [{}],
  NOT_A_COLD_STANDBY_OF_THE_DEVICE: [{ optionId: 'o-cs', fromModel: MODEL }],
  COLD_STANDBY_MUST_FOLLOW: [{ optionId: 'o-cs', fromModel: MODEL }],
  MODEL_CHANGE_EXISTS: [{ changeId: 'mc-1' }],
  NO_DEVICE_TO_CHANGE: [{ item: 'closed-monitoring' }],
  OPTION_MODEL_NOT_CHANGEABLE: [{ optionId: 'o-rack', option: 'rack-mount-kit' }],
  MODEL_CHANGE_BEFORE_TERM_START: [{ acceptedOn: D1, since: D2 }],
  MODEL_CHANGE_NOT_ALLOWED: [{ edition: EDITION, fromModel: MODEL, toModel: OTHER_MODEL }],
  OPTION_BLOCKS_MODEL_CHANGE: [
    {
      optionId: 'o-vpnmod',
      option: 'vpn-module',
      toModel: OTHER_MODEL,
      cause: {
        code: 'MODEL_NOT_DESIGNATED',
        params: { option: 'vpn-module', allowed: [MODEL], by: 'text', edition: EDITION, model: OTHER_MODEL },
        cite: [],
      },
    },
  ],
  MODEL_CHANGE_NOT_FOUND: [{ changeId: 'mc-1' }],
  MODEL_CHANGE_ALREADY_COMPLETED: [{ changeId: 'mc-1', completedOn: D1 }],
  MODEL_CHANGE_BEFORE_ACCEPTANCE: [{ billingStartOn: D1, acceptedOn: D2 }],
  NO_EQUIPMENT_TO_CHANGE: [{ changeId: 'mc-1' }],
  MODEL_CHANGE_ITEM_COUNT: [{ changeId: 'mc-1', units: [ITEM, 'P1-D2'], given: 1 }],
  LOSS_EXISTS: [
    { case: 'reported', lossId: 'loss-1' },
    { case: 'not-returned', lossId: 'loss-1' },
  ],
  LOSS_BEFORE_DELIVERY: [{ itemId: ITEM, since: D2 }],
  LOSS_NOT_FOUND: [
    { case: 'reported', lossId: 'loss-1' },
    { case: 'on-record', lossId: 'loss-1' },
  ],
  REPLACEMENT_NOT_DUE: [{ itemId: ITEM }],
  REPLACEMENT_ALREADY_SHIPPED: [{ lossId: 'loss-1', shippedOn: D1 }],
  REPLACEMENT_BEFORE_REPORT: [{ lossId: 'loss-1', reportedOn: D2, shippedOn: D1 }],
  REPLACEMENT_MISMATCH: [
    { case: 'loss', itemId: ITEM, kind: 'vpn-device', model: MODEL },
    { case: 'fault', itemId: ITEM, kind: 'cold-standby-device', model: MODEL },
  ],
  LOSS_ITEM_MISMATCH: [{ lossId: 'loss-1', itemId: ITEM, given: 'P1-D2' }],
  LOSS_CHARGE_ALREADY_QUOTED: [{ amount: 120000, lossId: 'loss-1', quotedOn: D1 }],
  CHARGE_BEFORE_REPORT: [{ lossId: 'loss-1', reportedOn: D2, quotedOn: D1 }],
  ITEM_NOT_OWED: [
    { case: 'returned-in-time', itemId: ITEM, returnedOn: D1 },
    { case: 'not-owed', itemId: ITEM, status: 'held' },
  ],
  RETURN_NOT_OVERDUE: [
    { itemId: ITEM, dueOn: D2, days: 30, from: D1, shiftedFrom: null, quotedOn: D1 },
    { itemId: ITEM, dueOn: D2, days: 30, from: D1, shiftedFrom: '2025-10-13', quotedOn: D1 },
  ],
  DOUBLE_RECOVERY: [
    { case: 'breach-charged', itemId: ITEM, chargeId: 'bc-1' },
    { case: 'loss-charged', itemId: ITEM, lossId: 'loss-1' },
  ],
  LOST_ITEM_ALREADY_FOUND: [{ itemId: ITEM, lossId: 'loss-1', foundOn: D1 }],
  FOUND_BEFORE_LOSS: [{ lossId: 'loss-1', lostOn: D2, foundOn: D1 }],
  CONSENT_EXISTS: [{ consentId: 'consent-1' }],
  EQUIPMENT_OUTSIDE_JAPAN: [{ country: 'SG' }],
  RELOCATION_WITHOUT_CONSENT: [{ consentId: 'consent-1' }],
  CONSENT_ALREADY_USED: [{ consentId: 'consent-1', relocatedOn: D1 }],
  RELOCATION_BEFORE_CONSENT: [{ relocatedOn: D1, consentedOn: D2 }],
  ITEM_ALREADY_RETURNED: [{ itemId: ITEM, returnedOn: D1 }],
  ITEM_LOST: [{ itemId: ITEM, lossId: 'loss-1' }],
  ITEM_IN_USE: [{ itemId: ITEM }],
  RETURN_BEFORE_DUE: [{ itemId: ITEM, from: D2, returnedOn: D1 }],
  JOB_EXISTS: [{ jobId: 'job-1' }],
  NOT_PARENT_HOLDER: [{ holder: 'acme', networkId: N, instructedBy: 'globex' }],
  JOB_NOT_INSTRUCTED: [{ jobId: 'job-1' }],
  JOB_ALREADY_PERFORMED: [{ jobId: 'job-1', startedAt: T1 }],
  JOB_BEFORE_INSTRUCTION: [{ jobId: 'job-1', startedAt: T1, instructedAt: T2 }],
  FAULT_EXISTS: [{ faultId: 'fault-1' }],
  FAULT_ALREADY_OPEN: [{ faultId: 'fault-1', itemId: ITEM }],
  FAULT_NOT_FOUND: [{ faultId: 'fault-1' }],
  FAULT_ALREADY_INVESTIGATED: [{ faultId: 'fault-1', investigatedOn: D1 }],
  INVESTIGATION_BEFORE_REPORT: [{ faultId: 'fault-1', reportedAt: T2, investigatedOn: D1 }],
  QUOTED_COST_REQUIRED: [{ outcome: 'contractor-fault' }],
  QUOTED_COST_NOT_OWED: [{ outcome: 'provider-fault' }],
  FAULT_ALREADY_RESOLVED: [{ faultId: 'fault-1', resolvedOn: D1 }],
  FAULT_NOT_INVESTIGATED: [{ faultId: 'fault-1' }],
  RESOLUTION_BEFORE_INVESTIGATION: [{ faultId: 'fault-1', investigatedOn: D2, resolvedOn: D1 }],
  NOT_A_MINOR_FAULT: [{ faultId: 'fault-1', outcome: 'no-fault-found' }],
  REPLACEMENT_NOT_EXPECTED: [{ resolution: 'repaired' }, { resolution: 'handled-by-contractor' }],
  REPLACEMENT_REQUIRED: [{}],
  OUTAGE_EXISTS: [{ outageId: 'outage-1' }],
  OUTAGE_NOT_FOUND: [{ outageId: 'outage-1' }],
  OUTAGE_ALREADY_RESOLVED: [{ outageId: 'outage-1', resolvedAt: T1 }],
  OUTAGE_RESOLVED_BEFORE_KNOWN: [{ outageId: 'outage-1', knownAt: T2, resolvedAt: T1 }],
  REDUCTION_ALREADY_CLAIMED: [{ outageId: 'outage-1', claimedOn: D1 }],
  CLAIM_BEFORE_OUTAGE: [{ outageId: 'outage-1', knownAt: T2, claimedOn: D1 }],
  CLAIM_PREMATURE: [{ reachedAt: T2, firstClaimableOn: D2, claimedOn: D1 }],
  MEASUREMENT_EXISTS: [{ measurementId: 'm-1' }],
  PROPOSAL_EXISTS: [{ proposalId: 'p-1' }],
  MEASUREMENT_NOT_FOUND: [{ contractId: C, measurementId: 'm-1' }],
  PROPOSAL_BEFORE_MEASUREMENT: [{ measurementId: 'm-1', measuredOn: D2, proposedOn: D1 }],
  COST_EXISTS: [{ costId: 'cost-1' }],
  TRAVEL_NOT_TYPE_2: [
    { contractId: C, maintenanceType: 'type-1', date: D1, basis: 'contracted-type-1' },
    { contractId: C, maintenanceType: 'type-1', date: '2010-03-01', basis: 'netscreen-type-1-kept' },
  ],
  ON_SITE_OPTION_REQUIRED: [
    { case: 'cost', cost: 'on-site-overtime', contractId: C },
    { case: 'installation', contractId: C },
  ],
  ACT_EXISTS: [{ id: 'act-1', contractId: C }],
  ADDRESS_USE_EXISTS: [{ id: 'use-1', contractId: C }],
  SETUP_EXISTS: [{ id: 'setup-1', contractId: C }],
  NOTICE_EXISTS: [{ id: 'notice-1', contractId: C }],
  IMPEDIMENT_EXISTS: [{ id: 'imp-1', contractId: C }],
  INSTALLATION_EXISTS: [{ id: 'inst-1', contractId: C }],
  CONNECTION_EXISTS: [{ id: 'conn-1', contractId: C }],
  BREACH_CHARGE_EXISTS: [{ chargeId: 'bc-1' }],
  CHARGE_BEFORE_HARM: [
    { harm: 'lost', occurredOn: D2, chargedOn: D1 },
    { harm: 'damaged', occurredOn: D2, chargedOn: D1 },
  ],
  ADDRESS_DESIGNATED: [
    { address: '203.0.113.10', designationId: 'des-1', addresses: ['203.0.113.0/28', '198.51.100.1'] },
  ],
  DESIGNATION_EXISTS: [{ designationId: 'des-1' }],
  NOT_CLOSED_MONITORING: [{ contractId: C, item: 'dual-star-dual-edge', duty: 'closed-monitoring-line' }],
  INSTALLATION_BEFORE_DELIVERY: [{ itemId: ITEM, since: D2, installedOn: D1 }],
  PEER_NOT_ON_SERVICE: [{ peer: 'partner-net' }],
  SUBNET_MALFORMED: [{ text: 'lan-a' }],
  IPV6_NOT_SUPPORTED: [
    { case: 'prefix', text: '2001:db8::/32' },
    { case: 'address', text: '2001:db8::1' },
  ],
  SUBNET_NOT_PRIVATE: [
    { case: 'outside', text: '8.8.8.0/24' },
    { case: 'wider', text: '10.0.0.0/7' },
  ],
  ADDRESS_MALFORMED: [{ text: 'host-a' }],
  SUBNET_OVERLAP: [
    { case: 'same-application', subnet: '192.168.10.0/24', other: '192.168.10.128/25' },
    { case: 'other-site', subnet: '192.168.10.0/24', other: '192.168.0.0/16', contractId: C, networkId: N },
  ],
  NETWORK_EXISTS: [{ networkId: N }],
  NETWORK_ITEM_INVALID: [{ item: 'closed-monitoring' }],
  CONTRACT_NOT_IN_NETWORK: [{ contractId: C, networkId: N }],
  DISCLOSURE_OUTSIDE_NETWORK: [{ contractId: C, contractorId: 'globex', networkId: N }],
  APPLICATION_IN_PROGRESS: [{ contractId: C, reservedBy: 'cmd-9' }],
  SECOND_PARENT: [{ networkId: N, parentContractId: 'c-tokyo-hq' }],
  PARENT_AS_CHILD: [{ contractId: C, networkId: N }],
  PARENT_HOLDER_MISMATCH: [{ networkId: N, holder: 'acme', contractorId: 'globex' }],
  ITEM_MISMATCH: [{ networkId: N, item: 'dual-star-single-edge' }],
  CHILD_SITE_LIMIT: [{ networkId: N, limit: 100 }],
  MONTH_ALREADY_CLOSED: [
    { case: 'closed', month: '2025-10', closedAt: T1, lines: 12, total: 345678 },
    { case: 'before-last', month: '2025-09', lastClosed: '2025-10' },
  ],
  MONTH_NOT_ENDED: [{ month: '2025-11', endsAt: '2025-11-30T15:00:00.000Z', now: T1 }],
  NOTHING_TO_CLOSE: [{}],
  MONTH_OUT_OF_ORDER: [
    { case: 'before-first', month: '2025-03', firstMonth: '2025-04' },
    { case: 'first-first', month: '2025-05', firstMonth: '2025-04' },
    { case: 'in-order', month: '2025-12', next: '2025-11', lastClosed: '2025-10' },
  ],
  VIEWS_BEHIND: [{ month: '2025-11', previous: '2025-10' }],
  VIEWS_UNAVAILABLE: [
    { problem: { code: 'views-not-built' } },
    { problem: { code: 'views-other-version', version: 3, expected: 4 } },
    { problem: { code: 'views-stale', detail: 'applying contract-c-1@3 failed: disk I/O error' } },
  ],
  VIEWS_DIFFER: [
    {
      month: '2025-10',
      count: 2,
      lines: [
        { lineId: 'c-1:2025-10:monthly-basic', views: 1_500, log: 15_000 },
        { lineId: 'c-1:2025-10:config-change:j-1', views: null, log: 5_000 },
      ],
    },
  ],
  ACTOR_MISMATCH: [
    { case: 'actor', principal: 'staff:sato', named: 'staff:suzuki' },
    { case: 'instruction', contractorId: 'acme', named: 'globex' },
  ],
  NOT_PERMITTED: [
    { case: 'provider-act', type: 'StartBilling' },
    { case: 'holder-only', type: 'ReceiveTerminationNotice', holderId: 'globex', parentHolderId: 'acme' },
  ],
  NOT_DATED_TODAY: [{ type: 'ReportLoss', field: 'data.reportedOn', today: D2, dated: D1 }],
};

/** The `case` of each code that has cases: a new case fails the type check until it is listed here. */
type CasesOf<C extends RejectionCode> = RejectionParams[C] extends infer P
  ? P extends { readonly case: infer K }
    ? K & string
    : never
  : never;
type CodesWithCases = { [C in RejectionCode]: [CasesOf<C>] extends [never] ? never : C }[RejectionCode];

export const REJECTION_CASES: { readonly [C in CodesWithCases]: { readonly [K in CasesOf<C>]: true } } = {
  COMMAND_ID_REUSED: { payload: true, 'other-command': true },
  DATE_BEFORE_ACCEPTANCE: { fact: true, notice: true },
  DATE_AFTER_TERMINATION: { service: true, replacement: true, cost: true },
  CONTRACT_TERMINATED: { command: true, replacement: true, cost: true },
  DUPLICATE_ITEM_ID: { used: true, 'listed-twice': true, devices: true },
  ITEM_NOT_HELD: { 'in-use': true, 'to-lose': true },
  CONTRACT_EXISTS: { 'in-network': true, site: true },
  NETWORK_NOT_FOUND: { plain: true, 'register-first': true, 'of-contract': true },
  SWITCH_MODEL_NOT_A_VPN_DEVICE: { 'art-3': true, edition: true },
  BILLING_BEFORE_MODEL_CHANGE: { device: true, option: true },
  CHANGE_NOT_ALLOWED: {
    contractType: true,
    item: true,
    maintenanceType: true,
    network: true,
    termYears: true,
  },
  MODEL_CHANGE_IN_PROGRESS: { 'cold-standby': true, 'one-at-a-time': true },
  OPTION_NOT_ACTIVE: { 'stop-notified': true, stops: true },
  NOT_A_VPN_DEVICE: { 'switch-model': true, 'item-kind': true },
  COLD_STANDBY_MODEL_MISMATCH: { eligibility: true, 'model-change': true },
  LOSS_EXISTS: { reported: true, 'not-returned': true },
  LOSS_NOT_FOUND: { reported: true, 'on-record': true },
  REPLACEMENT_MISMATCH: { loss: true, fault: true },
  ITEM_NOT_OWED: { 'returned-in-time': true, 'not-owed': true },
  DOUBLE_RECOVERY: { 'breach-charged': true, 'loss-charged': true },
  ON_SITE_OPTION_REQUIRED: { cost: true, installation: true },
  IPV6_NOT_SUPPORTED: { prefix: true, address: true },
  SUBNET_NOT_PRIVATE: { outside: true, wider: true },
  SUBNET_OVERLAP: { 'same-application': true, 'other-site': true },
  MONTH_ALREADY_CLOSED: { closed: true, 'before-last': true },
  MONTH_OUT_OF_ORDER: { 'before-first': true, 'first-first': true, 'in-order': true },
  ACTOR_MISMATCH: { actor: true, instruction: true },
  NOT_PERMITTED: { 'provider-act': true, 'holder-only': true },
};

const due = { on: '2025-11-15', shiftedFrom: null } as const;
const shiftedDue = { on: '2025-11-17', shiftedFrom: '2025-11-16' } as const;

const monthlyFee: ChargeFormula = {
  kind: 'monthly-fee',
  subject: { kind: 'basic' },
  fee: 38000,
  daysUsed: 16,
  daysInMonth: 31,
  amount: 19612,
};

export const STEP_SAMPLES: { readonly [K in StepKind]: readonly StepParams[K][] } = {
  'network-registered': [
    {
      networkId: N,
      parentContractId: 'c-tokyo-hq',
      parentHolderId: 'acme',
      item: 'single-star-single-edge',
      childSiteLimit: 100,
    },
  ],
  'site-joined': [
    { networkId: N, contractType: 'child', contractorId: 'acme' },
    { networkId: N, contractType: 'parent', contractorId: 'acme' },
  ],
  'site-left': [{ networkId: N }],
  'reservation-made': [{ networkId: N, reservedBy: 'cmd-9' }],
  'reservation-voided': [{ reservedBy: 'cmd-9' }],
  'settings-disclosed': [{ toContractorId: 'globex' }],
  'application-accepted': [
    {
      contractType: 'child',
      contractId: C,
      contractorId: 'acme',
      networkId: N,
      parentHolderId: 'acme',
      item: 'single-star-single-edge',
      deviceModel: MODEL,
      maintenanceType: 'type-2',
      termYears: 3,
      initialFee: 30000,
      monthlyFee: 38000,
      onSiteInstallationFee: 50000,
    },
    {
      contractType: 'child',
      contractId: C,
      contractorId: 'acme',
      networkId: N,
      parentHolderId: 'acme',
      item: 'closed-monitoring',
      deviceModel: null,
      maintenanceType: 'type-2',
      termYears: 1,
      initialFee: 0,
      monthlyFee: 5000,
      onSiteInstallationFee: null,
    },
  ],
  'billing-started': [{ on: D1, termYears: 3, termEnd: '2028-03-31' }],
  'cold-standby-carried': [
    {
      optionId: 'o-cs',
      carriedBy: 'mc-1',
      fromModel: MODEL,
      toModel: OTHER_MODEL,
      fee: 20000,
      monthlyFee: 9000,
    },
  ],
  'model-change-accepted': [
    {
      changeId: 'mc-1',
      optionId: null,
      fromModel: MODEL,
      toModel: OTHER_MODEL,
      catalogEdition: EDITION,
      fee: 40000,
      monthlyFee: 52000,
    },
    {
      changeId: 'mc-2',
      optionId: 'o-switch',
      fromModel: 'Cisco Catalyst 1000-24T-4G-L',
      toModel: 'Cisco Catalyst 1000-48T-4G-L',
      catalogEdition: EDITION,
      fee: 10000,
      monthlyFee: 6000,
    },
  ],
  'model-change-completed': [
    {
      changeId: 'mc-1',
      toModel: OTHER_MODEL,
      on: D2,
      restart: { kind: 'contract', years: 3, termEnd: '2028-10-15' },
      replaced: [{ oldItemId: ITEM, newItemId: 'P1-D9' }],
      returnDue: due,
    },
    {
      changeId: 'mc-1',
      toModel: OTHER_MODEL,
      on: D2,
      restart: { kind: 'option', termEnd: '2026-10-15' },
      replaced: [
        { oldItemId: ITEM, newItemId: 'P1-D9' },
        { oldItemId: 'P1-D2', newItemId: 'P1-D8' },
      ],
      returnDue: shiftedDue,
    },
    {
      changeId: 'mc-1',
      toModel: OTHER_MODEL,
      on: D2,
      restart: { kind: 'before-billing' },
      replaced: [],
      returnDue: due,
    },
    {
      changeId: 'mc-1',
      toModel: OTHER_MODEL,
      on: D2,
      restart: { kind: 'none' },
      replaced: [],
      returnDue: due,
    },
  ],
  'option-added': [
    { optionId: 'o-cs', option: 'cold-standby', model: MODEL, initialFee: 10000, monthlyFee: 9000 },
    {
      optionId: 'o-onsite',
      option: 'on-site-installation',
      model: null,
      initialFee: 50000,
      monthlyFee: null,
    },
  ],
  'option-billing-started': [
    { optionId: 'o-cs', on: D1, termEnd: '2026-03-31' },
    { optionId: 'o-rack', on: D1, termEnd: null },
  ],
  'option-stop-notice': [
    {
      optionId: 'o-cs',
      noticeArrivedOn: D1,
      requestedOn: '2025-06-30',
      effectiveOn: '2025-06-30',
      returnDue: due,
    },
    { optionId: 'o-lic', noticeArrivedOn: D1, requestedOn: null, effectiveOn: '2025-05-01', returnDue: null },
  ],
  'config-change-instructed': [{ jobId: 'job-1', by: 'acme', at: T1, description: 'Add a static route' }],
  'config-change-performed': [
    {
      jobId: 'job-1',
      startedAt: T2,
      devices: 2,
      perDevice: 10000,
      amount: 20000,
      withinBusinessHours: false,
      billTo: 'acme',
    },
    {
      jobId: 'job-2',
      startedAt: T1,
      devices: 1,
      perDevice: 5000,
      amount: 5000,
      withinBusinessHours: true,
      billTo: 'acme',
    },
  ],
  'fault-reported': [{ faultId: 'fault-1', itemId: ITEM, description: 'Power supply failed' }],
  'fault-investigated': [
    { faultId: 'fault-1', outcome: 'provider-fault', quotedCost: null },
    { faultId: 'fault-1', outcome: 'contractor-fault', quotedCost: 30000 },
    { faultId: 'fault-1', outcome: 'no-fault-found', quotedCost: 15000 },
    { faultId: 'fault-1', outcome: 'minor-handled-by-contractor', quotedCost: null },
  ],
  'fault-resolved': [
    { faultId: 'fault-1', resolution: 'replaced', replacementItemId: 'P1-D9' },
    { faultId: 'fault-1', resolution: 'repaired', replacementItemId: null },
    { faultId: 'fault-1', resolution: 'handled-by-contractor', replacementItemId: null },
  ],
  'loss-reported': [{ lossId: 'loss-1', itemId: ITEM, circumstances: 'Stolen during office move' }],
  'replacement-shipped': [{ itemId: 'P1-D9', lossId: 'loss-1' }],
  'loss-charge-quoted': [
    { amount: 120000, itemId: ITEM, reason: 'reported-loss' },
    { amount: 120000, itemId: ITEM, reason: 'not-returned' },
  ],
  'lost-item-found': [{ itemId: ITEM }],
  'relocation-consented': [{ itemIds: [ITEM, 'P1-D2'], to: 'Kyoto branch' }],
  'equipment-relocated': [{ consentId: 'consent-1' }],
  'equipment-returned': [{ itemIds: [ITEM, 'P1-D2'] }],
  'one-time-cost': [
    { cost: 'travel', amount: 8000, description: 'Technician travel' },
    { cost: 'special-installation-work', amount: 8000, description: 'Ceiling cabling' },
    { cost: 'on-site-cancellation', amount: 8000, description: 'Cancelled visit' },
    { cost: 'on-site-overtime', amount: 8000, description: 'Two extra hours' },
    { cost: 'on-site-emergency', amount: 8000, description: 'Night visit' },
  ],
  'outage-known': [{ outageId: 'outage-1', at: T1, description: 'Backbone link down' }],
  'outage-resolved': [
    { outageId: 'outage-1', at: T2, cause: 'provider', unusableHours: 33 },
    { outageId: 'outage-1', at: T2, cause: 'force-majeure', unusableHours: null },
  ],
  'reduction-claimed': [
    {
      outageId: 'outage-1',
      status: 'granted',
      reduction: {
        amount: 1266,
        formula: { kind: 'reduction', days: 1, hours: 33, fee: 38000, amount: 1266 },
      },
      reason: { kind: 'within-window', claimedOn: D2, from: D2, to: '2026-01-16' },
    },
    {
      outageId: 'outage-1',
      status: 'refused',
      reduction: null,
      reason: { kind: 'not-provider-fault', cause: 'third-party' },
    },
    {
      outageId: 'outage-1',
      status: 'refused',
      reduction: null,
      reason: { kind: 'under-24-hours', hours: 5 },
    },
    {
      outageId: 'outage-1',
      status: 'refused',
      reduction: null,
      reason: { kind: 'before-window', claimedOn: D1, firstClaimableOn: D2, reachedAt: T2 },
    },
    {
      outageId: 'outage-1',
      status: 'refused',
      reduction: null,
      reason: {
        kind: 'after-window',
        claimedOn: '2026-02-01',
        lastClaimableOn: '2026-01-16',
        firstClaimableOn: D2,
      },
    },
    { outageId: 'outage-1', status: 'pending', reduction: null, reason: { kind: 'unresolved' } },
    { outageId: 'outage-1', status: 'refused', reduction: null, reason: { kind: 'already-granted', on: D2 } },
    { outageId: 'outage-1', status: 'pending', reduction: null, reason: { kind: 'known-at-missing' } },
  ],
  'traffic-measured': [{ measurementId: 'm-1', peakUtilisationPercent: 92 }],
  'change-proposed': [{ measurementId: 'm-1', proposal: 'Upgrade to a faster model' }],
  'breach-cost-charged': [
    {
      amount: 50000,
      harm: 'lost',
      itemIds: [ITEM],
      occurredOn: D1,
      breach: 'careless-management',
      description: 'Left in a taxi',
    },
    {
      amount: 50000,
      harm: 'damaged',
      itemIds: [ITEM],
      occurredOn: D1,
      breach: 'disassemble',
      description: 'Opened the case',
    },
  ],
  'prohibited-act': [{ act: 'move', itemIds: [ITEM], description: 'Moved to another floor' }],
  'addresses-designated': [
    { designatedBy: 'provider', designationId: 'des-1', addresses: ['203.0.113.0/28'] },
    { designatedBy: 'contractor', designationId: 'des-2', addresses: ['198.51.100.1', '198.51.100.2'] },
  ],
  'undesignated-address-used': [{ address: '203.0.113.99', description: 'Found in a config audit' }],
  'contractor-setup': [
    { duty: 'lan', status: 'done', description: 'Switch ports ready' },
    { duty: 'power-and-space', status: 'not-done', description: 'No rack space' },
  ],
  'environment-notified': [
    { kind: 'disclosure', description: 'Line settings sent' },
    { kind: 'change', description: 'New gateway address' },
  ],
  'service-impeded': [{ from: D1, duty: 'communication-environment', description: 'Line not ready' }],
  'equipment-installed': [
    { itemIds: [ITEM], by: 'contractor' },
    { itemIds: [ITEM, 'P1-D2'], by: 'provider-on-site' },
  ],
  'vpn-connection': [{ peer: 'partner-net' }],
  'termination-notice': [
    {
      noticeArrivedOn: D1,
      requestedOn: '2025-06-30',
      ground: 'ordinary',
      evidenceRef: null,
      effectiveOn: '2025-06-30',
      policy: null,
    },
    {
      noticeArrivedOn: D1,
      requestedOn: null,
      ground: 'general-terms-28-2',
      evidenceRef: 'doc-77',
      effectiveOn: '2025-05-01',
      policy: 'termination-28-effective-by-art-18',
    },
    {
      noticeArrivedOn: D1,
      requestedOn: D1,
      ground: 'general-terms-28-3',
      evidenceRef: 'doc-78',
      effectiveOn: D1,
      policy: 'termination-28-effective-on-named-date',
    },
  ],
  'contract-terminated': [
    {
      on: '2026-02-15',
      settlement: {
        kind: 'owed',
        amount: 1234567,
        formula: {
          kind: 'rest-of-term',
          fee: 38000,
          parts: [
            { daysUsed: 13, daysInMonth: 28 },
            { daysUsed: 31, daysInMonth: 31 },
            { daysUsed: 30, daysInMonth: 30 },
          ],
          amount: 1234567,
          from: '2026-02-16',
          to: '2028-03-31',
        },
      },
      returnDue: shiftedDue,
    },
    { on: '2028-03-31', settlement: { kind: 'none' }, returnDue: null },
    {
      on: '2026-02-15',
      settlement: {
        kind: 'nothing',
        formula: {
          kind: 'rest-of-term-exempt',
          ground: 'general-terms-28-2',
          fee: 38000,
          parts: [{ daysUsed: 13, daysInMonth: 28 }],
          wouldBe: 17642,
          from: '2026-02-16',
          to: '2026-02-28',
        },
        notes: [
          {
            kind: 'settlement-exempt',
            ground: 'general-terms-28-2',
            evidenceRef: 'doc-77',
            years: 1,
            termStart: '2025-03-01',
            termEnd: '2026-02-28',
            scheduled: false,
          },
        ],
      },
      returnDue: due,
    },
  ],
};

type FormulaKind = ChargeFormula['kind'];
type NoteKind = ChargeNote['kind'];

export const FORMULA_SAMPLES: {
  readonly [K in FormulaKind]: readonly Extract<ChargeFormula, { kind: K }>[];
} = {
  'quoted-initial-fee': [{ kind: 'quoted-initial-fee', amount: 30000 }],
  'quoted-on-site-installation': [{ kind: 'quoted-on-site-installation', amount: 50000 }],
  'quoted-option-initial-fee': [
    { kind: 'quoted-option-initial-fee', amount: 10000, option: 'cold-standby', optionId: 'o-cs' },
  ],
  'monthly-fee': [
    monthlyFee as Extract<ChargeFormula, { kind: 'monthly-fee' }>,
    {
      kind: 'monthly-fee',
      subject: { kind: 'option', option: 'private-switch', optionId: 'o-switch' },
      fee: 6000,
      daysUsed: 31,
      daysInMonth: 31,
      amount: 6000,
    },
  ],
  'quoted-model-change': [
    {
      kind: 'quoted-model-change',
      amount: 40000,
      target: { kind: 'device' },
      fromModel: MODEL,
      toModel: OTHER_MODEL,
    },
    {
      kind: 'quoted-model-change',
      amount: 10000,
      target: { kind: 'option', optionId: 'o-switch' },
      fromModel: 'Cisco Catalyst 1000-24T-4G-L',
      toModel: 'Cisco Catalyst 1000-48T-4G-L',
    },
  ],
  'config-change-fee': [
    {
      kind: 'config-change-fee',
      devices: 2,
      perDevice: 10000,
      amount: 20000,
      jobStartJst: '2025-10-15T22:30:00+09:00',
      withinBusinessHours: false,
      opensAt: '09:00:00',
      closesAt: '19:00:00',
    },
    {
      kind: 'config-change-fee',
      devices: 1,
      perDevice: 5000,
      amount: 5000,
      jobStartJst: '2025-10-15T10:00:00+09:00',
      withinBusinessHours: true,
      opensAt: '09:00:00',
      closesAt: '19:00:00',
    },
  ],
  'quoted-fault-cost': [
    { kind: 'quoted-fault-cost', amount: 30000, outcome: 'contractor-fault' },
    { kind: 'quoted-fault-cost', amount: 15000, outcome: 'no-fault-found' },
  ],
  'quoted-loss-charge': [{ kind: 'quoted-loss-charge', amount: 120000, itemId: ITEM }],
  'breach-repair-cost': [
    { kind: 'breach-repair-cost', amount: 50000, harm: 'lost', itemIds: [ITEM] },
    { kind: 'breach-repair-cost', amount: 50000, harm: 'damaged', itemIds: [ITEM, 'P1-D2'] },
  ],
  'at-cost': [{ kind: 'at-cost', amount: 8000, cost: 'travel', description: 'Technician travel' }],
  'rest-of-term': [
    {
      kind: 'rest-of-term',
      fee: 38000,
      parts: [
        { daysUsed: 13, daysInMonth: 28 },
        { daysUsed: 31, daysInMonth: 31 },
        { daysUsed: 15, daysInMonth: 30 },
      ],
      amount: 74645,
      from: '2026-02-16',
      to: '2026-04-15',
    },
  ],
  'rest-of-term-exempt': [
    {
      kind: 'rest-of-term-exempt',
      ground: 'general-terms-28-3',
      fee: 38000,
      parts: [{ daysUsed: 13, daysInMonth: 28 }],
      wouldBe: 17642,
      from: '2026-02-16',
      to: '2026-02-28',
    },
  ],
  reduction: [
    { kind: 'reduction', days: 1, hours: 33, fee: 38000, amount: 1266 },
    { kind: 'reduction', days: 0, hours: 5, fee: 38000, amount: 0 },
  ],
  adjustment: [
    {
      kind: 'adjustment',
      month: '2025-10',
      lineId: 'c-osaka:2025-10:monthly-basic',
      lineKind: 'monthly-basic',
      recomputed: { amount: 19612, period: { from: D2, to: '2025-10-31' }, formula: monthlyFee },
      invoiced: null,
      adjustedBefore: 0,
      amount: 19612,
    },
    {
      kind: 'adjustment',
      month: '2025-10',
      lineId: 'c-osaka:2025-10:monthly-basic',
      lineKind: 'monthly-basic',
      recomputed: null,
      invoiced: { amount: 19612, period: { from: D2, to: '2025-10-31' }, formula: monthlyFee },
      adjustedBefore: 1000,
      amount: -18612,
    },
  ],
};

export const NOTE_SAMPLES: { readonly [K in NoteKind]: readonly Extract<ChargeNote, { kind: K }>[] } = {
  'corrects-closed-month': [
    { kind: 'corrects-closed-month', month: '2025-10', closeId: 'close-2025-10', closedAt: T1 },
    { kind: 'corrects-closed-month', month: '2025-03', closeId: null, closedAt: null },
  ],
  'new-fee-from-model': [
    { kind: 'new-fee-from-model', model: OTHER_MODEL, changeId: 'mc-1' },
    { kind: 'new-fee-from-model', model: null, changeId: 'mc-1' },
  ],
  'same-fee-model-change': [
    { kind: 'same-fee-model-change', model: OTHER_MODEL, changeId: 'mc-1', from: D2 },
  ],
  'last-day-billed': [
    { kind: 'last-day-billed', on: D2, reason: 'termination', scheduled: true },
    { kind: 'last-day-billed', on: D2, reason: 'option-stop', scheduled: false },
  ],
  'billed-to-parent-holder': [{ kind: 'billed-to-parent-holder', billTo: 'acme' }],
  'not-returned-deemed-lost': [{ kind: 'not-returned-deemed-lost' }],
  'found-not-refunded': [{ kind: 'found-not-refunded', foundOn: D2 }],
  breach: [
    {
      kind: 'breach',
      harm: 'lost',
      occurredOn: D1,
      article: 'Art. 14(1)(4)',
      breach: 'careless-management',
      description: 'Left in a taxi',
    },
  ],
  settlement: [
    {
      kind: 'settlement',
      endOn: '2026-02-15',
      years: 3,
      termStart: D1,
      termReason: 'billing-start',
      termEnd: '2028-03-31',
      fee: 38000,
      scheduled: true,
    },
  ],
  'settlement-exempt': [
    {
      kind: 'settlement-exempt',
      ground: 'general-terms-28-2',
      evidenceRef: 'doc-77',
      years: 1,
      termStart: D1,
      termEnd: '2026-03-31',
      scheduled: false,
    },
    {
      kind: 'settlement-exempt',
      ground: 'general-terms-28-3',
      evidenceRef: null,
      years: 3,
      termStart: D1,
      termEnd: '2028-03-31',
      scheduled: true,
    },
  ],
  'option-settlement': [
    {
      kind: 'option-settlement',
      option: 'cold-standby',
      optionId: 'o-cs',
      endOn: '2025-12-31',
      reason: 'option-stop',
      termStart: D1,
      termEnd: '2026-03-31',
      fee: 9000,
    },
    {
      kind: 'option-settlement',
      option: 'private-switch',
      optionId: 'o-switch',
      endOn: '2025-12-31',
      reason: 'contract-end',
      termStart: D1,
      termEnd: '2026-03-31',
      fee: 6000,
    },
  ],
  'reduction-granted': [
    {
      kind: 'reduction-granted',
      unusableHours: 33,
      knownAt: T1,
      days: 1,
      feeBasisOn: '2025-10-14',
      feeBasis: [
        { subject: { kind: 'basic' }, monthlyFee: 38000 },
        { subject: { kind: 'option', option: 'cold-standby', optionId: 'o-cs' }, monthlyFee: 9000 },
      ],
      feeBasisTotal: 47000,
      feeBasisPolicy: 'reduction-fee-basis-basic-plus-active-options',
      claimedOn: D2,
      windowFrom: D2,
      windowTo: '2026-01-16',
    },
  ],
};
