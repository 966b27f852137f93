import type { Ledger } from '../../src/ledger/ledger';
import { renderer } from '../../src/render';

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export interface Envelope {
  type: string;
  commandId: string;
  actor: string;
  data: Record<string, unknown>;
}

export const cmd = (type: string, data: Record<string, unknown>, commandId = nextId('cmd')): Envelope => ({
  type,
  commandId,
  actor: 'staff:sato',
  data,
});

export const registerNetwork = (over: Record<string, unknown> = {}) =>
  cmd('RegisterNetwork', {
    networkId: 'n-1',
    parentContractId: 'c-parent',
    parentHolderId: 'acme',
    item: 'single-star-single-edge',
    registeredOn: '2025-04-01',
    ...over,
  });

export const acceptApplication = (over: Record<string, unknown> = {}) =>
  cmd('AcceptApplication', {
    contractId: 'c-parent',
    networkId: 'n-1',
    contractType: 'parent',
    contractorId: 'acme',
    item: 'single-star-single-edge',
    deviceModel: 'Cisco C1121-8P',
    deviceItemIds: ['dev-p-1'],
    maintenanceType: 'type-2',
    termYears: 1,
    site: { country: 'JP', text: 'Chiyoda-ku, Tokyo' },
    lanSubnets: ['192.168.10.0/24'],
    initialFee: 30000,
    monthlyFee: 12345,
    onSiteInstallation: null,
    acceptedOn: '2025-04-01',
    ...over,
  });

/** Art. 8(1): billing needs the parent and at least one child in the network. */
export const acceptChild = (over: Record<string, unknown> = {}) =>
  acceptApplication({
    contractId: 'c-child',
    contractType: 'child',
    contractorId: 'acme-osaka',
    deviceItemIds: ['dev-c-1'],
    site: { country: 'JP', text: 'Kita-ku, Osaka' },
    lanSubnets: ['192.168.20.0/24'],
    ...over,
  });

export const startBilling = (over: Record<string, unknown> = {}) =>
  cmd('StartBilling', { contractId: 'c-parent', billingStartOn: '2025-04-15', ...over });

export const receiveTerminationNotice = (over: Record<string, unknown> = {}) =>
  cmd('ReceiveTerminationNotice', {
    contractId: 'c-parent',
    noticeArrivedOn: '2025-09-01',
    requestedOn: null,
    ground: 'ordinary',
    evidenceRef: null,
    ...over,
  });

/** Runs commands in order and fails loudly on the first rejection. */
export const run = async (ledger: Ledger, ...commands: Envelope[]) => {
  for (const c of commands) {
    const result = await ledger.execute(c);
    if (result.status !== 'accepted')
      throw new Error(`${c.type} rejected: ${result.code} ${renderer('en').resultMessage(result)}`);
  }
};
