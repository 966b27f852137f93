/**
 * Rejections in words: one message per code in each language. The English messages are the
 * ledger's sentences as they have always read; the Japanese ones use the terms' own words.
 * Parameters become values by their names: dates and instants in the language's form, the codes
 * of items, options, kinds and statuses as words (`item`, `option`; in English `itemName` and
 * `optionName` give the catalog's names), lists joined, a nested rejection (`cause`) rendered.
 */

import { ITEM_SPECS, isInstant, isLocalDate } from '../terms';
import type { Rejection, RejectionCode, RejectionParams } from '../terms/rejections';
import { citeIn } from './citation';
import { fieldProblemText } from './field-problems';
import { date, instant, list, money, month } from './format';
import { type Catalog, formatterOf, type Values } from './intl';
import type { Lang } from './lang';
import { viewsProblemText } from './views-problem';
import { itemName, maintenanceBasisText, optionName, type Vocabulary, word } from './words';

const ON_RECORD_EN = '{id} is already on record for contract {contractId}.';
const ON_RECORD_JA = '{id} は契約 {contractId} に既に記録されています。';

export const REJECTION_MESSAGES: Catalog<RejectionCode> = {
  en: {
    INVALID_COMMAND: '{problems}{more, plural, =0 {} other {; and # more problem(s) not listed}}',
    CONCURRENCY_CONFLICT:
      'Stream {streamId} kept changing under this command; gave up after {attempts} attempts.',
    COMMAND_ID_REUSED:
      '{case, select, payload {{actor} already used command id {commandId} with a different payload.} other {{actor} already used command id {commandId} for another command.}}',
    BEFORE_FIRST_EDITION: "{date} is before the service's terms came into force (2006-06-01).",
    DATE_OUT_OF_RANGE:
      '{event} would record {date} as {path}, outside the dates the ledger keeps ({first} to {last}), where no billing month could be read; nothing was recorded.',
    NO_CATALOG_EDITION:
      "No edition of the provider's catalog is in force on {date}; install one that covers it.",
    DATE_BEFORE_ACCEPTANCE:
      '{case, select, notice {The notice cannot arrive ({date}) before the application was accepted ({acceptedOn}).} other {{date} is before contract {contractId} was accepted ({acceptedOn}).}}',
    DATE_AFTER_TERMINATION:
      'Contract {contractId} ends on {lastDay}; {case, select, replacement {no replacement is shipped on {date}} cost {a cost incurred on {date} is not one of its costs} other {nothing of its service happens on {date}}}.',
    CONTRACT_TERMINATED:
      '{case, select, command {Contract {contractId} ended on {lastDay}; after termination only returns, losses, claims and settlement are recorded, not {command}.} replacement {Contract {contractId} ends on {lastDay}; no replacement is shipped on {date}.} other {Contract {contractId} ends on {lastDay}; a cost incurred on {date} is not one of its costs.}}',
    DUPLICATE_ITEM_ID:
      '{case, select, used {Item id {itemId} is already used in contract {contractId}.} devices {Each device needs its own item id.} other {An item is listed twice.}}',
    ITEM_NOT_FOUND: 'Contract {contractId} has no item {itemId}.',
    ITEM_NOT_HELD:
      "{case, select, to_lose {Item {itemId} is {status}; only equipment in the contractor's keeping can be lost.} on_date {Item {itemId} was not in use under contract {contractId} on {date} (it had not come yet, or had been replaced, lost or stopped with its option by then).} other {Item {itemId} is not in use under contract {contractId} (it is {status}).}}",
    CONFLICTS_WITH_LATER_FACT:
      'A fact dated {date} is decided on contract {contractId} as it stood that day, but the {fact} {ref} of {on}, recorded before it, was decided on what this fact would change; correct that fact first (policy late-facts-decided-as-of-their-date).',
    CONTRACT_NOT_FOUND: 'Contract {contractId} has no accepted application.',
    CONTRACT_EXISTS:
      '{case, select, site {Contract {contractId} is already a site of network {networkId}.} other {Contract {contractId} was already accepted in network {networkId}; a site belongs to exactly one network.}}',
    NETWORK_NOT_FOUND:
      '{case, select, of_contract {Network {networkId} of contract {contractId} is not registered.} register_first {Network {networkId} is not registered; register the network with its parent contract first.} other {Network {networkId} is not registered.}}',
    SITE_OUTSIDE_JAPAN:
      'The site must be in Japan; the equipment may never be used outside Japan (country {country}).',
    MAINTENANCE_TYPE_UNAVAILABLE:
      'Maintenance Type 1 was abolished on 2010-02-01; applications from {acceptedOn} take Type 2 only.',
    CLOSED_MONITORING_NOT_PARENT:
      'Closed monitoring watches the VPN devices of a network built from the other items; it cannot be the parent contract of network {networkId}, whose main site holds those devices.',
    DEVICE_MODEL_NOT_APPLICABLE:
      'A closed-monitoring contract has no VPN device of its own, so no device model ({model} was given).',
    DEVICE_MODEL_REQUIRED: 'A {item} contract has VPN devices of its own; name their model (Art. 3).',
    SWITCH_MODEL_NOT_A_VPN_DEVICE:
      "{case, select, art_3 {{model} is listed in Art. 3, and the ledger reads it as a model of the private-switch option (Art. 9(1) counts 「プライベートスイッチオプションの機器種別」 among the 機器種別; policy art-3-catalyst-models-are-switch-models), not as the contract's VPN device. Add it as a private switch (Art. 17(2)(3)).} other {{model} is a switch model of catalog edition {edition}, for the private-switch option (Art. 9(1), 17(2)(3)), not a VPN device.}}",
    UNKNOWN_DEVICE_MODEL: '{model} is not a VPN device model of catalog edition {edition}.',
    DEVICE_COUNT:
      'A {contractType} contract of item {item} has exactly {expected} device(s); the application lists {given}.',
    BILLING_ALREADY_STARTED: 'Billing of contract {contractId} started on {billingStartOn}.',
    BILLING_BEFORE_ACCEPTANCE:
      'Billing cannot start ({billingStartOn}) before the application was accepted ({acceptedOn}).',
    BILLING_BEFORE_MODEL_CHANGE:
      "{case, select, option {Option {optionId}'s model changed on {changedOn}, before its billing started; its billing starts on or after it, not on {billingStartOn}.} other {The device model changed on {changedOn}, before billing started; billing (and the term of Art. 5(1)) starts on or after it, not on {billingStartOn}.}}",
    NETWORK_INCOMPLETE:
      'Network {networkId} needs its parent contract and at least one child site with VPN devices (closed monitoring does not count) before the service (and its billing) can start.',
    TERMINATION_ALREADY_NOTIFIED:
      'A termination notice for contract {contractId} arrived on {noticeArrivedOn}; there is no second notice.',
    EVIDENCE_REQUIRED: 'A termination under {ground} exempts the settlement; record the evidence reference.',
    NO_TERMINATION_NOTICE:
      'Contract {contractId} has no termination notice; termination takes effect only on notice.',
    TERMINATION_DATE_MISMATCH:
      'Termination of contract {contractId} takes effect on {effectiveOn}, the day its notice fixed{policy, select, none { (the later of 30 days after the notice arrived and the requested date)} other { under policy {policy}}}, not {requested}.',
    CHANGE_NOT_ALLOWED:
      '{case, select, network {Contract {contractId} belongs to network {networkId}; a site never connects to the devices of another parent (requested {requested}).} termYears {Only the device model (Annex 4) may change; the minimum term of {termYears} year(s) stays (requested {requested}).} other {The {case} of a contract can never change (it is {current}; requested {requested}). Terminate and apply anew.}}',
    OPTION_EXISTS: 'Contract {contractId} already has option {optionId}.',
    ON_SITE_HAS_NO_MONTHLY_FEE:
      'The on-site installation option has initial and one-time fees only; a monthly fee of {monthlyFee} yen cannot be set.',
    OPTION_MODEL_NOT_APPLICABLE: 'On-site installation has no model.',
    OPTION_NEEDS_DEVICE:
      'A {item} contract has no VPN device of its own to which the {optionName} option could be added.',
    MODEL_CHANGE_IN_PROGRESS:
      "{case, select, cold_standby {Device-model change {changeId} ({fromModel} → {toModel}) is under way; a cold standby, the same VPN device as the contract's, is added once it is completed.} other {Model change {changeId} of contract {contractId} is not completed yet; one change at a time.}}",
    OPTION_HOST_NOT_IN_CONTRACT:
      'The {optionName} must be fitted to a device of contract {contractId}; it has no {model}.',
    OPTION_HAS_NO_EQUIPMENT: 'On-site installation lends no equipment.',
    OPTION_EQUIPMENT_REQUIRED: 'The {optionName} option lends equipment; give the id of each unit.',
    OPTION_NOT_FOUND: 'Contract {contractId} has no option {optionId}.',
    OPTION_HAS_NO_MONTHLY_FEE: 'The {optionName} option has no monthly fee, so no billing start.',
    OPTION_BILLING_ALREADY_STARTED: 'Billing of option {optionId} started on {billingStartOn}.',
    OPTION_BILLING_BEFORE_ADDED:
      'Option {optionId} was added on {addedOn}; its billing cannot start on {billingStartOn}.',
    OPTION_STOPPED: 'Option {optionId} stops on {effectiveOn}; its billing cannot start after that.',
    OPTION_NOT_ACTIVE:
      '{case, select, stop_notified {A stop notice for option {optionId} arrived on {noticeArrivedOn}; it stops on {effectiveOn}.} other {Option {optionId} stops on {effectiveOn}.}}',
    NOTICE_BEFORE_OPTION_ADDED:
      'Option {optionId} was added on {addedOn}; a stop notice cannot arrive on {noticeArrivedOn}.',
    UNKNOWN_MODEL: 'The contract\'s device model "{model}" is not in catalog edition {edition}.',
    NOT_A_VPN_DEVICE:
      "{case, select, no_vpn_device {Configuration job {jobId} names no VPN device or cold-standby unit: its fee counts VPN devices (「VPN機器1台・1作業あたり」, Annex 1 §3(3)), and a private switch counts for nothing (policy config-fee-counts-vpn-devices).} switch_model {{model} is a switch model, not a VPN device model; a contract's device must be a VPN device.} other {Item {itemId} is a {kind}; a configuration job and its fee are per VPN device (「VPN機器1台・1作業あたり」): a VPN device or its cold-standby unit.}}",
    COLD_STANDBY_MODEL_MISMATCH:
      "{case, select, model_change {A cold-standby unit is the same model as the VPN device ({deviceModel}), not {model}.} other {A cold-standby unit must be the same model as the contract's VPN device ({deviceModel}), not {model}.}}",
    SWITCH_MODEL_REQUIRED: 'A private-switch option needs the switch model to be provided.',
    NOT_A_SWITCH_MODEL:
      '{model} is not a switch model offered for the private-switch option (catalog edition {edition}).',
    MODEL_NOT_DESIGNATED:
      'The {optionName} option is only available for {allowed} ({by, select, text {the text} other {catalog edition {edition}}}); this device is {model}.',
    LICENCE_MODEL_NOT_ELIGIBLE:
      'The {optionName} option is only available for {allowed} ({by, select, text {the text} other {catalog edition {edition}}}); this device is {model}.',
    COLD_STANDBY_NOT_APPLICABLE: 'Cold standby changes with the VPN device, not with an option; list none.',
    NOT_A_COLD_STANDBY_OF_THE_DEVICE:
      "Option {optionId} is not a cold standby in use of the device's model {fromModel} (listed once).",
    COLD_STANDBY_MUST_FOLLOW:
      "Cold standby {optionId} is the same VPN device as the contract's ({fromModel}) and changes with it: list it in coldStandby with its quoted fees (Annex 1 §3(2)), or stop it first.",
    MODEL_CHANGE_EXISTS: 'Model change {changeId} is already on record.',
    NO_DEVICE_TO_CHANGE: 'A {item} contract has no VPN device of its own whose model could change.',
    OPTION_MODEL_NOT_CHANGEABLE:
      'Only the device model and the cold-standby or private-switch model may change (Annex 4); option {optionId} is {option}.',
    MODEL_CHANGE_BEFORE_TERM_START:
      "A model change accepted on {acceptedOn} would precede the current model's billing start ({since}).",
    MODEL_CHANGE_NOT_ALLOWED:
      'Annex 4 (catalog edition {edition}) does not allow a change from {fromModel} to {toModel}.',
    OPTION_BLOCKS_MODEL_CHANGE:
      'Option {optionId} ({option}) would not fit {toModel}: {cause} Stop it first.',
    MODEL_CHANGE_NOT_FOUND: 'No model change {changeId} was accepted.',
    MODEL_CHANGE_ALREADY_COMPLETED: 'Model change {changeId} was completed on {completedOn}.',
    MODEL_CHANGE_BEFORE_ACCEPTANCE:
      "The new model's billing cannot start ({billingStartOn}) before the change was accepted ({acceptedOn}).",
    NO_EQUIPMENT_TO_CHANGE: 'No unit in use is left for model change {changeId} to replace.',
    MODEL_CHANGE_ITEM_COUNT:
      'Model change {changeId} replaces {count} unit(s) ({units}); {given} new id(s) given.',
    LOSS_EXISTS:
      '{case, select, not_returned {Loss {lossId} is already on record; an item not returned is a new loss with its own id.} other {Loss {lossId} is already on record.}}',
    LOSS_BEFORE_DELIVERY: 'Item {itemId} came into the contract on {since}.',
    LOSS_NOT_FOUND:
      '{case, select, on_record {No loss {lossId} is on record.} other {No loss {lossId} was reported.}}',
    REPLACEMENT_NOT_DUE:
      'Item {itemId} was not in use when lost (it was owed back or deemed lost); no replacement is shipped.',
    REPLACEMENT_ALREADY_SHIPPED: 'A replacement for loss {lossId} was shipped on {shippedOn}.',
    REPLACEMENT_BEFORE_REPORT:
      'Loss {lossId} was reported on {reportedOn}; the replacement cannot ship on {shippedOn}.',
    REPLACEMENT_MISMATCH:
      '{case, select, fault {The replacement for {itemId} must be a {kind} of model {model}; a different model is a model change under Annex 4.} other {The replacement for {itemId} must be a {kind} of model {model}.}}',
    LOSS_ITEM_MISMATCH: 'Loss {lossId} is of item {itemId}, not {given}.',
    LOSS_CHARGE_ALREADY_QUOTED: 'A loss charge of {amount} yen for loss {lossId} was quoted on {quotedOn}.',
    CHARGE_BEFORE_REPORT:
      'Loss {lossId} was reported on {reportedOn}; no charge can be quoted on {quotedOn}.',
    ITEM_NOT_OWED:
      '{case, select, returned_in_time {Item {itemId} was returned on {returnedOn}, within its Art. 14(3) deadline, so it does not count as not returned.} other {Item {itemId} is {status} and not owed back under Art. 14(3), so it cannot count as not returned.}}',
    RETURN_NOT_OVERDUE:
      'Item {itemId} may be returned until {dueOn} ({days} days from {from}{shiftedFrom, select, none {} other {, moved from {shiftedFrom} under Civil Code art. 142}}); it is not yet deemed lost on {quotedOn}.',
    DOUBLE_RECOVERY:
      '{case, select, breach_charged {The recovery of item {itemId}, lost in breach of Art. 14(1), was charged under Art. 14(2) (charge {chargeId}); no loss charge for it as well.} other {Item {itemId} was charged as lost under Art. 16(2) (loss {lossId}); its recovery is not charged again.}}',
    LOST_ITEM_ALREADY_FOUND: 'Item {itemId} of loss {lossId} was found on {foundOn}.',
    FOUND_BEFORE_LOSS: 'Loss {lossId} dates from {lostOn}; the item cannot be found on {foundOn}.',
    CONSENT_EXISTS: 'Consent {consentId} is already on record.',
    EQUIPMENT_OUTSIDE_JAPAN:
      'The equipment may never be used outside Japan; no consent to move it to {country}.',
    RELOCATION_WITHOUT_CONSENT:
      "Equipment is moved only with the provider's consent; there is no consent {consentId}.",
    CONSENT_ALREADY_USED: 'Consent {consentId} was used for the move on {relocatedOn}.',
    RELOCATION_BEFORE_CONSENT: 'The move ({relocatedOn}) cannot precede the consent ({consentedOn}).',
    ITEM_ALREADY_RETURNED: 'Item {itemId} was returned on {returnedOn}.',
    ITEM_LOST: 'Item {itemId} is recorded lost ({lossId}); record it found before it is sent back.',
    ITEM_IN_USE:
      'Item {itemId} is in use; equipment goes back when the contract ends, the option stops or a model change replaces it.',
    RETURN_BEFORE_DUE: 'Item {itemId} can go back from {from}, not on {returnedOn}.',
    JOB_EXISTS: 'Configuration job {jobId} is already on record.',
    NOT_PARENT_HOLDER:
      'Only {holder}, the holder of the parent contract of network {networkId}, may instruct configuration changes; {instructedBy} may not.',
    PARENT_NOT_IN_FORCE:
      '{case, select, not_yet {The parent contract {parentContractId} of network {networkId} was accepted on {acceptedOn}; on {date} no parent contract was in force to instruct a configuration change (Art. 10(1)(2)).} ended {The parent contract {parentContractId} of network {networkId} ended on {lastDay}; on {date} no parent contract was in force to instruct a configuration change or pay its fee (Art. 10(1)(2), 10(4)).} other {Network {networkId} has no parent contract {parentContractId} on record; on {date} no one could instruct a configuration change (Art. 10(1)(2)).}}',
    JOB_NOT_INSTRUCTED: 'No configuration change {jobId} was instructed by the parent holder.',
    JOB_ALREADY_PERFORMED: 'Configuration job {jobId} was performed at {startedAt}.',
    JOB_BEFORE_INSTRUCTION:
      'Job {jobId} cannot start ({startedAt}) before it was instructed ({instructedAt}).',
    FAULT_EXISTS: 'Fault {faultId} is already on record.',
    FAULT_ALREADY_OPEN: 'Fault {faultId} of item {itemId} is still open.',
    FAULT_NOT_FOUND: 'No fault {faultId} was reported.',
    FAULT_ALREADY_INVESTIGATED: 'Fault {faultId} was investigated on {investigatedOn}.',
    INVESTIGATION_BEFORE_REPORT:
      'Fault {faultId} was reported at {reportedAt}; it cannot be investigated on {investigatedOn}.',
    QUOTED_COST_REQUIRED:
      'With outcome {outcome} the contractor pays the cost the provider quotes (Annex 1 §3(4)); record the quoted amount.',
    QUOTED_COST_NOT_OWED:
      'With outcome {outcome} the contractor owes nothing under Art. 15(3); the quoted cost must be null.',
    FAULT_ALREADY_RESOLVED: 'Fault {faultId} was resolved on {resolvedOn}.',
    FAULT_NOT_INVESTIGATED:
      'Fault {faultId} has not been investigated; the provider investigates its cause first.',
    RESOLUTION_BEFORE_INVESTIGATION:
      'Fault {faultId} was investigated on {investigatedOn}; it cannot be resolved on {resolvedOn}.',
    NOT_A_MINOR_FAULT:
      "Only a minor fault is handled by the contractor on the provider's instruction; fault {faultId} was found {outcome}.",
    REPLACEMENT_NOT_EXPECTED: 'A fault {resolution} brings no replacement unit.',
    REPLACEMENT_REQUIRED: 'A replaced unit needs the replacement item.',
    OUTAGE_EXISTS: 'Outage {outageId} is already on record.',
    OUTAGE_NOT_FOUND: 'No outage {outageId} is on record.',
    OUTAGE_ALREADY_RESOLVED: 'Outage {outageId} was resolved at {resolvedAt}.',
    OUTAGE_RESOLVED_BEFORE_KNOWN:
      'Outage {outageId} became known at {knownAt}; it cannot be resolved at {resolvedAt}.',
    REDUCTION_ALREADY_CLAIMED: 'A reduction for outage {outageId} was claimed on {claimedOn}.',
    CLAIM_BEFORE_OUTAGE: 'Outage {outageId} became known at {knownAt}; no claim on {claimedOn}.',
    CLAIM_BEFORE_BILLING:
      'Outage {outageId} of contract {contractId}: billing has not started, so none of its unusable hours count yet and nothing can be claimed on {claimedOn} (policy reduction-hours-while-fee-owed; Art. 21, Annex 3).',
    CLAIM_PREMATURE:
      'A reduction can be claimed once 24 hours of unusability are reached ({reachedAt}, so from {firstClaimableOn}); not on {claimedOn}.',
    MEASUREMENT_EXISTS: 'Measurement {measurementId} is already on record.',
    PROPOSAL_EXISTS: 'Proposal {proposalId} is already on record.',
    MEASUREMENT_NOT_FOUND:
      'A contract change is proposed on the result of a traffic measurement; contract {contractId} has no measurement {measurementId}.',
    PROPOSAL_BEFORE_MEASUREMENT:
      'Measurement {measurementId} was taken on {measuredOn}; no proposal on {proposedOn} can rest on it.',
    COST_EXISTS: 'One-time cost {costId} is already on record.',
    TRAVEL_NOT_TYPE_2:
      'Travel costs at actual cost are owed where maintenance is Type 2; contract {contractId} was under {maintenanceType} on {date} ({reason})',
    ON_SITE_OPTION_REQUIRED:
      '{case, select, cost {A {cost} cost belongs to the on-site installation option, which contract {contractId} does not have.} other {The contractor installs the equipment (Art. 13); the provider installs it only under the on-site installation option, which contract {contractId} does not have.}}',
    ACT_EXISTS: ON_RECORD_EN,
    ADDRESS_USE_EXISTS: ON_RECORD_EN,
    SETUP_EXISTS: ON_RECORD_EN,
    NOTICE_EXISTS: ON_RECORD_EN,
    IMPEDIMENT_EXISTS: ON_RECORD_EN,
    INSTALLATION_EXISTS: ON_RECORD_EN,
    CONNECTION_EXISTS: ON_RECORD_EN,
    BREACH_CHARGE_EXISTS: 'Charge {chargeId} is already on record.',
    CHARGE_BEFORE_HARM:
      'The {harm, select, lost {loss} other {damage}} occurred on {occurredOn}; it cannot be charged on {chargedOn}.',
    ADDRESS_DESIGNATED:
      '{address} lies within designation {designationId} ({addresses}); its use is allowed.',
    DESIGNATION_EXISTS: 'Designation {designationId} is already on record.',
    NOT_CLOSED_MONITORING:
      "The line to the provider's monitoring location is a duty of closed monitoring; contract {contractId} is {item}.",
    INSTALLATION_BEFORE_DELIVERY:
      'Item {itemId} came into the contract on {since}; it cannot be installed on {installedOn}.',
    PEER_NOT_ON_SERVICE:
      'A VPN of the service connects only to networks that use IIJ Managed VPN PRO too; {peer} does not.',
    SUBNET_MALFORMED: '"{text}" is not an address prefix such as 192.168.10.0/24.',
    IPV6_NOT_SUPPORTED:
      '{case, select, address {{text} is an IPv6 address; the service uses IPv4 addresses only.} other {{text} is an IPv6 prefix; the service carries IPv4 only.}}',
    SUBNET_NOT_PRIVATE:
      '{case, select, wider {{text} is wider than the private block it starts in.} other {{text} is outside the private address space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).}}',
    ADDRESS_MALFORMED: '"{text}" is not an IPv4 address or prefix such as 203.0.113.10 or 203.0.113.0/28.',
    SUBNET_OVERLAP:
      "{case, select, same_application {{subnet} overlaps {other} in the same application (the ledger's policy distinct-lan-subnets-per-vpn; the terms do not say it).} other {{subnet} overlaps {other} of contract {contractId} in network {networkId}; the sites of one VPN use distinct private subnets (the ledger's policy distinct-lan-subnets-per-vpn; the terms do not say it).}}",
    NETWORK_EXISTS: 'Network {networkId} is already registered; a network has exactly one parent.',
    NETWORK_ITEM_INVALID:
      'A VPN network is built with a star/edge item; {item} monitors such a network and cannot be its item.',
    CONTRACT_NOT_IN_NETWORK: 'Contract {contractId} is not a site of network {networkId}.',
    DISCLOSURE_OUTSIDE_NETWORK:
      'Settings of contract {contractId} may be disclosed only to contractors of the same VPN; {contractorId} is not one of network {networkId}.',
    APPLICATION_IN_PROGRESS:
      'Contract {contractId} is being applied for by command {reservedBy}, whose contract is not written yet; if that command failed, apply again in a few minutes and its reservation is voided.',
    SECOND_PARENT:
      'Network {networkId} already has parent contract {parentContractId}; a VPN has one parent site.',
    PARENT_AS_CHILD: 'Contract {contractId} is registered as the parent of network {networkId}.',
    PARENT_HOLDER_MISMATCH:
      'The parent contract of network {networkId} is held by {holder}, not {contractorId}.',
    ITEM_MISMATCH: 'Network {networkId} is built with {item}; every contract of the network shares its item.',
    NETWORK_PARENT_ENDED:
      'The parent contract {parentContractId} of network {networkId} ended on {lastDay}; no site joins the network on {date} (Art. 1, 8(1)).',
    CHILD_SITE_LIMIT: 'Network {networkId} already has its maximum of {limit} child sites.',
    MONTH_ALREADY_CLOSED:
      "{case, select, closed {{month} was closed at {closedAt} ({lines} line(s), {total, number} yen); a closed month never changes: later facts are billed as adjustments in the first open month.} other {{month} is not after the last closed month {lastClosed}: months before the ledger's first close bill nothing and were closed with it; a closed month never changes.}}",
    MONTH_NOT_ENDED: '{month} has not ended in Japan: it can be closed from {endsAt} (it is {now} now).',
    NOTHING_TO_CLOSE:
      "The ledger bills nothing yet: the first month to close is the month of the ledger's first charge line.",
    MONTH_OUT_OF_ORDER:
      "{case, select, before_first {The ledger's first charge line is billed in {firstMonth}: no month before it bills anything, and the first month to close is {firstMonth}.} first_first {Close {firstMonth} first: it is the ledger's first month (the month of its first charge line), and months close in order.} other {Close {next} first: months close in order, and the last closed month is {lastClosed}.}}",
    VIEWS_BEHIND:
      '{previous} is closed, but the views do not show its close yet; {month} carries the adjustments they work out from it. Let the views catch up (`vpn-ledger project`) and close {month} again.',
    VIEWS_UNAVAILABLE:
      'A close holds the views against the log, and they cannot answer: {problem}. Run `vpn-ledger rebuild` (or `vpn-ledger project`) first.',
    VIEWS_DIFFER:
      '{month} cannot be closed: the views give {count} line(s) of it otherwise than the log ({lines}). A close invoices what the log derives; run `vpn-ledger verify` to see which rows of which views differ, then `vpn-ledger rebuild`.',
    ACTOR_MISMATCH:
      "{case, select, actor {The command's actor is the authenticated principal {principal}; this request names {named} (leave actor out, or send {principal}).} other {Contractor {contractorId} cannot give an instruction in the name of {named}: instructedBy is the authenticated contractor.}}",
    NOT_PERMITTED:
      "{case, select, provider_act {{type} is recorded by the provider: only staff may send it; a contractor sends requests, notices, configuration instructions, reduction claims and loss reports.} other {{type} is an act of the contract's holder {holderId}; the parent holder {parentHolderId} instructs configuration changes only (Art. 10).}}",
    NOT_DATED_TODAY:
      '{type} sent through the server is made on the day it is received: {field} must be {today} (Japan), not {dated}.',
    POLICY_BACKDATED:
      'A policy set governs from the day it is recorded or later, never before: {from} is before today ({today}); what was decided before stays decided under the set it read.',
    POLICY_UNCHANGED: 'The policy set in force on {from} already says all this: nothing to adopt.',
    CATALOG_EDITION_BEFORE_ADOPTION:
      'Catalog edition {edition} takes effect on {effectiveFrom}, before the adoption governs ({from}).',
    CATALOG_EDITIONS_DO_NOT_FIT:
      "{case, select, listed_twice {Catalog edition {edition} is listed twice.} same_date {Two catalog editions take effect on {date}.} differs {Catalog edition {edition} differs from the edition of that id the ledger has.} other {Catalog edition {edition} drops {models} of edition {before}: mark a model 'legacy' instead.}}",
  },
  ja: {
    INVALID_COMMAND:
      'コマンドの内容に誤りがあります（{count}件）: {problems}{more, plural, =0 {} other {（ほか#件は省略）}}',
    CONCURRENCY_CONFLICT:
      'このコマンドの処理中にストリーム {streamId} が更新され続けたため、{attempts}回試みたうえで処理を中止しました。',
    COMMAND_ID_REUSED:
      '{actor} はコマンドID {commandId} を、{case, select, payload {内容の異なる別のコマンドで既に使っています。} other {別のコマンドで既に使っています。}}',
    BEFORE_FIRST_EDITION: '{date}は本サービスの約款の施行日（平成18年6月1日）より前です。',
    DATE_OUT_OF_RANGE:
      '{event} の {path} が{date}となり、台帳が扱う期間（{first}～{last}）を外れるため、その料金月を読み出せません。何も記録していません。',
    NO_CATALOG_EDITION: '{date}に適用される当社カタログの版がありません。その日を含む版を導入してください。',
    DATE_BEFORE_ACCEPTANCE:
      '{case, select, notice {通知の到達日（{date}）が申込の承諾日（{acceptedOn}）より前になっています。} other {{date}は契約 {contractId} の申込を承諾した日（{acceptedOn}）より前です。}}',
    DATE_AFTER_TERMINATION:
      '契約 {contractId} は{lastDay}に終了します。{case, select, replacement {{date}に代替機を送付することはありません。} cost {{date}に生じた費用はこの契約の費用ではありません。} other {{date}にこの契約のサービスに係る事実は生じません。}}',
    CONTRACT_TERMINATED:
      '{case, select, command {契約 {contractId} は{lastDay}に解除されています。解除後に記録できるのは返還、亡失、減額の請求及び精算だけで、{command} は記録できません。} replacement {契約 {contractId} は{lastDay}に終了しています。{date}に代替機を送付することはありません。} other {契約 {contractId} は{lastDay}に終了しています。{date}に生じた費用はこの契約の費用ではありません。}}',
    DUPLICATE_ITEM_ID:
      '{case, select, used {機器ID {itemId} は契約 {contractId} で既に使われています。} devices {VPN機器ごとに別々の機器IDが必要です。} other {同じ機器が二度指定されています。}}',
    ITEM_NOT_FOUND: '契約 {contractId} に機器 {itemId} はありません。',
    ITEM_NOT_HELD:
      '{case, select, to_lose {機器 {itemId} は{status}です。亡失し得るのは契約者の手元にある機器だけです。} on_date {機器 {itemId} は{date}に契約 {contractId} で使用中ではありませんでした（その日までに届いていないか、取り替え、亡失又はオプションの利用の停止により使用を終えていました）。} other {機器 {itemId} は契約 {contractId} で使用中ではありません（{status}）。}}',
    CONFLICTS_WITH_LATER_FACT:
      '{date}の事実は契約 {contractId} のその日の状態に基づいて判断しますが、先に記録された{on}の{fact}（{ref}）は、この事実が変える状態に基づいて判断されています。先にその事実を訂正してください（方針 late-facts-decided-as-of-their-date）。',
    CONTRACT_NOT_FOUND: '契約 {contractId} について承諾された申込がありません。',
    CONTRACT_EXISTS:
      '{case, select, site {契約 {contractId} は既にVPN網 {networkId} の拠点です。} other {契約 {contractId} は既にVPN網 {networkId} で承諾されています。一の拠点が属するVPN網は一つだけです。}}',
    NETWORK_NOT_FOUND:
      '{case, select, of_contract {契約 {contractId} のVPN網 {networkId} は登録されていません。} register_first {VPN網 {networkId} は登録されていません。先に親たる契約とともにVPN網を登録してください。} other {VPN網 {networkId} は登録されていません。}}',
    SITE_OUTSIDE_JAPAN:
      '拠点は日本国内になければなりません。VPN機器等を日本国外で使用することはできません（国: {country}）。',
    MAINTENANCE_TYPE_UNAVAILABLE:
      '保守種別タイプ1は平成22年2月1日に廃止されました。{acceptedOn}の申込で選べるのはタイプ2だけです。',
    CLOSED_MONITORING_NOT_PARENT:
      'クローズドモニタリングは、他の品目によって構成されるVPN網のVPN機器を監視するものです。それらの機器を置く主たる拠点である、VPN網 {networkId} の親たる契約にはなれません。',
    DEVICE_MODEL_NOT_APPLICABLE:
      'クローズドモニタリングの契約は自らのVPN機器を持たないため、機器種別は指定しません（{model} が指定されています）。',
    DEVICE_MODEL_REQUIRED:
      '品目{item}の契約には自らのVPN機器があります。その機器種別を指定してください（第3条）。',
    SWITCH_MODEL_NOT_A_VPN_DEVICE:
      '{case, select, art_3 {{model} は第3条に掲げられていますが、第9条第1項が「プライベートスイッチオプションの機器種別」を機器種別に含めていることから、台帳はこれをプライベートスイッチオプションの機器種別と読み（方針「第3条の Catalyst はスイッチ機器」）、契約のVPN機器とはしません。プライベートスイッチとして追加してください（第17条第2項第3号）。} other {{model} はカタログ版 {edition} ではプライベートスイッチオプションのスイッチ機器の機器種別であり（第9条第1項、第17条第2項第3号）、VPN機器ではありません。}}',
    UNKNOWN_DEVICE_MODEL: '{model} はカタログ版 {edition} のVPN機器の機器種別ではありません。',
    DEVICE_COUNT:
      '品目{item}の{contractType}のVPN機器はちょうど{expected}台です。申込には{given}台が記載されています。',
    BILLING_ALREADY_STARTED: '契約 {contractId} の課金は{billingStartOn}に開始しています。',
    BILLING_BEFORE_ACCEPTANCE:
      '課金開始日（{billingStartOn}）を申込の承諾日（{acceptedOn}）より前にすることはできません。',
    BILLING_BEFORE_MODEL_CHANGE:
      '{case, select, option {オプション {optionId} の機器種別は課金開始前の{changedOn}に変更されています。課金開始日はその日以後となり、{billingStartOn}とすることはできません。} other {機器種別は課金開始前の{changedOn}に変更されています。課金開始日（第5条第1項の最低利用期間の起算日）はその日以後となり、{billingStartOn}とすることはできません。}}',
    NETWORK_INCOMPLETE:
      'VPN網 {networkId} でサービス（及びその課金）を開始するには、親たる契約と、VPN機器を置く子拠点の子たる契約が少なくとも一つ必要です（クローズドモニタリングは数に入りません）。',
    TERMINATION_ALREADY_NOTIFIED:
      '契約 {contractId} の解約の通知は{noticeArrivedOn}に到達しています。重ねて通知することはできません。',
    EVIDENCE_REQUIRED:
      '{ground}に基づく解除では解除調定金の支払いを要しません。その根拠資料の参照を記録してください。',
    NO_TERMINATION_NOTICE:
      '契約 {contractId} には解約の通知がありません。解除は通知によってのみ効力を生じます。',
    TERMINATION_DATE_MISMATCH:
      '契約 {contractId} の解除の効力が生じる日は、通知によって定まった{effectiveOn}です{policy, select, none {（通知が到達した日から30日を経過する日と指定日のいずれか遅い日）} other {（方針 {policy}）}}。{requested}ではありません。',
    CHANGE_NOT_ALLOWED:
      '{case, select, network {契約 {contractId} はVPN網 {networkId} に属します。子拠点のVPN機器が他の親たる契約のVPN機器とVPN接続することはできません（請求: {requested}）。} termYears {変更できるのは機器種別（別紙4）だけです。最低利用期間{termYears}年は変わりません（請求: {requested}年）。} other {契約の{what}は変更できません（現在: {current}、請求: {requested}）。解除のうえ、改めて申し込んでください。}}',
    OPTION_EXISTS: '契約 {contractId} には既にオプション {optionId} があります。',
    ON_SITE_HAS_NO_MONTHLY_FEE:
      'オンサイト設置オプションの料金は初期費用と一時費用だけです。月額費用（{monthlyFee, number}円）は設定できません。',
    OPTION_MODEL_NOT_APPLICABLE: 'オンサイト設置オプションに機器種別はありません。',
    OPTION_NEEDS_DEVICE: '品目{item}の契約には、{option}を追加する自らのVPN機器がありません。',
    MODEL_CHANGE_IN_PROGRESS:
      '{case, select, cold_standby {機器種別の変更 {changeId}（{fromModel} → {toModel}）が進行中です。コールドスタンバイは契約のVPN機器と同一の機器なので、変更の完了後に追加してください。} other {契約 {contractId} の機器種別の変更 {changeId} がまだ完了していません。変更は一度に一つずつです。}}',
    OPTION_HOST_NOT_IN_CONTRACT:
      '{option}は契約 {contractId} の機器に取り付けるものですが、この契約に {model} はありません。',
    OPTION_HAS_NO_EQUIPMENT: 'オンサイト設置オプションで貸与する機器はありません。',
    OPTION_EQUIPMENT_REQUIRED: '{option}では機器を貸与します。一台ごとに機器IDを指定してください。',
    OPTION_NOT_FOUND: '契約 {contractId} にオプション {optionId} はありません。',
    OPTION_HAS_NO_MONTHLY_FEE: '{option}には月額費用がないため、課金開始日もありません。',
    OPTION_BILLING_ALREADY_STARTED: 'オプション {optionId} の課金は{billingStartOn}に開始しています。',
    OPTION_BILLING_BEFORE_ADDED:
      'オプション {optionId} を追加したのは{addedOn}です。課金開始日を{billingStartOn}とすることはできません。',
    OPTION_STOPPED:
      'オプション {optionId} は{effectiveOn}に利用を停止します。それより後に課金を開始することはできません。',
    OPTION_NOT_ACTIVE:
      '{case, select, stop_notified {オプション {optionId} の利用の停止の通知は{noticeArrivedOn}に到達しており、{effectiveOn}に停止します。} other {オプション {optionId} は{effectiveOn}に利用を停止します。}}',
    NOTICE_BEFORE_OPTION_ADDED:
      'オプション {optionId} を追加したのは{addedOn}です。利用の停止の通知が{noticeArrivedOn}に到達することはありません。',
    UNKNOWN_MODEL: '契約の機器種別「{model}」はカタログ版 {edition} にありません。',
    NOT_A_VPN_DEVICE:
      '{case, select, no_vpn_device {設定変更作業 {jobId} にはVPN機器もコールドスタンバイ機も含まれていません。その費用は「VPN機器1台・1作業あたり」（別紙1第3項(3)）で数え、プライベートスイッチは数に入りません（方針 config-fee-counts-vpn-devices）。} switch_model {{model} はスイッチ機器の機器種別であり、VPN機器の機器種別ではありません。契約の機器はVPN機器でなければなりません。} other {機器 {itemId} は{kind}です。設定変更作業とその費用は「VPN機器1台・1作業あたり」であり、対象はVPN機器又はそのコールドスタンバイ機です。}}',
    COLD_STANDBY_MODEL_MISMATCH:
      'コールドスタンバイ機は契約のVPN機器と同一の機器種別（{deviceModel}）でなければならず、{model} にはできません。',
    SWITCH_MODEL_REQUIRED: 'プライベートスイッチオプションにはスイッチ機器の機器種別の指定が必要です。',
    NOT_A_SWITCH_MODEL:
      '{model} はプライベートスイッチオプションで提供するスイッチ機器の機器種別ではありません（カタログ版 {edition}）。',
    MODEL_NOT_DESIGNATED:
      '{option}を利用できるのは {allowed} だけです（{by, select, text {約款の定め} other {カタログ版 {edition}}}）。この機器は {model} です。',
    LICENCE_MODEL_NOT_ELIGIBLE:
      '{option}を利用できるのは機器種別を {allowed} とするVPN機器だけです（{by, select, text {約款の定め} other {カタログ版 {edition}}}）。この機器は {model} です。',
    COLD_STANDBY_NOT_APPLICABLE:
      'コールドスタンバイはVPN機器の機器種別の変更に伴って変わるもので、オプションの変更には伴いません。指定しないでください。',
    NOT_A_COLD_STANDBY_OF_THE_DEVICE:
      'オプション {optionId} は機器種別 {fromModel} の使用中のコールドスタンバイではありません（又は重複して指定されています）。',
    COLD_STANDBY_MUST_FOLLOW:
      'コールドスタンバイ {optionId} は契約のVPN機器と同一の機器（{fromModel}）であり、その変更に伴って変わります。当社が示した料金とともに coldStandby に指定するか（別紙1の3.(2)）、先に利用を停止してください。',
    MODEL_CHANGE_EXISTS: '機器種別の変更 {changeId} は既に記録されています。',
    NO_DEVICE_TO_CHANGE: '品目{item}の契約には、機器種別を変更する自らのVPN機器がありません。',
    OPTION_MODEL_NOT_CHANGEABLE:
      '変更できるのはVPN機器、コールドスタンバイ及びプライベートスイッチの機器種別だけです（別紙4）。オプション {optionId} は{option}です。',
    MODEL_CHANGE_BEFORE_TERM_START:
      '{acceptedOn}に承諾する機器種別の変更は、現在の機器種別の課金開始日（{since}）より前になります。',
    MODEL_CHANGE_NOT_ALLOWED:
      '別紙4（カタログ版 {edition}）は {fromModel} から {toModel} への変更を認めていません。',
    OPTION_BLOCKS_MODEL_CHANGE:
      'オプション {optionId}（{option}）は {toModel} に適合しません。{cause}先にこのオプションの利用を停止してください。',
    MODEL_CHANGE_NOT_FOUND: '機器種別の変更 {changeId} は承諾されていません。',
    MODEL_CHANGE_ALREADY_COMPLETED: '機器種別の変更 {changeId} は{completedOn}に完了しています。',
    MODEL_CHANGE_BEFORE_ACCEPTANCE:
      '変更後の機器種別の課金開始日（{billingStartOn}）を変更の承諾日（{acceptedOn}）より前にすることはできません。',
    NO_EQUIPMENT_TO_CHANGE: '機器種別の変更 {changeId} で取り替える使用中の機器が残っていません。',
    MODEL_CHANGE_ITEM_COUNT:
      '機器種別の変更 {changeId} で取り替える機器は{count}台（{units}）ですが、新しい機器IDは{given}件指定されています。',
    LOSS_EXISTS:
      '{case, select, not_returned {亡失 {lossId} は既に記録されています。返還されなかった機器は、別のIDで新たな亡失として記録してください。} other {亡失 {lossId} は既に記録されています。}}',
    LOSS_BEFORE_DELIVERY:
      '機器 {itemId} がこの契約に加わったのは{since}で、それより前に亡失することはありません。',
    LOSS_NOT_FOUND:
      '{case, select, on_record {亡失 {lossId} の記録はありません。} other {亡失 {lossId} は通知されていません。}}',
    REPLACEMENT_NOT_DUE:
      '機器 {itemId} は亡失の時点で使用中ではなかった（返還待ち又は亡失とみなされていた）ため、代替機は送付しません。',
    REPLACEMENT_ALREADY_SHIPPED: '亡失 {lossId} の代替機は{shippedOn}に送付済みです。',
    REPLACEMENT_BEFORE_REPORT:
      '亡失 {lossId} の通知は{reportedOn}です。代替機を{shippedOn}に送付することはできません。',
    REPLACEMENT_MISMATCH:
      '{case, select, fault {{itemId} の交換機は機器種別 {model} の{kind}でなければなりません。別の機器種別にするのは別紙4による機器種別の変更です。} other {{itemId} の代替機は機器種別 {model} の{kind}でなければなりません。}}',
    LOSS_ITEM_MISMATCH: '亡失 {lossId} は機器 {itemId} のもので、{given} のものではありません。',
    LOSS_CHARGE_ALREADY_QUOTED: '亡失 {lossId} の亡失負担金{amount, number}円は{quotedOn}に提示済みです。',
    CHARGE_BEFORE_REPORT:
      '亡失 {lossId} の通知は{reportedOn}です。亡失負担金を{quotedOn}に提示することはできません。',
    ITEM_NOT_OWED:
      '{case, select, returned_in_time {機器 {itemId} は第14条第3項の期限内の{returnedOn}に返還されており、返還がなかったものにはなりません。} other {機器 {itemId} は{status}で、第14条第3項により返還すべきものではないため、返還がなかったものにはなりません。}}',
    RETURN_NOT_OVERDUE:
      '機器 {itemId} の返還の期限は{dueOn}です（{from}から{days}日以内{shiftedFrom, select, none {} other {。民法第142条により{shiftedFrom}から繰り延べ}}）。{quotedOn}の時点ではまだ返還がなかったことにはならず、亡失品には当たりません。',
    DOUBLE_RECOVERY:
      '{case, select, breach_charged {第14条第1項に違反して亡失した機器 {itemId} の回復に要する費用は、第14条第2項により請求済みです（請求 {chargeId}）。重ねて亡失負担金を請求することはありません。} other {機器 {itemId} については第16条第2項の亡失負担金を請求済みです（亡失 {lossId}）。その回復に要する費用を重ねて請求することはありません。}}',
    LOST_ITEM_ALREADY_FOUND: '亡失 {lossId} の機器 {itemId} は{foundOn}に発見済みです。',
    FOUND_BEFORE_LOSS: '亡失 {lossId} は{lostOn}のものです。{foundOn}に発見されることはありません。',
    CONSENT_EXISTS: '承諾 {consentId} は既に記録されています。',
    EQUIPMENT_OUTSIDE_JAPAN:
      'VPN機器等を日本国外で使用することはできません。{country} への移動は承諾しません。',
    RELOCATION_WITHOUT_CONSENT: 'VPN機器等の移動には当社の承諾が必要です。承諾 {consentId} はありません。',
    CONSENT_ALREADY_USED: '承諾 {consentId} は{relocatedOn}の移動に用いられています。',
    RELOCATION_BEFORE_CONSENT:
      '移動日（{relocatedOn}）を承諾日（{consentedOn}）より前にすることはできません。',
    ITEM_ALREADY_RETURNED: '機器 {itemId} は{returnedOn}に返還済みです。',
    ITEM_LOST: '機器 {itemId} は亡失として記録されています（{lossId}）。返還の前に発見を記録してください。',
    ITEM_IN_USE:
      '機器 {itemId} は使用中です。VPN機器等を返還するのは、契約の終了、オプションの利用の停止又は機器種別の変更による取替えのときです。',
    RETURN_BEFORE_DUE: '機器 {itemId} を返還できるのは{from}以後で、{returnedOn}ではありません。',
    JOB_EXISTS: '設定変更作業 {jobId} は既に記録されています。',
    NOT_PARENT_HOLDER:
      '設定変更を指示できるのは、VPN網 {networkId} の親たる契約の契約者である {holder} だけです。{instructedBy} は指示できません。',
    PARENT_NOT_IN_FORCE:
      '{case, select, not_yet {VPN網 {networkId} の親たる契約 {parentContractId} の申込の承諾は{acceptedOn}です。{date}には設定変更を指示できる親たる契約がありませんでした（第10条第1項第2号）。} ended {VPN網 {networkId} の親たる契約 {parentContractId} は{lastDay}に終了しました。{date}には設定変更を指示し、その費用を支払う親たる契約がありませんでした（第10条第1項第2号、第4項）。} other {VPN網 {networkId} の親たる契約 {parentContractId} は記録されていません。{date}に設定変更を指示できる者はいませんでした（第10条第1項第2号）。}}',
    JOB_NOT_INSTRUCTED: '設定変更 {jobId} は親たる契約の契約者から指示されていません。',
    JOB_ALREADY_PERFORMED: '設定変更作業 {jobId} は{startedAt}に実施済みです。',
    JOB_BEFORE_INSTRUCTION:
      '作業 {jobId} の開始（{startedAt}）を指示（{instructedAt}）より前にすることはできません。',
    FAULT_EXISTS: '故障 {faultId} は既に記録されています。',
    FAULT_ALREADY_OPEN: '機器 {itemId} の故障 {faultId} は未解決です。',
    FAULT_NOT_FOUND: '故障 {faultId} は通知されていません。',
    FAULT_ALREADY_INVESTIGATED: '故障 {faultId} は{investigatedOn}に調査済みです。',
    INVESTIGATION_BEFORE_REPORT:
      '故障 {faultId} の通知は{reportedAt}です。{investigatedOn}に調査することはできません。',
    QUOTED_COST_REQUIRED:
      '調査結果が{outcome}の場合、契約者は当社が示す金額を支払います（別紙1の3.(4)）。その金額を記録してください。',
    QUOTED_COST_NOT_OWED:
      '調査結果が{outcome}の場合、契約者は第15条第3項の支払義務を負いません。金額は記録しないでください。',
    FAULT_ALREADY_RESOLVED: '故障 {faultId} は{resolvedOn}に解決済みです。',
    FAULT_NOT_INVESTIGATED: '故障 {faultId} はまだ調査されていません。当社が先にその原因を調査します。',
    RESOLUTION_BEFORE_INVESTIGATION:
      '故障 {faultId} の調査は{investigatedOn}です。{resolvedOn}に解決することはできません。',
    NOT_A_MINOR_FAULT:
      '当社の指示により契約者が対応するのは軽微な故障だけです。故障 {faultId} の調査結果は{outcome}です。',
    REPLACEMENT_NOT_EXPECTED: '{resolution}による解決では交換機はありません。',
    REPLACEMENT_REQUIRED: '交換の場合は交換機を指定してください。',
    OUTAGE_EXISTS: '障害 {outageId} は既に記録されています。',
    OUTAGE_NOT_FOUND: '障害 {outageId} の記録はありません。',
    OUTAGE_ALREADY_RESOLVED: '障害 {outageId} は{resolvedAt}に解消済みです。',
    OUTAGE_RESOLVED_BEFORE_KNOWN:
      '当社が障害 {outageId} を知ったのは{knownAt}です。{resolvedAt}に解消することはできません。',
    REDUCTION_ALREADY_CLAIMED: '障害 {outageId} の料金の減額は{claimedOn}に請求済みです。',
    CLAIM_BEFORE_OUTAGE:
      '当社が障害 {outageId} を知ったのは{knownAt}です。{claimedOn}に請求することはできません。',
    CLAIM_BEFORE_BILLING:
      '契約 {contractId} の障害 {outageId}: 課金がまだ開始していないため、利用不能時間はまだ数えず、{claimedOn}に減額を請求することはできません（方針 reduction-hours-while-fee-owed、第21条、別紙3）。',
    CLAIM_PREMATURE:
      '料金の減額を請求できるのは利用不能時間が24時間に達してから（{reachedAt}、すなわち{firstClaimableOn}以後）で、{claimedOn}ではありません。',
    MEASUREMENT_EXISTS: '計測 {measurementId} は既に記録されています。',
    PROPOSAL_EXISTS: '提案 {proposalId} は既に記録されています。',
    MEASUREMENT_NOT_FOUND:
      '契約内容の変更の提案は通信量の計測結果に基づいて行います。契約 {contractId} に計測 {measurementId} はありません。',
    PROPOSAL_BEFORE_MEASUREMENT:
      '計測 {measurementId} は{measuredOn}に行われたもので、{proposedOn}の提案の根拠にはなりません。',
    COST_EXISTS: '一時費用 {costId} は既に記録されています。',
    TRAVEL_NOT_TYPE_2:
      '交通費等の実費は保守種別がタイプ2の場合に支払うものです。契約 {contractId} の{date}の保守種別は{maintenanceType}です。{reason}',
    ON_SITE_OPTION_REQUIRED:
      '{case, select, cost {{cost}の費用はオンサイト設置オプションに係るものですが、契約 {contractId} はこのオプションを利用していません。} other {VPN機器等の設置は契約者が行います（第13条）。当社が設置するのはオンサイト設置オプションを利用する場合だけですが、契約 {contractId} はこのオプションを利用していません。}}',
    ACT_EXISTS: ON_RECORD_JA,
    ADDRESS_USE_EXISTS: ON_RECORD_JA,
    SETUP_EXISTS: ON_RECORD_JA,
    NOTICE_EXISTS: ON_RECORD_JA,
    IMPEDIMENT_EXISTS: ON_RECORD_JA,
    INSTALLATION_EXISTS: ON_RECORD_JA,
    CONNECTION_EXISTS: ON_RECORD_JA,
    BREACH_CHARGE_EXISTS: '請求 {chargeId} は既に記録されています。',
    CHARGE_BEFORE_HARM: '{harm}が生じたのは{occurredOn}です。{chargedOn}に請求することはできません。',
    ADDRESS_DESIGNATED: '{address} は指定 {designationId}（{addresses}）の範囲内にあり、使用できます。',
    DESIGNATION_EXISTS: '指定 {designationId} は既に記録されています。',
    NOT_CLOSED_MONITORING:
      '当社が指定する場所との通信を行うための電気通信回線の用意は、クローズドモニタリングを利用する場合の事項です。契約 {contractId} の品目は{item}です。',
    INSTALLATION_BEFORE_DELIVERY:
      '機器 {itemId} がこの契約に加わったのは{since}です。{installedOn}に設置することはできません。',
    PEER_NOT_ON_SERVICE:
      '本サービスでVPN接続できるのは、接続先のネットワークもIIJマネージドVPN PROサービスを利用している場合だけです。{peer} は利用していません。',
    SUBNET_MALFORMED: '「{text}」はアドレスプレフィックス（例: 192.168.10.0/24）ではありません。',
    IPV6_NOT_SUPPORTED:
      '{text} はIPv6の{case, select, address {アドレス} other {プレフィックス}}です。本サービスで使用できるのはIPv4アドレスだけです。',
    SUBNET_NOT_PRIVATE:
      '{case, select, wider {{text} は、その先頭が属するプライベート・アドレス空間のブロックより広い範囲です。} other {{text} はRFC1918に規定するプライベート・アドレス空間（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16）の外にあります。}}',
    ADDRESS_MALFORMED:
      '「{text}」はIPv4アドレス又はプレフィックス（例: 203.0.113.10、203.0.113.0/28）ではありません。',
    SUBNET_OVERLAP:
      '{case, select, same_application {{subnet} は同じ申込の {other} と重複しています（約款に定めはなく、台帳の方針「VPN網の拠点のLANは重ならない」 によります）。} other {{subnet} はVPN網 {networkId} の契約 {contractId} の {other} と重複しています。同一のVPN網の拠点は互いに重ならないプライベートサブネットを使います（約款に定めはなく、台帳の方針「VPN網の拠点のLANは重ならない」 によります）。}}',
    NETWORK_EXISTS: 'VPN網 {networkId} は既に登録されています。一のVPN網の親拠点は一つです。',
    NETWORK_ITEM_INVALID:
      'VPN網はスター・エッジの品目で構成します。{item}はそのVPN網を監視するもので、VPN網の品目にはなりません。',
    CONTRACT_NOT_IN_NETWORK: '契約 {contractId} はVPN網 {networkId} の拠点ではありません。',
    DISCLOSURE_OUTSIDE_NETWORK:
      '契約 {contractId} の設定情報を開示できるのは同一VPNに係る他の契約者だけです。{contractorId} はVPN網 {networkId} の契約者ではありません。',
    APPLICATION_IN_PROGRESS:
      '契約 {contractId} はコマンド {reservedBy} により申込の処理中で、契約はまだ記録されていません。そのコマンドが失敗した場合は、数分後に改めて申し込めば、その予約は無効になります。',
    SECOND_PARENT:
      'VPN網 {networkId} には既に親たる契約 {parentContractId} があります。一のVPN網の親拠点は一つです。',
    PARENT_AS_CHILD: '契約 {contractId} はVPN網 {networkId} の親たる契約として登録されています。',
    PARENT_HOLDER_MISMATCH:
      'VPN網 {networkId} の親たる契約の契約者は {holder} で、{contractorId} ではありません。',
    ITEM_MISMATCH: 'VPN網 {networkId} の品目は{item}です。同一のVPN網の契約はすべて同じ品目です。',
    NETWORK_PARENT_ENDED:
      'VPN網 {networkId} の親たる契約 {parentContractId} は{lastDay}に終了しました。{date}にこのVPN網に加わる拠点はありません（第1条、第8条第1項）。',
    CHILD_SITE_LIMIT: 'VPN網 {networkId} の子拠点は既に上限の{limit}拠点に達しています。',
    MONTH_ALREADY_CLOSED:
      '{case, select, closed {{month}は{closedAt}に締め済みです（明細{lines}件、{total, number}円）。締めた月は変わりません。後から判明した事実は最初の未締めの月に調整として請求します。} other {{month}は最後に締めた月{lastClosed}より後ではありません。台帳の最初の締めより前の月は請求がなく、その締めとともに締められています。締めた月は変わりません。}}',
    MONTH_NOT_ENDED:
      '{month}は日本時間でまだ終わっていません。{endsAt}から締めることができます（現在 {now}）。',
    NOTHING_TO_CLOSE: '台帳にはまだ請求がありません。最初に締める月は台帳の最初の料金明細の月です。',
    MONTH_OUT_OF_ORDER:
      '{case, select, before_first {台帳の最初の料金明細は{firstMonth}に請求されます。それより前の月には請求がなく、最初に締める月は{firstMonth}です。} first_first {先に{firstMonth}を締めてください。台帳の最初の月（最初の料金明細の月）であり、月は順に締めます。} other {先に{next}を締めてください。月は順に締め、最後に締めた月は{lastClosed}です。}}',
    VIEWS_BEHIND:
      '{previous}は締め済みですが、ビューにはまだその締めが反映されていません。{month}はそこから算出する調整を含みます。ビューを追いつかせて（`vpn-ledger project`）から、もう一度{month}を締めてください。',
    VIEWS_UNAVAILABLE:
      '締めはビューをログと照らし合わせますが、ビューが答えられません: {problem}。先に `vpn-ledger rebuild`（または `vpn-ledger project`）を実行してください。',
    VIEWS_DIFFER:
      '{month}は締められません。ビューはその明細{count}件をログと異なって示しています（{lines}）。締めはログから導いたものを請求します。`vpn-ledger verify` でどのビューのどの行が異なるかを確かめ、`vpn-ledger rebuild` を実行してください。',
    ACTOR_MISMATCH:
      '{case, select, actor {コマンドの実行者は認証された主体 {principal} です。この要求は {named} を指定しています（actor を省くか、{principal} を指定してください）。} other {契約者 {contractorId} は {named} の名で指示できません。instructedBy は認証された契約者です。}}',
    NOT_PERMITTED:
      '{case, select, provider_act {{type} は当社が記録するものです。送れるのは当社の担当者だけで、契約者が送るのは変更の請求、通知、設定変更の指示、減額の請求、亡失の届出です。} other {{type} は契約の契約者 {holderId} の行為です。親たる契約の契約者 {parentHolderId} は設定変更の指示だけを行います（第10条）。}}',
    NOT_DATED_TODAY:
      'サーバーを通じて送る {type} は受け付けた日に行われたものです。{field} は{dated}ではなく{today}（日本時間）でなければなりません。',
    POLICY_BACKDATED:
      '方針の組は記録した日以後に適用し、それより前には及びません。{from}は本日（{today}）より前です。それまでに判断したものは、その時の方針の組のとおりです。',
    POLICY_UNCHANGED: '{from}に適用される方針の組は既にこのとおりです。採用するものはありません。',
    CATALOG_EDITION_BEFORE_ADOPTION:
      'カタログ版 {edition} の適用開始日 {effectiveFrom} は、この採用の適用開始日（{from}）より前です。',
    CATALOG_EDITIONS_DO_NOT_FIT:
      '{case, select, listed_twice {カタログ版 {edition} が二度指定されています。} same_date {{date}に適用が始まるカタログ版が二つあります。} differs {カタログ版 {edition} は、台帳にある同じ版と内容が異なります。} other {カタログ版 {edition} は版 {before} の {models} を削除しています。削除せず旧機種としてください。}}',
  },
};

