import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import type { DocumentLine, DocumentSource } from './document-source.js';

/** UNTDID 1001 document types. */
export const TYPE_CODES = { INVOICE: '380', CREDIT_NOTE: '381' } as const;

/** BT-23, operation category of the French reform: S1 = supply of services only. */
export const OPERATION_CATEGORY = 'S1';

/** EU member states other than France (reverse charge needs the buyer in one of them). */
const EU_OTHER = new Set(
  'AT BE BG HR CY CZ DK EE FI DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

export type VatCategory = {
  /** UNCL 5305: S standard rate, AE reverse charge, O not subject to VAT. */
  code: 'S' | 'AE' | 'O';
  ratePercent: string;
  exemptionReasonCode: 'VATEX-EU-AE' | 'VATEX-EU-O' | null;
  exemptionReason: string | null;
};

/**
 * The VAT category of the document, read from what was issued: a rate above zero is French VAT
 * (S); zero for a buyer in another member state is reverse charge (AE); zero elsewhere is outside
 * the scope of French VAT (O).
 */
export function vatCategory(source: DocumentSource): VatCategory {
  const rate = new Decimal(source.taxRatePercent);
  if (rate.gt(0))
    return {
      code: 'S',
      ratePercent: rate.toFixed(2),
      exemptionReasonCode: null,
      exemptionReason: null,
    };
  const country = source.buyer.address.countryCode.toUpperCase();
  return EU_OTHER.has(country)
    ? {
        code: 'AE',
        ratePercent: '0.00',
        exemptionReasonCode: 'VATEX-EU-AE',
        exemptionReason: source.taxMention ?? 'Autoliquidation',
      }
    : {
        code: 'O',
        ratePercent: '0.00',
        exemptionReasonCode: 'VATEX-EU-O',
        exemptionReason: source.taxMention ?? 'Non soumis à la TVA française',
      };
}

/** BAR note: B2B for a French buyer, B2BINT for any other. */
export function businessProcessNote(source: DocumentSource): 'B2B' | 'B2BINT' {
  return ['FR', 'MC'].includes(source.buyer.address.countryCode.toUpperCase()) ? 'B2B' : 'B2BINT';
}

/**
 * UN/ECE Recommendation 20 codes for billing's units. Rec 20 has no kilowatt-month: power
 * commitments are billed in KWT (kilowatt) over the line's billing period of one month, the price
 * being per kW for that month.
 */
const UNIT_CODES: Record<string, { code: string; label: string }> = {
  'GPU-hour': { code: 'HUR', label: 'GPU-h' },
  kWh: { code: 'KWH', label: 'kWh' },
  'kW-month': { code: 'KWT', label: 'kW·mois' },
};

/** A line as EN 16931 wants it: a positive net price, the sign carried by the quantity. */
export type NormalizedLine = {
  source: DocumentLine;
  /** At most 4 decimals (BR-FR-DEC-02). */
  quantity: string;
  unitCode: string;
  unitLabel: string;
  /** Positive, at most 6 decimals (BR-FR-DEC-03). */
  netPrice: string;
  amount: string;
};

/**
 * SLA credits and adjustments (priced in euros, not in a unit) become one unit (C62) of their
 * absolute amount, negative quantity for a credit; other lines keep quantity and price, the
 * quantity rounded half-up to 4 decimals for display (the amount was computed from the exact one).
 */
export function normalizeLine(line: DocumentLine): NormalizedLine {
  const amount = new Decimal(line.amount);
  const unit = UNIT_CODES[line.unit];
  if (!unit || line.unitPrice === null || new Decimal(line.unitPrice).lt(0)) {
    return {
      source: line,
      quantity: amount.isNegative() ? '-1' : '1',
      unitCode: 'C62',
      unitLabel: 'forfait',
      netPrice: amount.abs().toFixed(2),
      amount: amount.toFixed(2),
    };
  }
  return {
    source: line,
    quantity: new Decimal(line.quantity).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(),
    unitCode: unit.code,
    unitLabel: unit.label,
    netPrice: new Decimal(line.unitPrice).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(),
    amount: amount.toFixed(2),
  };
}

/** A local calendar date (YYYYMMDD for CII format 102). */
export function localDate(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone }).startOf('day');
}

/** The last day an end instant covers: the day before when it falls at local midnight. */
export function lastDay(endInstant: string, zone: string): DateTime {
  const end = DateTime.fromISO(endInstant, { zone });
  return end.equals(end.startOf('day'))
    ? end.minus({ days: 1 }).startOf('day')
    : end.startOf('day');
}

export const cii102 = (date: DateTime) => date.toFormat('yyyyMMdd');
export const frenchDate = (date: DateTime) => date.toFormat('dd/MM/yyyy');

/**
 * The lines a document shows. EN 16931 wants at least one (BR-16): an invoice that bills nothing
 * for its period (a contract with no activity) shows one line of nothing.
 */
export function documentLines(source: DocumentSource): NormalizedLine[] {
  if (source.lines.length > 0) return source.lines.map(normalizeLine);
  const nothing: DocumentLine = {
    kind: 'NONE',
    description: 'Aucune prestation facturée sur la période (nothing billed for the period)',
    segmentStart: source.periodStart,
    segmentEnd: source.periodEnd,
    quantity: '0',
    unit: 'none',
    unitPrice: '0.00',
    amount: '0.00',
  };
  return [
    {
      source: nothing,
      quantity: '0',
      unitCode: 'C62',
      unitLabel: '—',
      netPrice: '0.00',
      amount: '0.00',
    },
  ];
}
