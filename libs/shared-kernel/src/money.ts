/**
 * Money is integer euro cents everywhere: floats lose cents in sums of millions.
 * A branded type keeps a plain number from being passed where cents are meant.
 */
export type EuroCents = number & { readonly __unit: 'EUR-cents' };

export class InvalidAmountError extends Error {
  constructor(readonly value: unknown, readonly reason: string) {
    super(`Invalid amount ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidAmountError';
  }
}

export function euroCents(value: number): EuroCents {
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError(value, 'must be a whole number of euro cents');
  if (value < 0) throw new InvalidAmountError(value, 'must not be negative');
  return value as EuroCents;
}

/** Parses a decimal euro amount such as "2800000000" or "1234.5" exactly, without floating point. */
export function parseEuros(text: string): EuroCents {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new InvalidAmountError(text, 'expected euros with at most two decimals, e.g. 1234.50');
  const [, whole = '0', fraction = ''] = match;
  return euroCents(Number(whole) * 100 + Number(fraction.padEnd(2, '0')));
}

export function formatEuros(amount: EuroCents): string {
  const whole = Math.floor(amount / 100);
  const cents = String(amount % 100).padStart(2, '0');
  return `€${whole.toLocaleString('en-GB')}.${cents}`;
}

export function sumCents(amounts: readonly EuroCents[]): EuroCents {
  return euroCents(amounts.reduce<number>((total, amount) => total + amount, 0));
}
