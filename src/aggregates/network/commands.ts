import { z } from 'zod';
import { Fields } from '../../events';

const { ContractorId, Id, Item, LocalDate } = Fields;

/** Commands handled by the `network-<id>` aggregate alone. */
export const NetworkCommandSchemas = {
  RegisterNetwork: z.strictObject({
    networkId: Id,
    parentContractId: Id,
    parentHolderId: ContractorId,
    item: Item,
    childSiteLimit: z.number().int().positive().optional(),
    registeredOn: LocalDate,
  }),
  DiscloseSettings: z.strictObject({
    networkId: Id,
    contractId: Id,
    toContractorId: ContractorId,
    disclosedOn: LocalDate,
  }),
} as const;
