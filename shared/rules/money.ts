/**
 * Money as integer pence, never floats (docs/architecture.md, "Money, dates and words"). £2,681,850.00 is 268185000.
 *
 * - formatPounds writes pence the en-GB way, '£2,681,850.00'; a negative amount is
 *   '-£12.00' with an ASCII hyphen-minus, so it pastes into spreadsheets and parses back.
 * - parsePounds reads what a person types ('£1,250', '1250.5', '1,250.50') into pence,
 *   or throws InvalidAmount with a message to show beside the field. More than two
 *   decimal places, misplaced thousands commas and anything that is not a number are
 *   refused, never rounded; negative amounts only when asked for.
 * - allocatePence splits an amount in proportion to weights so the parts add up to the
 *   amount exactly, by the largest remainder method: every part gets the whole pence of
 *   its exact share, and the pence left over go one each to the parts with the largest
 *   fractions (earlier parts first on a tie). Each part is within 1p of its exact share.
 * All arithmetic that could exceed 2^53 is done in BigInt.
 */

/** An amount a person typed that is not money, or a sum too large to hold exactly. */
export class InvalidAmount extends Error {
  override readonly name = 'InvalidAmount';
}

/** Pence that are not a whole number (a programming error: money never has fractions of a penny). */
export class NotWholePence extends RangeError {
  override readonly name = 'NotWholePence';
  constructor(readonly value: number) {
    super(`${value} is not a whole number of pence`);
  }
}

function checkPence(value: number): void {
  if (!Number.isSafeInteger(value)) throw new NotWholePence(value);
}

/** '£2,681,850.00'; '-£12.00' when negative. */
export function formatPounds(pence: number): string {
  checkPence(pence);
  const abs = Math.abs(pence);
  const pennies = abs % 100;
  const pounds = String((abs - pennies) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${pence < 0 ? '-' : ''}£${pounds}.${String(pennies).padStart(2, '0')}`;
}

const AMOUNT = /^([-−])?\s*£?\s*([-−])?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Pence from what a person typed; throws InvalidAmount with a message for the field. */
export function parsePounds(text: string, options: { allowNegative?: boolean } = {}): number {
  const match = AMOUNT.exec(text.trim());
  if (!match || (match[1] && match[2])) throw new InvalidAmount('Enter an amount like 1,250.00');
  const negative = Boolean(match[1] || match[2]);
  const pence = BigInt(match[3]!.replaceAll(',', '')) * 100n + BigInt((match[4] ?? '').padEnd(2, '0'));
  if (pence > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidAmount('The amount is too large');
  if (negative && pence !== 0n && !options.allowNegative) throw new InvalidAmount('The amount cannot be negative');
  return negative && pence !== 0n ? -Number(pence) : Number(pence);
}

/** The total of some amounts in pence; throws InvalidAmount if it is too large to hold exactly. */
export function sumPence(amounts: Iterable<number>): number {
  let total = 0n;
  for (const amount of amounts) {
    checkPence(amount);
    total += BigInt(amount);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InvalidAmount('The total is too large');
  }
  return Number(total);
}

/** Weights or a total that cannot be shared out. */
export class InvalidAllocation extends RangeError {
  override readonly name = 'InvalidAllocation';
}

/** Split `totalPence` into parts proportional to `weights` that add up to it exactly. */
export function allocatePence(totalPence: number, weights: readonly number[]): number[] {
  checkPence(totalPence);
  if (totalPence < 0) throw new InvalidAllocation('Only an amount of 0 or more can be shared out');
  if (weights.length === 0) throw new InvalidAllocation('Give at least one share to split the amount into');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new InvalidAllocation('Each share must be a whole number, 0 or more');
  }
  const total = BigInt(totalPence);
  const big = weights.map(BigInt);
  const sum = big.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new InvalidAllocation('At least one share must be more than 0');
  const parts = big.map((w) => (total * w) / sum);
  const remainders = big.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}
