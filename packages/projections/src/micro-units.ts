/**
 * Quantities in the read models are scaled integers: micro-units (6 decimals), so SQL SUM is
 * exact and fast. Conversions go through strings, not Decimal: they sit in the catch-up hot path.
 */

export const MICRO_DECIMALS = 6;
const SCALE = 1_000_000n;
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * "12.5" → 12500000. Beyond 6 decimals the value is rounded half-up to the micro-unit
 * (the record table keeps the exact text). Throws on anything but a non-negative plain decimal.
 */
export function toMicro(text: string): number {
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null)
    throw new Error(
      `quantity: expected a non-negative plain decimal string, got ${JSON.stringify(text)}`,
    );
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  let micro = Number(whole + fraction.slice(0, MICRO_DECIMALS).padEnd(MICRO_DECIMALS, '0'));
  if (fraction.length > MICRO_DECIMALS && fraction.charCodeAt(MICRO_DECIMALS) >= 53 /* '5' */)
    micro += 1;
  if (!Number.isSafeInteger(micro))
    throw new Error(`quantity: ${text} is too large (at most 9007199254.740991)`);
  return micro;
}

/** Whether the text has more decimals than the micro-unit keeps. */
export function isRoundedToMicro(text: string): boolean {
  const dot = text.indexOf('.');
  return (
    dot >= 0 &&
    text.length - dot - 1 > MICRO_DECIMALS &&
    !/^0*$/.test(text.slice(dot + 1 + MICRO_DECIMALS))
  );
}

/** 12500000 → "12.5"; 0 → "0". */
export function fromMicro(micro: bigint | number): string {
  const value = BigInt(micro);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = (magnitude / SCALE).toString();
  const fraction = (magnitude % SCALE).toString().padStart(MICRO_DECIMALS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
