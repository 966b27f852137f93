import ipaddr from 'ipaddr.js';
import { art } from './citation';
import { type Rejection, refusal } from './rejections';

/** Art. 22(2): the contractor's LAN uses only the RFC 1918 private blocks. */
export const RFC1918_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

export interface LanSubnet {
  readonly text: string;
  readonly network: ipaddr.IPv4;
  readonly prefix: number;
}

export type SubnetCheck =
  | { readonly ok: true; readonly subnet: LanSubnet }
  | { readonly ok: false; readonly refusal: Rejection };

const ART_7_1 = [art(7, 1)];
const ART_22_2 = [art(22, 2)];

const blocks = RFC1918_BLOCKS.map((b) => ipaddr.IPv4.parseCIDR(b));

/** Parses one LAN prefix and checks Art. 7 (IPv4 only) and Art. 22(2) (inside RFC 1918). */
export const checkLanSubnet = (text: string): SubnetCheck => {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { ok: false, refusal: refusal('SUBNET_MALFORMED', { text }, ART_7_1) };
  }
  const [address, prefix] = parsed;
  if (address.kind() !== 'ipv4') {
    return { ok: false, refusal: refusal('IPV6_NOT_SUPPORTED', { case: 'prefix', text }, ART_7_1) };
  }
  const v4 = address as ipaddr.IPv4;
  if (!blocks.some((block) => v4.match(block)) || prefix < 8) {
    return { ok: false, refusal: refusal('SUBNET_NOT_PRIVATE', { case: 'outside', text }, ART_22_2) };
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (!blocks.some((block) => network.match(block) && prefix >= block[1])) {
    return { ok: false, refusal: refusal('SUBNET_NOT_PRIVATE', { case: 'wider', text }, ART_22_2) };
  }
  return { ok: true, subnet: { text, network, prefix } };
};

/** Two prefixes overlap when either contains the other's network address. */
export const subnetsOverlap = (a: LanSubnet, b: LanSubnet): boolean =>
  a.network.match(b.network, b.prefix) || b.network.match(a.network, a.prefix);

/** An IPv4 address, or a prefix of them, as designated under Art. 7(2). */
export interface Ipv4Range {
  readonly text: string;
  readonly network: ipaddr.IPv4;
  readonly prefix: number;
}

export type Ipv4Check =
  | { readonly ok: true; readonly range: Ipv4Range }
  | { readonly ok: false; readonly refusal: Rejection };

/** Art. 7(1): an IPv4 address ('203.0.113.10') or prefix ('203.0.113.0/28'); IPv6 is refused. */
export const checkIpv4 = (text: string): Ipv4Check => {
  const cidr = text.includes('/') ? text : `${text}/${ipaddr.IPv6.isValid(text) ? 128 : 32}`;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return { ok: false, refusal: refusal('ADDRESS_MALFORMED', { text }, ART_7_1) };
  }
  const [address, prefix] = parsed;
  if (address.kind() !== 'ipv4') {
    return { ok: false, refusal: refusal('IPV6_NOT_SUPPORTED', { case: 'address', text }, ART_7_1) };
  }
  return {
    ok: true,
    range: { text, network: ipaddr.IPv4.networkAddressFromCIDR(cidr), prefix },
  };
};

/** Whether every address of `inner` lies within `outer`. */
export const rangeWithin = (inner: Ipv4Range, outer: Ipv4Range): boolean =>
  inner.prefix >= outer.prefix && inner.network.match(outer.network, outer.prefix);
