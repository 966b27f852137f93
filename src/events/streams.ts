/**
 * The ledger's streams, by name: every stream name and prefix is made and read here, and nowhere
 * else. `network-<id>` holds a VPN network and its membership, `contract-<id>` one site contract's
 * whole life, `billing-YYYY-MM` the close of one billing month, `seals` the seals made on demand, `policies` the
 * policy sets the deployment adopted (each from a date), which every decision reads.
 */

export const NETWORK_STREAM_PREFIX = 'network-';
export const CONTRACT_STREAM_PREFIX = 'contract-';
export const BILLING_STREAM_PREFIX = 'billing-';
export const SEALS_STREAM = 'seals';
export const POLICIES_STREAM = 'policies';

export const networkStream = (networkId: string): string => `${NETWORK_STREAM_PREFIX}${networkId}`;
export const contractStream = (contractId: string): string => `${CONTRACT_STREAM_PREFIX}${contractId}`;
export const billingStream = (month: string): string => `${BILLING_STREAM_PREFIX}${month}`;

export const isNetworkStream = (streamId: string): boolean => streamId.startsWith(NETWORK_STREAM_PREFIX);
export const isContractStream = (streamId: string): boolean => streamId.startsWith(CONTRACT_STREAM_PREFIX);

/** The contract id a contract stream is named for, or null for any other stream. */
export const contractIdOfStream = (streamId: string): string | null =>
  isContractStream(streamId) ? streamId.slice(CONTRACT_STREAM_PREFIX.length) : null;
