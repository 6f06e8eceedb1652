import { fail } from './errors.js';
import type { Party } from './types.js';

export type TaxRegime =
  'FR_DOMESTIC' | 'EU_REVERSE_CHARGE' | 'EU_WITHOUT_VAT_NUMBER' | 'OUTSIDE_EU';

export interface TaxTreatment {
  regime: TaxRegime;
  /** "20" or "0". */
  ratePercent: string;
  /** The mention printed on the invoice, or null when none is required. */
  mention: string | null;
}

export const REVERSE_CHARGE_MENTION =
  'Autoliquidation par le preneur – articles 44 et 196 de la directive 2006/112/CE';
export const OUTSIDE_EU_MENTION = 'TVA non applicable – art. 259-1 du CGI';

/** The 27 member states; Greece appears both as its ISO code GR and its VAT prefix EL. */
const EU_MEMBER_STATES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'EL',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

/** Monaco belongs to the French VAT territory (art. 7 of the Franco-Monegasque convention). */
const FRENCH_VAT_TERRITORY = new Set(['FR', 'MC']);

/**
 * VAT on services supplied by an operator established in France to the billed party.
 * A party in another member state without a VAT number cannot be shown to be a taxable person:
 * the place of supply stays in France and French VAT (20 %) applies.
 */
export function taxFor(billTo: Party, operatorCountry = 'FR'): TaxTreatment {
  if (operatorCountry !== 'FR') {
    fail(
      'operatorCountry',
      `only an operator established in France (FR) is supported, got ${JSON.stringify(operatorCountry)}`,
    );
  }
  const country =
    typeof billTo?.countryCode === 'string' ? billTo.countryCode.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(country)) {
    fail(
      'billTo.countryCode',
      `expected an ISO 3166-1 alpha-2 code such as "FR", got ${JSON.stringify(billTo?.countryCode)}`,
    );
  }
  const hasVatNumber = typeof billTo.vatId === 'string' && billTo.vatId.trim() !== '';
  if (FRENCH_VAT_TERRITORY.has(country))
    return { regime: 'FR_DOMESTIC', ratePercent: '20', mention: null };
  if (EU_MEMBER_STATES.has(country)) {
    return hasVatNumber
      ? { regime: 'EU_REVERSE_CHARGE', ratePercent: '0', mention: REVERSE_CHARGE_MENTION }
      : { regime: 'EU_WITHOUT_VAT_NUMBER', ratePercent: '20', mention: null };
  }
  return { regime: 'OUTSIDE_EU', ratePercent: '0', mention: OUTSIDE_EU_MENTION };
}
