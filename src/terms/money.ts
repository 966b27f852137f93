/** Integer yen (JPY, tax-exclusive). Rounding happens only in the named policies. */
export type Yen = number;

/**
 * The largest amount a command may name: 10,000,000,000 yen (a VPN site's fees are thousands to
 * hundreds of thousands). Every figure derived from amounts then stays exact in a double: one
 * charge line is at most about 37 times an amount (an early-termination settlement over a 3-year
 * term, Annex 2), 3.7 × 10^11, so a month's totals stay below 2^53 for more than 24,000 lines even
 * if every one of them were at this maximum.
 */
export const MAX_YEN = 10_000_000_000;

/** Throws unless `n` is a non-negative safe integer: a valid amount of yen. */
export function assertYen(n: number, label = 'amount'): asserts n is Yen {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${label} must be a non-negative whole number of yen, got ${String(n)}.`);
  }
}

/** '12,345'; '-2,880' for a negative amount (a reduction line). Locale-independent. */
export function formatYen(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of yen: ${String(n)}.`);
  const digits = Math.abs(n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/**
 * floor(numerator / denominator) computed exactly with BigInt, so that no floating-point error can
 * move an amount across a yen boundary. Both arguments must be safe integers, denominator > 0.
 */
export function floorDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`floorDiv needs safe integers and a positive denominator.`);
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  let q = n / d; // BigInt division truncates toward zero
  if (n % d !== 0n && n < 0n) q -= 1n;
  return Number(q);
}

/** a × b, refusing results beyond Number.MAX_SAFE_INTEGER instead of silently losing precision. */
export function safeMultiply(a: number, b: number): number {
  const product = BigInt(a) * BigInt(b);
  if (product > BigInt(Number.MAX_SAFE_INTEGER) || product < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${a} × ${b} is too large to represent exactly.`);
  }
  return Number(product);
}
