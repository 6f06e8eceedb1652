import { mistralDetails } from '@cadran/domain/testing';
import type {
  DocumentBuyer,
  DocumentLine,
  DocumentSeller,
  DocumentSource,
} from './document-source.js';

/** Fixtures: the worked examples' figures (worked-examples.md) and the cases the rules single out. */
export const seller: DocumentSeller = {
  name: 'Cadran Compute SAS',
  siren: '912345678',
  vatId: 'FR74912345678',
  address: {
    line1: '12 rue de la Boétie',
    line2: null,
    postcode: '75008',
    city: 'Paris',
    countryCode: 'FR',
  },
  electronicAddress: { scheme: '0225', value: '912345678' },
  vatOnDebits: false,
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  latePaymentPenaltyRatePercent: '12.15',
  recoveryIndemnity: '40.00',
};

const { postalAddress, ...mistralIds } = mistralDetails;
export const mistral: DocumentBuyer = { name: 'Mistral AI', ...mistralIds, address: postalAddress };

export const fluidstack: DocumentBuyer = {
  name: 'Fluidstack Ltd',
  siren: null,
  vatId: 'GB123456789',
  address: {
    line1: '1 Primrose Street',
    line2: 'Floor 5',
    postcode: 'EC2A 2EX',
    city: 'London',
    countryCode: 'GB',
  },
  electronicAddress: { scheme: '0060', value: '219876543' },
};

export const alephAlpha: DocumentBuyer = {
  name: 'Aleph Alpha GmbH',
  siren: null,
  vatId: 'DE123456789',
  address: {
    line1: 'Speyerer Str. 14',
    line2: null,
    postcode: '69115',
    city: 'Heidelberg',
    countryCode: 'DE',
  },
  electronicAddress: { scheme: '9930', value: 'DE123456789' },
};

const MARCH = { start: '2026-02-28T23:00:00Z', end: '2026-03-31T22:00:00Z' };

function line(
  kind: string,
  description: string,
  quantity: string,
  unit: string,
  unitPrice: string | null,
  amount: string,
  period = MARCH,
): DocumentLine {
  return {
    kind,
    description,
    segmentStart: period.start,
    segmentEnd: period.end,
    quantity,
    unit,
    unitPrice,
    amount,
  };
}

export const example1Lines: DocumentLine[] = [
  line(
    'RESERVED_CAPACITY',
    'Reserved capacity GB300: 1024 GPUs',
    '760832',
    'GPU-hour',
    '3.10',
    '2358579.20',
  ),
  line(
    'ON_DEMAND_USAGE',
    'On-demand usage GB300 above the reservation',
    '39168',
    'GPU-hour',
    '4.20',
    '164505.60',
  ),
  line('POWER_COMMITMENT', 'Power commitment: 2000 kW', '2000', 'kW-month', '145.00', '290000.00'),
  line('ENERGY', 'Energy: 1200000 kWh metered × PUE 1.20', '1440000', 'kWh', '0.115', '165600.00'),
  line(
    'SLA_CREDIT',
    'SLA credit GB300: availability 99.6635 % in 2026-03, 10 % of the reserved capacity',
    '2358579.2',
    'EUR',
    '-0.10',
    '-235857.92',
  ),
];

export function invoice(overrides: Partial<DocumentSource> = {}): DocumentSource {
  return {
    type: 'INVOICE',
    number: 'INV-2026-000001',
    issuedAt: '2026-04-02T08:00:00Z',
    dueAt: '2026-05-02T08:00:00Z',
    timeZone: 'Europe/Paris',
    billingTimeZone: 'Europe/Paris',
    periodStart: MARCH.start,
    periodEnd: MARCH.end,
    contractId: 'c-mistral',
    currency: 'EUR',
    seller,
    buyer: mistral,
    lines: example1Lines,
    subtotal: '2742826.88',
    taxRatePercent: '20',
    taxAmount: '548565.38',
    total: '3291392.26',
    taxMention: null,
    correctedInvoice: null,
    reason: null,
    ...overrides,
  };
}

const OCTOBER = { start: '2026-09-30T22:00:00Z', end: '2026-10-31T23:00:00Z' };
const APRIL = { start: '2026-03-31T22:00:00Z', end: '2026-04-30T22:00:00Z' };
/** An invoice of April 2026, issued on 4 May and due 30 days later. */
const aprilInvoice = {
  periodStart: APRIL.start,
  periodEnd: APRIL.end,
  issuedAt: '2026-05-04T09:00:00Z',
  dueAt: '2026-06-03T09:00:00Z',
};