const format = formatterOf(REJECTION_MESSAGES);

/** Parameters named for a vocabulary are shown as its words (in Japanese). */
const VOCABULARY_OF: Readonly<Record<string, keyof Vocabulary>> = {
  contractType: 'contractType',
  maintenanceType: 'maintenanceType',
  kind: 'kind',
  status: 'status',
  outcome: 'outcome',
  resolution: 'resolution',
  cost: 'cost',
  ground: 'ground',
  harm: 'harm',
  duty: 'duty',
  act: 'act',
  fact: 'fact',
};

/** Parameters that are ids or names, never dates to reformat, even when they look like one. */
const VERBATIM = /(Id|Ids|edition)$|^(id|text|address|subnet|other|peer|country|model|command|holder)$/;

/** A parameter's value for the messages: the generic rules above. */
const paramValue = (lang: Lang, key: string, v: unknown): string | number => {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return list(lang, v.map(String));
  if (typeof v === 'object') return rejectionMessage(lang, v as Rejection);
  const s = String(v);
  // ICU select keys are words without hyphens: a case 'to-lose' is selected as to_lose.
  if (key === 'case' || key === 'by') return s.replace(/-/g, '_');
  if (key === 'policy') return s;
  if (key === 'item') return lang === 'ja' ? itemName(lang, s as never) : s;
  if (key === 'option') return lang === 'ja' ? optionName(lang, s as never) : s;
  const vocabulary = VOCABULARY_OF[key];
  if (vocabulary) return word(lang, vocabulary, s);
  if (lang === 'ja' && !VERBATIM.test(key)) {
    if (isLocalDate(s)) return date(lang, s);
    if (isInstant(s)) return instant(lang, s);
    if (/^\d{4}-\d{2}$/.test(s)) return month(lang, s);
  }
  return s;
};

