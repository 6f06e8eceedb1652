/** The exact sum of decimal strings (amounts of invoices), as a decimal string: no float on the way. */
export const sumDecimals = (values: string[]): string => {
  const scale = Math.max(0, ...values.map((value) => value.split('.')[1]?.length ?? 0));
  const scaled = values.reduce((sum, value) => {
    const negative = value.startsWith('-');
    const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    return sum + (negative ? -units : units);
  }, 0n);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};
