/**
 * Invoice numbers named in remittance information, in the order named, each once. Banks and
 * payers write them as printed ("INV-2026-000001"), without dashes ("INV2026000001"), with spaces
 * ("INV 2026 000001") or lower case; 140-character fields may break a line anywhere, so spaces
 * inside a number are tolerated. Returned as printed: INV-YYYY-NNNNNN.
 */
export function invoiceNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/INV[\s/_-]*(\d{4})[\s/_-]*(\d{6})(?!\d)/gi)) {
    const number = `INV-${match[1]}-${match[2]}`;
    if (!found.includes(number)) found.push(number);
  }
  return found;
}
