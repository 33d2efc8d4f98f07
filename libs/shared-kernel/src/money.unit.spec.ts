import { euroCents, formatEuros, InvalidAmountError, parseEuros, sumCents } from './money';

describe('euro cents', () => {
  it('parses euro amounts exactly, without floating-point drift', () => {
    expect(parseEuros('0.1')).toBe(10);
    expect(parseEuros('1234.05')).toBe(123405);
    expect(parseEuros('2800000000')).toBe(280000000000);
  });

  it('refuses amounts that are not whole cents, and says why', () => {
    expect(() => parseEuros('12.345')).toThrow(InvalidAmountError);
    expect(() => parseEuros('-5')).toThrow(/at most two decimals/);
    expect(() => euroCents(1.5)).toThrow(/whole number of euro cents/);
    expect(() => euroCents(-1)).toThrow(/must not be negative/);
  });

  it('sums and formats cents', () => {
    const total = sumCents([euroCents(10), euroCents(20), euroCents(9_000_000_000)]);
    expect(total).toBe(9_000_000_030);
    expect(formatEuros(total)).toBe('€90,000,000.30');
  });
});