/** Every case the validators must accept, by file name. */
export const documentCases: Record<string, DocumentSource> = {
  'example-1-french-tenant': invoice(),
  'example-2-uk-partner': invoice({
    number: 'INV-2026-000002',
    buyer: fluidstack,
    taxRatePercent: '0',
    taxAmount: '0.00',
    total: '2742826.88',
    taxMention: 'TVA non applicable – art. 259-1 du CGI',
  }),
  'example-3-october-dst': invoice({
    number: 'INV-2026-000003',
    periodStart: OCTOBER.start,
    periodEnd: OCTOBER.end,
    issuedAt: '2026-11-02T09:00:00Z',
    dueAt: '2026-12-02T09:00:00Z',
    lines: [
      line(
        'RESERVED_CAPACITY',
        'Reserved capacity H200: 256 GPUs',
        '190720',
        'GPU-hour',
        '2.20',
        '419584.00',
        OCTOBER,
      ),
    ],
    subtotal: '419584.00',
    taxAmount: '83916.80',
    total: '503500.80',
  }),
  'example-4-gpu-incident-sla-credit': invoice({
    number: 'INV-2026-000004',
    ...aprilInvoice,
    lines: [
      line(
        'RESERVED_CAPACITY',
        'Reserved capacity H200: 256 GPUs',
        '184320',
        'GPU-hour',
        '2.20',
        '405504.00',
        APRIL,
      ),
      line(
        'SLA_CREDIT',
        'SLA credit H200: availability 99.8264 %, 10 %',
        '405504',
        'EUR',
        '-0.10',
        '-40550.40',
        APRIL,
      ),
    ],
    subtotal: '364953.60',
    taxAmount: '72990.72',
    total: '437944.32',
  }),
  'example-5-vat-rounding': invoice({
    number: 'INV-2026-000005',
    lines: [
      line('ENERGY', 'Energy', '10.695652', 'kWh', '0.115', '1.23'),
      line('ENERGY', 'Energy', '10.695652', 'kWh', '0.115', '1.23'),
    ],
    subtotal: '2.46',
    taxAmount: '0.49',
    total: '2.95',
  }),
  'eu-reverse-charge': invoice({
    number: 'INV-2026-000006',
    buyer: alephAlpha,
    taxRatePercent: '0',
    taxAmount: '0.00',
    total: '2742826.88',
    taxMention: 'Autoliquidation par le preneur – articles 44 et 196 de la directive 2006/112/CE',
  }),
  'adjustment-lines': invoice({
    number: 'INV-2026-000007',
    ...aprilInvoice,
    lines: [
      line(
        'POWER_COMMITMENT',
        'Power commitment: 2000 kW from 2026-04-10',
        '1400',
        'kW-month',
        '145.00',
        '203000.00',
        APRIL,
      ),
      line(
        'ADJUSTMENT',
        'Adjustment for 2026-03: energy +138.00 (data received after its invoice)',
        '1',
        'adjustment',
        '138.00',
        '138.00',
        MARCH,
      ),
      line(
        'ADJUSTMENT',
        'Adjustment for 2026-03: SLA credit -2500.00 (data received after its invoice)',
        '1',
        'adjustment',
        '-2500.00',
        '-2500.00',
        MARCH,
      ),
    ],
    subtotal: '200638.00',
    taxAmount: '40127.60',
    total: '240765.60',
  }),
  'nothing-billed': invoice({
    number: 'INV-2026-000008',
    lines: [],
    subtotal: '0.00',
    taxAmount: '0.00',
    total: '0.00',
  }),
  'credit-note-full': invoice({
    type: 'CREDIT_NOTE',
    number: 'CN-2026-000001',
    issuedAt: '2026-04-10T10:00:00Z',
    dueAt: null,
    lines: [
      line(
        'CREDIT',
        'Avoir sur la facture INV-2026-000001 : facture annulée',
        '1',
        'credit',
        null,
        '2742826.88',
      ),
    ],
    correctedInvoice: { number: 'INV-2026-000001', issuedAt: '2026-04-02T08:00:00Z' },
    reason: 'Invoice cancelled: wrong billed party',
  }),
  'credit-note-partial': invoice({
    type: 'CREDIT_NOTE',
    number: 'CN-2026-000002',
    issuedAt: '2026-04-12T10:00:00Z',
    dueAt: null,
    buyer: fluidstack,
    lines: [
      line(
        'CREDIT',
        'Avoir partiel sur la facture INV-2026-000002',
        '1',
        'credit',
        null,
        '1200.50',
      ),
    ],
    subtotal: '1200.50',
    taxRatePercent: '0',
    taxAmount: '0.00',
    total: '1200.50',
    taxMention: 'TVA non applicable – art. 259-1 du CGI',
    correctedInvoice: { number: 'INV-2026-000002', issuedAt: '2026-04-02T08:00:00Z' },
    reason: 'Commercial gesture for the March outage',
  }),
};