/** Values some messages need beyond their parameters (counts, names, a sentence of a code). */
type Extra = { readonly [C in RejectionCode]?: (lang: Lang, params: RejectionParams[C]) => Values };

const CHANGE_WHAT_JA = { contractType: '種類', item: '品目', maintenanceType: '保守種別' } as const;

const EXTRA: Extra = {
  INVALID_COMMAND: (lang, p) => ({
    problems: p.problems
      .map((x) => `${x.path}: ${fieldProblemText(lang, x)}`)
      .join(lang === 'ja' ? '。' : '; '),
    count: p.problems.length + (p.more ?? 0),
    more: p.more ?? 0,
  }),
  MODEL_CHANGE_ITEM_COUNT: (_lang, p) => ({ count: p.units.length }),
  VIEWS_UNAVAILABLE: (lang, p) => ({ problem: viewsProblemText(lang, p.problem) }),
  VIEWS_DIFFER: (lang, p) => ({
    lines: p.lines
      .map(
        (l) =>
          `${l.lineId}: ${l.views === null ? '-' : money(lang, l.views)} / ${l.log === null ? '-' : money(lang, l.log)}`,
      )
      .join('; '),
  }),
  TRAVEL_NOT_TYPE_2: (lang, p) => ({ reason: maintenanceBasisText(lang, p.basis) }),
  CHANGE_NOT_ALLOWED: (lang, p): Values => {
    if (p.case === 'network' || p.case === 'termYears') return {};
    if (lang === 'en') return { what: p.case };
    const name = (code: string): string =>
      p.case === 'item'
        ? (ITEM_WORD(code) ?? code)
        : word(lang, p.case === 'contractType' ? 'contractType' : 'maintenanceType', code);
    return { what: CHANGE_WHAT_JA[p.case], current: name(p.current), requested: name(p.requested) };
  },
};

