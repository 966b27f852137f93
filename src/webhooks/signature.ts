/**
 * Webhook signatures: `Vpn-Ledger-Signature: t=<unix seconds>,v1=<hex>`, where v1 is the
 * HMAC-SHA256, keyed by the subscription's secret (the whole `whsec_...` text), of
 * `<t>.<the body's bytes>`. A receiver recomputes it, compares in constant time, and refuses a
 * timestamp too far from its clock (a replayed delivery).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Vpn-Ledger-Signature';
export const DELIVERY_HEADER = 'Vpn-Ledger-Delivery';
export const KIND_HEADER = 'Vpn-Ledger-Kind';
export const ATTEMPT_HEADER = 'Vpn-Ledger-Attempt';

/** A new secret: 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmac = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signatureHeader = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'mismatch' | 'too-old' };

/** Checks a signature header against the body received, within `toleranceSeconds` of `now` (seconds). */
export const verifySignature = (
  secret: string,
  header: string | undefined,
  body: string,
  now: number,
  toleranceSeconds = 300,
): SignatureCheck => {
  const parts = new Map(
    (header ?? '').split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'mismatch' };
  if (Math.abs(now - t) > toleranceSeconds) return { ok: false, reason: 'too-old' };
  return { ok: true, timestamp: t };
};
