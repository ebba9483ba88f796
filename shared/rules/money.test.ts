import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocatePence, formatPounds, InvalidAllocation, InvalidAmount, NotWholePence, parsePounds, sumPence } from './money';

describe('formatPounds', () => {
  it('writes the Bedfordshire & Luton three-year budget as £2,681,850.00', () => {
    expect(formatPounds(268_185_000)).toBe('£2,681,850.00');
  });

  it('writes pence, small amounts and negatives', () => {
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatPounds(125_050)).toBe('£1,250.50');
    expect(formatPounds(99_999)).toBe('£999.99');
    expect(formatPounds(100_000)).toBe('£1,000.00');
    expect(formatPounds(-1200)).toBe('-£12.00');
    expect(formatPounds(Number.MAX_SAFE_INTEGER)).toBe('£90,071,992,547,409.91');
  });

  it('refuses fractions of a penny', () => {
    expect(() => formatPounds(12.5)).toThrow(NotWholePence);
    expect(() => formatPounds(Number.NaN)).toThrow(NotWholePence);
  });
});

describe('parsePounds', () => {
  it('reads what people type', () => {
    expect(parsePounds('£1,250')).toBe(125_000);
    expect(parsePounds('1250.5')).toBe(125_050);
    expect(parsePounds('1,250.50')).toBe(125_050);
    expect(parsePounds(' £ 2,681,850.00 ')).toBe(268_185_000);
    expect(parsePounds('0.07')).toBe(7);
    expect(parsePounds('12')).toBe(1200);
  });

  it('refuses anything that is not an amount, with a message for the field', () => {
    for (const text of ['12.345', 'abc', '', '£', '1,25', '12,50.00', '1.2.3', '12.', '.5', '£-£5', '--5', '1 250']) {
      expect(() => parsePounds(text), text).toThrow(InvalidAmount);
      expect(() => parsePounds(text), text).toThrow('Enter an amount like 1,250.00');
    }
  });

  it('refuses a negative amount unless negatives are allowed', () => {
    expect(() => parsePounds('-12.00')).toThrow('The amount cannot be negative');
    expect(parsePounds('-£12.00', { allowNegative: true })).toBe(-1200);
    expect(parsePounds('−£12', { allowNegative: true })).toBe(-1200);
    expect(parsePounds('£-12', { allowNegative: true })).toBe(-1200);
    expect(parsePounds('-0')).toBe(0);
  });

  it('refuses an amount too large to hold exactly', () => {
    expect(() => parsePounds('900719925474099.92')).toThrow('The amount is too large');
    expect(parsePounds('90,071,992,547,409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads back whatever it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (pence) => {
        expect(parsePounds(formatPounds(pence), { allowNegative: true })).toBe(pence);
      }),
    );
  });
});

describe('sumPence', () => {
  it('adds amounts exactly', () => {
    expect(sumPence([10, 20, 30])).toBe(60);
    expect(sumPence([])).toBe(0);
    expect(() => sumPence([0.1, 0.2])).toThrow(NotWholePence);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow('The total is too large');
  });
});

describe('allocatePence', () => {
  it('splits £100 three ways so the parts add up to £100', () => {
    expect(allocatePence(10_000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(allocatePence(268_185_000, [1, 1, 1])).toEqual([89_395_000, 89_395_000, 89_395_000]);
  });

  it('gives the leftover penny to the largest fraction', () => {
    // exact shares 3.5, 3.25, 3.25 → 4, 3, 3
    expect(allocatePence(10, [14, 13, 13])).toEqual([4, 3, 3]);
    expect(allocatePence(10, [13, 14, 13])).toEqual([3, 4, 3]);
    expect(allocatePence(1, [1, 0, 1])).toEqual([1, 0, 0]);
  });

  it('refuses what cannot be shared out', () => {
    expect(() => allocatePence(-1, [1])).toThrow(InvalidAllocation);
    expect(() => allocatePence(100, [])).toThrow('Give at least one share to split the amount into');
    expect(() => allocatePence(100, [0, 0])).toThrow('At least one share must be more than 0');
    expect(() => allocatePence(100, [1, -1])).toThrow('Each share must be a whole number, 0 or more');
    expect(() => allocatePence(100, [0.5, 1])).toThrow(InvalidAllocation);
    expect(() => allocatePence(10.5, [1])).toThrow(NotWholePence);
  });

  const allocation = fc
    .tuple(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 12 }),
    )
    .filter(([, weights]) => weights.some((w) => w > 0));

  it('preserves the total, exactly', () => {
    fc.assert(
      fc.property(allocation, ([total, weights]) => {
        expect(sumPence(allocatePence(total, weights))).toBe(total);
      }),
    );
  });

  it('never gives a negative part, and nothing to a share of 0', () => {
    fc.assert(
      fc.property(allocation, ([total, weights]) => {
        allocatePence(total, weights).forEach((part, i) => {
          expect(part).toBeGreaterThanOrEqual(0);
          if (weights[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });

  it('keeps each part within 1p of its exact share', () => {
    fc.assert(
      fc.property(allocation, ([total, weights]) => {
        const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
        allocatePence(total, weights).forEach((part, i) => {
          // |part − total·w/sum| < 1  ⇔  |part·sum − total·w| < sum
          const diff = BigInt(part) * sum - BigInt(total) * BigInt(weights[i]!);
          expect(diff < sum && diff > -sum).toBe(true);
        });
      }),
    );
  });

  it('gives a larger share at least as much as a smaller one', () => {
    fc.assert(
      fc.property(allocation, ([total, weights]) => {
        const parts = allocatePence(total, weights);
        for (let i = 0; i < weights.length; i += 1) {
          for (let j = 0; j < weights.length; j += 1) {
            if (weights[i]! > weights[j]!) expect(parts[i]!).toBeGreaterThanOrEqual(parts[j]!);
          }
        }
      }),
    );
  });
});