const ITEM_WORD = (code: string): string | null =>
  (ITEM_SPECS as Readonly<Record<string, { readonly nameJa: string } | undefined>>)[code]?.nameJa ?? null;

/** The values of a rejection's message in `lang`: its parameters, and the extras its code needs. */
const valuesOf = (lang: Lang, r: Rejection): Values => {
  const out: Record<string, string | number> = {};
  const extra = (EXTRA as Readonly<Record<string, (lang: Lang, p: unknown) => Values>>)[r.code];
  for (const [key, v] of Object.entries(r.params as Readonly<Record<string, unknown>>)) {
    // A parameter the code's extras word themselves (a views problem, a list of lines) is left to them.
    if (extra && typeof v === 'object' && v !== null && !Array.isArray(v) && !('code' in v && 'cite' in v))
      continue;
    out[key] = paramValue(lang, key, v);
    if (key === 'item' && typeof v === 'string') out.itemName = itemName(lang, v as never);
    if (key === 'option' && typeof v === 'string') out.optionName = optionName(lang, v as never);
  }
  return extra ? { ...out, ...extra(lang, r.params) } : out;
};

/** A rejection's sentence in `lang`. */
export const rejectionMessage = (lang: Lang, r: Rejection): string => format(lang, r.code, valuesOf(lang, r));

/** A rejection's citation in `lang` (English: the ledger's notation, as in `CommandResult.article`). */
export const rejectionArticle = (lang: Lang, r: Rejection): string => citeIn(lang, r.cite);
