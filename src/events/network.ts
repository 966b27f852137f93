import { z } from 'zod';
import { ContractorId, ContractType, Id, Item, EventDate as LocalDate, Subnet } from './fields';

/** Events of the `network-<id>` stream: the VPN network and its membership (Art. 1, 8, 10, 11, 22). */
export const NetworkEventSchemas = {
  NetworkRegistered: z.strictObject({
    networkId: Id,
    parentContractId: Id,
    parentHolderId: ContractorId,
    item: Item,
    childSiteLimit: z.number().int().positive(),
    registeredOn: LocalDate,
  }),
  SiteJoined: z.strictObject({
    contractId: Id,
    contractType: ContractType,
    /** The contract's item: closed monitoring is not a child Art. 8(1) counts. Null: not recorded (v1). */
    item: Item.nullable(),
    contractorId: ContractorId,
    lanSubnets: z.array(Subnet),
    joinedOn: LocalDate,
  }),
  SiteLeft: z.strictObject({
    contractId: Id,
    leftOn: LocalDate,
  }),
  SettingsDisclosed: z.strictObject({
    contractId: Id,
    toContractorId: ContractorId,
    disclosedOn: LocalDate,
  }),
  /**
   * A site's reservation whose contract was never written (its command stopped between the
   * network's SiteJoined and the contract's ApplicationAccepted) is voided by the next
   * application for that contract, just before that application's own SiteJoined.
   */
  SiteReservationVoided: z.strictObject({
    contractId: Id,
    /** The command id of the voided SiteJoined. */
    reservedBy: z.string().min(1),
    voidedOn: LocalDate,
  }),
} as const;
