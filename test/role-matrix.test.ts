import { typeDefs } from '@cadran/gateway';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Gql, type Started } from './support/platform.js';

/**
 * Every query and mutation of the contract against every role, on the demo setting plus a second
 * tenant `other` at a second site `par-2`: TENANT is mistral, PARTNER is fluidstack (mistral's partner),
 * OTHER_TENANT is `other`, who must see mistral's data exactly as data that does not exist.
 */
const ROLES = [
  'ADMIN',
  'ACCOUNT_MANAGER',
  'FINANCE',
  'METERING',
  'TENANT',
  'PARTNER',
  'OTHER_TENANT',
] as const;
type RoleKey = (typeof ROLES)[number];
type Expect = string | ((result: Gql) => void);
type Row = {
  name: string;
  query: (role: RoleKey) => string;
  variables?: (role: RoleKey) => Record<string, unknown>;
  expect: Partial<Record<RoleKey, Expect>> & { rest?: Expect };
};

const STAFF = ['ADMIN', 'ACCOUNT_MANAGER', 'FINANCE'] as const;
const staff = (expect: Expect): Partial<Record<RoleKey, Expect>> =>
  Object.fromEntries(STAFF.map((role) => [role, expect]));
const data =
  (check: (data: Record<string, unknown>) => void): Expect =>
  (result) => {
    expect(result.body.errors).toBeUndefined();
    check(result.body.data!);
  };
const ids = (list: unknown) => (list as { id: string }[]).map((item) => item.id).sort();
const isNull = (field: string): Expect => data((d) => expect(d[field]).toBeNull());
const listed = (field: string, expected: string[]): Expect =>
  data((d) => expect(ids(d[field])).toEqual(expected));
const includes = (field: string, expected: string[]): Expect =>
  data((d) => expect(ids(d[field])).toEqual(expect.arrayContaining(expected)));
const contractsCharged =
  (expected: string[]): Expect =>
  (result) => {
    expect(result.body.errors).toBeUndefined();
    const charges = result.body.data!.monthToDateCharges as { contract: { id: string } }[];
    expect(charges.map((c) => c.contract.id).sort()).toEqual(expected);
  };
/** Set up before the rows run: March issued (mistral INV-2026-000001, other INV-2026-000002), April drafted. */
const fixtures = { mistralAprilDraft: '' };

const id = (role: RoleKey, kind: string) => `${kind}-${role.toLowerCase().replaceAll('_', '-')}`;
const WRITERS = { ADMIN: 'OK', ACCOUNT_MANAGER: 'OK', rest: 'FORBIDDEN' } as const;
const RATE_CARD = {
  gpuRates: [
    { gpuModel: 'H200', reservedPricePerGpuHour: '2.20', onDemandPricePerGpuHour: '3.00' },
  ],
  powerPricePerKwMonth: '145',
};
const YEAR = { startsAt: '2027-01-01T00:00:00Z', endsAt: '2027-02-01T00:00:00Z' };

const QUERIES: Row[] = [
  {
    name: 'viewer',
    query: () => '{ viewer { role tenantId partnerId } }',
    expect: { rest: data((d) => expect(d.viewer).toBeTruthy()) },
  },
  {
    name: 'sites',
    query: () => '{ sites { id } }',
    expect: {
      ...staff(listed('sites', ['bru-1', 'par-2'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('sites', ['bru-1']),
      PARTNER: listed('sites', ['bru-1']),
      OTHER_TENANT: listed('sites', ['par-2']),
    },
  },
  {
    name: 'site',
    query: () => '{ site(id: "bru-1") { id gpuInventory { gpuModel count } } }',
    expect: {
      ...staff(data((d) => expect(d.site).toMatchObject({ id: 'bru-1' }))),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.site).toBeTruthy()),
      PARTNER: data((d) => expect(d.site).toBeTruthy()),
      OTHER_TENANT: isNull('site'),
    },
  },
  {
    name: 'partners',
    query: () => '{ partners { id tenants { id } } }',
    expect: {
      ...staff(listed('partners', ['fluidstack'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('partners', ['fluidstack']),
      PARTNER: listed('partners', ['fluidstack']),
      OTHER_TENANT: listed('partners', []),
    },
  },
  {
    name: 'partner',
    query: () => '{ partner(id: "fluidstack") { id tenants { id } } }',
    expect: {
      ...staff(
        data((d) => expect(d.partner).toEqual({ id: 'fluidstack', tenants: [{ id: 'mistral' }] })),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.partner).toBeTruthy()),
      PARTNER: data((d) => expect(d.partner).toBeTruthy()),
      OTHER_TENANT: isNull('partner'),
    },
  },
  {
    name: 'tenants',
    query: () => '{ tenants { id partner { id } contracts { id } } }',
    expect: {
      ...staff(listed('tenants', ['mistral', 'other'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('tenants', ['mistral']),
      PARTNER: listed('tenants', ['mistral']),
      OTHER_TENANT: listed('tenants', ['other']),
    },
  },
  {
    name: 'tenant',
    query: () => '{ tenant(id: "mistral") { id partner { id } } }',
    expect: {
      ...staff(
        data((d) => expect(d.tenant).toEqual({ id: 'mistral', partner: { id: 'fluidstack' } })),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.tenant).toBeTruthy()),
      PARTNER: data((d) => expect(d.tenant).toBeTruthy()),
      OTHER_TENANT: isNull('tenant'),
    },
  },
  {
    name: 'contract',
    query: () =>
      '{ contract(id: "c-mistral") { id status tenant { id } site { id } rateCard(at: "2026-03-15T00:00:00Z") { pue gpuRates { gpuModel reservedPricePerGpuHour } } reservations { gpuCount cancelled } powerCommitments { kw } utilisation(period: "2026-03") { gpuModel ratio } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.contract).toMatchObject({
            id: 'c-mistral',
            status: 'SIGNED',
            rateCard: { pue: expect.stringMatching(/^1\.20?$/) },
            reservations: [{ gpuCount: 1024, cancelled: false }],
            powerCommitments: [{ kw: '2000' }],
          }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.contract).toBeTruthy()),
      PARTNER: data((d) => expect(d.contract).toBeTruthy()),
      OTHER_TENANT: isNull('contract'),
    },
  },
  {
    name: 'contracts',
    query: () => '{ contracts { id } }',
    expect: {
      ...staff(listed('contracts', ['c-mistral', 'c-other'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('contracts', ['c-mistral']),
      PARTNER: listed('contracts', ['c-mistral']),
      OTHER_TENANT: listed('contracts', ['c-other']),
    },
  },
  {
    name: 'usage',
    query: () =>
      '{ usage(tenantId: "mistral", from: "2026-03-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00", granularity: MONTH) { tenantId totalGpuHours byModel { gpuModel gpuHours } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.usage).toMatchObject({ tenantId: 'mistral', byModel: [{ gpuModel: 'GB300' }] }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) =>
        expect((d.usage as { totalGpuHours: string }).totalGpuHours).toMatch(/^800000(\.0+)?$/),
      ),
      PARTNER: data((d) => expect(d.usage).toBeTruthy()),
      OTHER_TENANT: 'NOT_FOUND',
    },
  },
  {
    name: 'incidents',
    query: () => '{ incidents { id scope site { id } impacts { gpuCount } } }',
    expect: {
      ...staff(includes('incidents', ['inc-bru-1-2026-03-10'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('incidents', ['inc-bru-1-2026-03-10']),
      PARTNER: listed('incidents', ['inc-bru-1-2026-03-10']),
      OTHER_TENANT: listed('incidents', []),
    },
  },
  {
    name: 'siteCapacity',
    query: () =>
      '{ siteCapacity(siteId: "bru-1", at: "2026-03-15T00:00:00Z") { committedKw gpus { gpuModel installed reserved available } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.siteCapacity).toMatchObject({
            gpus: expect.arrayContaining([
              { gpuModel: 'GB300', installed: 13824, reserved: 1024, available: 12800 },
            ]),
          }),
        ),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'capacityCommitments',
    query: () =>
      '{ capacityCommitments(at: "2026-03-15T00:00:00Z") { tenant { id } contract { id } reservedGpus { gpuModel count } committedKw } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.capacityCommitments).toEqual(
            expect.arrayContaining([
              expect.objectContaining({ tenant: { id: 'mistral' }, committedKw: '2000' }),
            ]),
          ),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) =>
        expect(
          (d.capacityCommitments as { tenant: { id: string } }[]).map((c) => c.tenant.id),
        ).toEqual(['mistral']),
      ),
      PARTNER: data((d) =>
        expect(
          (d.capacityCommitments as { tenant: { id: string } }[]).every(
            (c) => c.tenant.id === 'mistral',
          ),
        ).toBe(true),
      ),
      OTHER_TENANT: data((d) => expect(d.capacityCommitments).toEqual([])),
    },
  },
  {
    name: 'setAsideEvents',
    query: () => '{ setAsideEvents { runner position eventType projection reason } }',
    expect: { ADMIN: data((d) => expect(d.setAsideEvents).toEqual([])), rest: 'FORBIDDEN' },
  },
  {
    name: 'invoicePreview',
    query: () =>
      '{ invoicePreview(contractId: "c-mistral", period: "2026-03") { status number subtotal taxAmount total lines { kind amount } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.invoicePreview).toMatchObject({
            status: 'DRAFT',
            number: null,
            subtotal: '2742826.88',
            taxAmount: '548565.38',
            total: '3291392.26',
          }),
        ),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    // mistral's issued March invoice, and its April draft: drafts are for staff only.
    name: 'invoice',
    query: () =>
      `query($draft: ID!) {
        issued: invoice(id: "INV-2026-000001") { number status contract { id } billTo { name } total
          lines { kind sources { recordCount } } creditNotes { number }
          lineRecords(lineIndex: 1, first: 2) { records { id } nextCursor } }
        draft: invoice(id: $draft) { status }
        missing: invoice(id: "INV-none") { id }
      }`,
    variables: () => ({ draft: fixtures.mistralAprilDraft }),
    expect: {
      ...staff(
        data((d) => {
          expect(d.issued).toMatchObject({
            number: 'INV-2026-000001',
            status: 'ISSUED',
            contract: { id: 'c-mistral' },
            billTo: { name: 'Mistral AI' },
            total: '3291392.26',
            creditNotes: [],
            lineRecords: { records: [{ id: 'demo-usage-gb300-0' }, { id: 'demo-usage-gb300-1' }] },
          });
          expect(d.draft).toEqual({ status: 'DRAFT' });
          expect(d.missing).toBeNull();
        }),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => {
        expect(d.issued).toMatchObject({ number: 'INV-2026-000001', total: '3291392.26' });
        expect(d.draft).toBeNull();
        expect(d.missing).toBeNull();
      }),
      PARTNER: data((d) => {
        expect(d.issued).toMatchObject({ number: 'INV-2026-000001' });
        expect(d.draft).toBeNull();
      }),
      OTHER_TENANT: data((d) => expect(d).toEqual({ issued: null, draft: null, missing: null })),
    },
  },
  {
    name: 'invoices',
    query: () =>
      '{ march: invoices(period: "2026-03") { number status } april: invoices(period: "2026-04") { status } mistral: invoices(tenantId: "mistral") { number } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d).toEqual({
            march: [
              { number: 'INV-2026-000001', status: 'ISSUED' },
              { number: 'INV-2026-000002', status: 'ISSUED' },
            ],
            april: [{ status: 'DRAFT' }, { status: 'DRAFT' }],
            mistral: [{ number: 'INV-2026-000001' }, { number: null }],
          }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) =>
        expect(d).toEqual({
          march: [{ number: 'INV-2026-000001', status: 'ISSUED' }],
          april: [],
          mistral: [{ number: 'INV-2026-000001' }],
        }),
      ),
      PARTNER: data((d) =>
        expect(d).toEqual({
          march: [{ number: 'INV-2026-000001', status: 'ISSUED' }],
          april: [],
          mistral: [{ number: 'INV-2026-000001' }],
        }),
      ),
      OTHER_TENANT: data((d) =>
        expect(d).toEqual({
          march: [{ number: 'INV-2026-000002', status: 'ISSUED' }],
          april: [],
          mistral: [],
        }),
      ),
    },
  },
  {
    name: 'invoiceBatch',
    query: () =>
      '{ march: invoiceBatch(id: "batch-2026-03") { id period status subtotal taxAmount total invoices { number } } none: invoiceBatch(id: "batch-1999-01") { id } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d).toEqual({
            march: {
              id: 'batch-2026-03',
              period: '2026-03',
              status: 'ISSUED',
              subtotal: '2742826.88',
              taxAmount: '548565.38',
              total: '3291392.26',
              invoices: [{ number: 'INV-2026-000001' }, { number: 'INV-2026-000002' }],
            },
            none: null,
          }),
        ),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'invoiceBatchProgress',
    query: () =>
      '{ march: invoiceBatchProgress(period: "2026-03") { period priced total running } none: invoiceBatchProgress(period: "2025-01") { period } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d).toEqual({
            march: { period: '2026-03', priced: 2, total: 2, running: false },
            none: null,
          }),
        ),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'monthToDateCharges',
    query: () =>
      '{ monthToDateCharges(at: "2026-03-20T00:00:00Z") { contract { id } period invoice { total } sla { gpuModel } } }',
    expect: {
      ...staff(contractsCharged(['c-mistral', 'c-other'])),
      METERING: 'FORBIDDEN',
      TENANT: contractsCharged(['c-mistral']),
      PARTNER: contractsCharged(['c-mistral']),
      OTHER_TENANT: contractsCharged(['c-other']),
    },
  },
  {
    name: 'consumption',
    query: () =>
      '{ consumption(contractId: "c-mistral", from: "2026-03-01T00:00:00+01:00", to: "2026-03-03T00:00:00+01:00") { days { day } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.consumption).toEqual({ days: [{ day: '2026-03-01' }, { day: '2026-03-02' }] }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: 'OK',
      PARTNER: 'OK',
      OTHER_TENANT: 'NOT_FOUND',
    },
  },
  {
    name: 'webhookEndpoints',
    query: () => '{ webhookEndpoints { id } }',
    expect: { ADMIN: 'OK', TENANT: 'OK', PARTNER: 'OK', OTHER_TENANT: 'OK', rest: 'FORBIDDEN' },
  },
  {
    name: 'webhookEndpoint',
    query: () => '{ webhookEndpoint(id: "wh-none") { id } }',
    expect: {
      ADMIN: isNull('webhookEndpoint'),
      TENANT: isNull('webhookEndpoint'),
      PARTNER: isNull('webhookEndpoint'),
      OTHER_TENANT: isNull('webhookEndpoint'),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'alertRules',
    query: () => '{ alertRules { id } }',
    expect: {
      ...staff('OK'),
      METERING: 'FORBIDDEN',
      TENANT: 'OK',
      PARTNER: 'OK',
      OTHER_TENANT: 'OK',
    },
  },
  {
    name: 'payment',
    query: () => '{ payment(id: "pay-matrix") { id amount party { id } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.payment).toEqual({
            id: 'pay-matrix',
            amount: '100.00',
            party: { id: 'mistral' },
          }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.payment).toMatchObject({ id: 'pay-matrix' })),
      PARTNER: isNull('payment'),
      OTHER_TENANT: isNull('payment'),
    },
  },
  {
    name: 'payments',
    query: () => '{ payments(party: { kind: TENANT, id: "mistral" }) { id } }',
    expect: {
      ...staff(listed('payments', ['pay-matrix'])),
      METERING: 'FORBIDDEN',
      TENANT: listed('payments', ['pay-matrix']),
      PARTNER: listed('payments', []),
      OTHER_TENANT: listed('payments', []),
    },
  },
  {
    name: 'partyAccount',
    query: () =>
      '{ partyAccount(party: { kind: TENANT, id: "mistral" }, asOf: "2099-12-31") { party { id } creditBalance invoices { number paid } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.partyAccount).toEqual({
            party: { id: 'mistral' },
            creditBalance: '0.00',
            invoices: [{ number: 'INV-2026-000001', paid: '100.00' }],
          }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.partyAccount).toMatchObject({ party: { id: 'mistral' } })),
      PARTNER: 'NOT_FOUND',
      OTHER_TENANT: 'NOT_FOUND',
    },
  },
  {
    name: 'receivablesAgeing',
    query: () => '{ receivablesAgeing(asOf: "2099-12-31") { parties { party { id } } } }',
    expect: {
      ...staff(
        data((d) =>
          expect(d.receivablesAgeing).toEqual({
            // other's March invoice is 0.00 (no reservation): nothing outstanding.
            parties: [{ party: { id: 'mistral' } }],
          }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) =>
        expect(d.receivablesAgeing).toEqual({ parties: [{ party: { id: 'mistral' } }] }),
      ),
      PARTNER: data((d) => expect(d.receivablesAgeing).toEqual({ parties: [] })),
      OTHER_TENANT: data((d) => expect(d.receivablesAgeing).toEqual({ parties: [] })),
    },
  },
  {
    name: 'partyStatement',
    query: () =>
      '{ partyStatement(party: { kind: TENANT, id: "mistral" }, from: "2026-01-01", to: "2099-12-31") { entries { kind } } }',
    expect: {
      ...staff(
        data((d) =>
          // The payment's value date (2026-04-15) comes before the invoice's issue date (today).
          expect(d.partyStatement).toEqual({ entries: [{ kind: 'PAYMENT' }, { kind: 'INVOICE' }] }),
        ),
      ),
      METERING: 'FORBIDDEN',
      TENANT: data((d) => expect(d.partyStatement).toBeTruthy()),
      PARTNER: 'NOT_FOUND',
      OTHER_TENANT: 'NOT_FOUND',
    },
  },
  {
    name: 'paymentReminders',
    query: () => '{ paymentReminders { id } }',
    expect: { METERING: 'FORBIDDEN', rest: listed('paymentReminders', []) },
  },
];

const issuedMay = data((d) =>
  expect(d.issueInvoices).toEqual({
    status: 'ISSUED',
    invoices: [
      { number: 'INV-2026-000003', contract: { id: 'c-mistral' } },
      { number: 'INV-2026-000004', contract: { id: 'c-other' } },
    ],
  }),
);

/** In order: each writer role builds its own site, partner, tenant, contract, ... so that every call does something. */
const MUTATIONS: Row[] = [
  {
    name: 'registerSite',
    query: () =>
      'mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id powerCapacityKw } }',
    variables: (r) => ({
      i: {
        id: id(r, 's'),
        name: 'Site',
        countryCode: 'FR',
        timeZone: 'Europe/Paris',
        powerCapacityKw: '1000',
        gpuInventory: [{ gpuModel: 'H200', count: 64 }],
      },
    }),
    expect: WRITERS,
  },
  {
    name: 'registerPartner',
    query: () => 'mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { id } }',
    variables: (r) => ({ i: { id: id(r, 'p'), name: 'Partner', countryCode: 'GB' } }),
    expect: WRITERS,
  },
  {
    name: 'onboardTenant',
    query: () =>
      'mutation($i: OnboardTenantInput!) { onboardTenant(input: $i) { id partner { id } } }',
    variables: (r) => ({
      i: { id: id(r, 't'), name: 'Tenant', countryCode: 'FR', partnerId: id(r, 'p') },
    }),
    expect: WRITERS,
  },
  {
    name: 'updatePartyDetails',
    query: () =>
      'mutation($i: UpdatePartyDetailsInput!) { updatePartyDetails(input: $i) { partyId siren electronicAddress { scheme value } } }',
    variables: (r) => ({
      i: {
        kind: 'TENANT',
        partyId: id(r, 't'),
        siren: '345678901',
        postalAddress: { line1: '1 rue A', postcode: '75001', city: 'Paris', countryCode: 'FR' },
      },
    }),
    expect: WRITERS,
  },
  {
    name: 'draftContract',
    query: () =>
      'mutation($i: DraftContractInput!) { draftContract(input: $i) { id status billingTimeZone paymentTermsDays } }',
    variables: (r) => ({
      i: {
        id: id(r, 'c'),
        tenantId: id(r, 't'),
        siteId: id(r, 's'),
        startsAt: '2027-01-01T00:00:00Z',
        rateCard: RATE_CARD,
      },
    }),
    expect: {
      ...WRITERS,
      ADMIN: data((d) =>
        expect(d.draftContract).toMatchObject({
          status: 'DRAFT',
          billingTimeZone: 'Europe/Paris',
          paymentTermsDays: 30,
        }),
      ),
    },
  },
  {
    name: 'signContract',
    query: (r) => `mutation { signContract(id: "${id(r, 'c')}") { id status } }`,
    expect: {
      ...WRITERS,
      ADMIN: data((d) => expect(d.signContract).toMatchObject({ status: 'SIGNED' })),
    },
  },
  {
    name: 'amendContract',
    query: () =>
      'mutation($i: AmendContractInput!) { amendContract(input: $i) { id rateCard(at: "2027-01-20T00:00:00Z") { powerPricePerKwMonth } } }',
    variables: (r) => ({
      i: {
        contractId: id(r, 'c'),
        effectiveAt: '2027-01-15T00:00:00Z',
        rateCard: { ...RATE_CARD, powerPricePerKwMonth: '150' },
      },
    }),
    expect: {
      ...WRITERS,
      ADMIN: data((d) =>
        expect(d.amendContract).toMatchObject({ rateCard: { powerPricePerKwMonth: '150' } }),
      ),
    },
  },
  {
    name: 'reserveCapacity',
    query: () =>
      'mutation($i: ReserveCapacityInput!) { reserveCapacity(input: $i) { id gpuCount cancelled contract { id } } }',
    variables: (r) => ({
      i: { id: id(r, 'r'), contractId: id(r, 'c'), gpuModel: 'H200', gpuCount: 32, ...YEAR },
    }),
    expect: WRITERS,
  },
  {
    name: 'cancelReservation',
    query: (r) =>
      `mutation { cancelReservation(id: "${id(r, 'r')}", reason: "changed plans") { id cancelled } }`,
    expect: {
      ...WRITERS,
      ADMIN: data((d) => expect(d.cancelReservation).toMatchObject({ cancelled: true })),
    },
  },
  {
    name: 'commitPower',
    query: () => 'mutation($i: CommitPowerInput!) { commitPower(input: $i) { id kw } }',
    variables: (r) => ({ i: { id: id(r, 'pc'), contractId: id(r, 'c'), kw: '100', ...YEAR } }),
    expect: WRITERS,
  },
  {
    name: 'openIncident',
    query: () =>
      'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id scope resolvedAt } }',
    variables: (r) => ({
      i: {
        id: id(r, 'i'),
        siteId: id(r, 's'),
        scope: 'SITE',
        startedAt: '2027-01-10T00:00:00Z',
        description: 'cooling',
      },
    }),
    expect: WRITERS,
  },
  {
    name: 'resolveIncident',
    query: (r) =>
      `mutation { resolveIncident(id: "${id(r, 'i')}", resolvedAt: "2027-01-10T01:00:00Z") { id resolvedAt } }`,
    expect: {
      ...WRITERS,
      ADMIN: data((d) =>
        expect(d.resolveIncident).toMatchObject({ resolvedAt: '2027-01-10T01:00:00Z' }),
      ),
    },
  },
  {
    name: 'terminateContract',
    query: (r) =>
      `mutation { terminateContract(id: "${id(r, 'c')}", effectiveAt: "2027-01-25T00:00:00Z", reason: "end") { id status endsAt } }`,
    expect: {
      ...WRITERS,
      ADMIN: data((d) => expect(d.terminateContract).toMatchObject({ status: 'TERMINATED' })),
    },
  },
  {
    name: 'recordGpuUsage',
    query: () =>
      'mutation($r: [GpuUsageInput!]!) { recordGpuUsage(records: $r) { accepted duplicates rejected { index code message } } }',
    variables: (r) => ({
      r: [
        {
          id: id(r, 'u'),
          tenantId: 'mistral',
          siteId: 'bru-1',
          gpuModel: 'GB300',
          startedAt: '2026-04-01T00:00:00Z',
          endedAt: '2026-04-01T01:00:00Z',
          gpuHours: '10',
        },
      ],
    }),
    expect: {
      ADMIN: data((d) =>
        expect(d.recordGpuUsage).toEqual({ accepted: 1, duplicates: 0, rejected: [] }),
      ),
      METERING: data((d) =>
        expect(d.recordGpuUsage).toEqual({ accepted: 1, duplicates: 0, rejected: [] }),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'recordEnergy',
    query: () =>
      'mutation($r: [EnergyInput!]!) { recordEnergy(records: $r) { accepted duplicates rejected { index } } }',
    variables: (r) => ({
      r: [
        {
          id: id(r, 'e'),
          tenantId: 'mistral',
          siteId: 'bru-1',
          startedAt: '2026-04-01T00:00:00Z',
          endedAt: '2026-04-01T01:00:00Z',
          kwh: '10',
        },
      ],
    }),
    expect: { ADMIN: 'OK', METERING: 'OK', rest: 'FORBIDDEN' },
  },
  {
    // ADMIN drafts May; FINANCE runs it again: nothing written, the same batch.
    name: 'runInvoiceBatch',
    query: () =>
      'mutation { runInvoiceBatch(period: "2026-05") { id status invoices { status contract { id } } } }',
    expect: {
      ADMIN: (r) => {
        expect(r.body.data?.runInvoiceBatch).toMatchObject({
          id: 'batch-2026-05',
          status: 'DRAFT',
        });
        expect(r.body.extensions?.position).toMatch(/^\d+$/);
      },
      FINANCE: (r) => {
        expect(r.body.data?.runInvoiceBatch).toMatchObject({
          id: 'batch-2026-05',
          status: 'DRAFT',
        });
        expect(r.body.extensions?.position).toBeUndefined();
      },
      rest: 'FORBIDDEN',
    },
  },
  {
    // ADMIN issues May; FINANCE issues it again: a no-op, the same numbers.
    name: 'issueInvoices',
    query: () =>
      'mutation { issueInvoices(batchId: "batch-2026-05") { status invoices { number contract { id } } } }',
    expect: { ADMIN: issuedMay, FINANCE: issuedMay, rest: 'FORBIDDEN' },
  },
  {
    name: 'issueCreditNote',
    query: (r) =>
      `mutation { issueCreditNote(input: { id: "${id(r, 'cn')}", invoiceId: "INV-2026-000001", reason: "goodwill", amount: "10.00" }) { number subtotal taxAmount total invoice { number } } }`,
    expect: {
      ADMIN: data((d) =>
        expect(d.issueCreditNote).toEqual({
          number: 'CN-2026-000001',
          subtotal: '10.00',
          taxAmount: '2.00',
          total: '12.00',
          invoice: { number: 'INV-2026-000001' },
        }),
      ),
      FINANCE: data((d) =>
        expect(d.issueCreditNote).toMatchObject({ number: 'CN-2026-000002', total: '12.00' }),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'registerWebhookEndpoint',
    query: (r) =>
      `mutation { registerWebhookEndpoint(input: { id: "${id(r, 'wh')}", url: "https://hooks.example/${r}" }) { id ownerKind ownerId } }`,
    expect: {
      ADMIN: data((d) =>
        expect(d.registerWebhookEndpoint).toMatchObject({ ownerKind: 'OPERATOR', ownerId: null }),
      ),
      TENANT: data((d) =>
        expect(d.registerWebhookEndpoint).toMatchObject({
          ownerKind: 'TENANT',
          ownerId: 'mistral',
        }),
      ),
      PARTNER: data((d) =>
        expect(d.registerWebhookEndpoint).toMatchObject({
          ownerKind: 'PARTNER',
          ownerId: 'fluidstack',
        }),
      ),
      OTHER_TENANT: data((d) =>
        expect(d.registerWebhookEndpoint).toMatchObject({ ownerId: 'other' }),
      ),
      rest: 'FORBIDDEN',
    },
  },
  // Everyone acts on mistral's endpoint: its owner and ADMIN may, the others find nothing.
  ...(['pauseWebhookEndpoint', 'resumeWebhookEndpoint', 'replayWebhookEndpoint'] as const).map(
    (name): Row => ({
      name,
      query: () =>
        `mutation { ${name}(id: "wh-tenant"${name === 'replayWebhookEndpoint' ? ', fromPosition: "0"' : ''}) { id status } }`,
      expect: {
        ADMIN: 'OK',
        TENANT: 'OK',
        PARTNER: 'NOT_FOUND',
        OTHER_TENANT: 'NOT_FOUND',
        rest: 'FORBIDDEN',
      },
    }),
  ),
  {
    name: 'removeWebhookEndpoint',
    query: (r) => `mutation { removeWebhookEndpoint(id: "${id(r, 'wh')}") { id status } }`,
    expect: {
      ADMIN: data((d) => expect(d.removeWebhookEndpoint).toMatchObject({ status: 'REMOVED' })),
      TENANT: 'OK',
      PARTNER: 'OK',
      OTHER_TENANT: 'OK',
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'defineAlertRule',
    query: (r) =>
      `mutation { defineAlertRule(input: { id: "${id(r, 'al')}", kind: CHARGES_ABOVE, contractId: "c-mistral", threshold: "100000000" }) { id contractId tenantId } }`,
    expect: {
      ADMIN: data((d) =>
        expect(d.defineAlertRule).toMatchObject({ contractId: 'c-mistral', tenantId: 'mistral' }),
      ),
      ACCOUNT_MANAGER: 'OK',
      TENANT: 'OK',
      PARTNER: 'OK',
      OTHER_TENANT: 'NOT_FOUND',
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'removeAlertRule',
    query: (r) => `mutation { removeAlertRule(id: "${id(r, 'al')}") { id status } }`,
    expect: {
      ADMIN: data((d) => expect(d.removeAlertRule).toMatchObject({ status: 'REMOVED' })),
      ACCOUNT_MANAGER: 'OK',
      TENANT: 'OK',
      PARTNER: 'OK',
      OTHER_TENANT: 'NOT_FOUND',
      rest: 'FORBIDDEN',
    },
  },
  {
    // Named by no invoice, for mistral: oldest due first, INV-2026-000001.
    name: 'recordPayment',
    query: (r) =>
      `mutation { recordPayment(input: { id: "${id(r, 'pay')}", amount: "1.00", valueDate: "2026-05-02", payerName: "Mistral AI", party: { kind: TENANT, id: "mistral" } }) { id state allocations { invoiceNumber } } }`,
    expect: {
      ADMIN: data((d) =>
        expect(d.recordPayment).toEqual({
          id: 'pay-admin',
          state: 'ALLOCATED',
          allocations: [{ invoiceNumber: 'INV-2026-000001' }],
        }),
      ),
      FINANCE: data((d) => expect(d.recordPayment).toMatchObject({ id: 'pay-finance' })),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'importBankStatement',
    query: () =>
      'mutation { importBankStatement(input: { format: CSV, content: "valueDate,amount,bankReference\\n2026-05-02,2.00,MATRIX-1\\n" }) { newPayments { id state } } }',
    expect: {
      FINANCE: data((d) =>
        expect(d.importBankStatement).toEqual({
          newPayments: [{ id: 'bank-MATRIX-1', state: 'UNMATCHED' }],
        }),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'allocatePayment',
    query: () =>
      'mutation { allocatePayment(input: { paymentId: "bank-MATRIX-1", invoices: [{ invoice: "INV-2026-000001", amount: "1.00" }] }) { unallocated } }',
    expect: {
      ADMIN: data((d) => expect(d.allocatePayment).toEqual({ unallocated: '1.00' })),
      FINANCE: data((d) => expect(d.allocatePayment).toEqual({ unallocated: '0.00' })),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'reverseAllocation',
    query: (r) =>
      `mutation { reverseAllocation(input: { allocationId: "bank-MATRIX-1.${r === 'ADMIN' ? 1 : 2}", reason: "wrong invoice" }) { unallocated } }`,
    expect: {
      ADMIN: data((d) => expect(d.reverseAllocation).toEqual({ unallocated: '1.00' })),
      FINANCE: data((d) => expect(d.reverseAllocation).toEqual({ unallocated: '2.00' })),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'returnPayment',
    query: (r) =>
      `mutation { returnPayment(input: { paymentId: "${id(r, 'pay')}", reason: "bounced", returnDate: "2026-05-05" }) { state } }`,
    expect: {
      ADMIN: data((d) => expect(d.returnPayment).toEqual({ state: 'RETURNED' })),
      FINANCE: data((d) => expect(d.returnPayment).toEqual({ state: 'RETURNED' })),
      rest: 'FORBIDDEN',
    },
  },
  {
    // bank-MATRIX-1 left 2.00 of credit with mistral.
    name: 'refundCredit',
    query: (r) =>
      `mutation { refundCredit(input: { id: "${id(r, 'refund')}", party: { kind: TENANT, id: "mistral" }, amount: "1.00", valueDate: "2026-05-06", reason: "overpaid" }) { creditBalance } }`,
    expect: {
      ADMIN: data((d) => expect(d.refundCredit).toEqual({ creditBalance: '1.00' })),
      FINANCE: data((d) => expect(d.refundCredit).toEqual({ creditBalance: '0.00' })),
      rest: 'FORBIDDEN',
    },
  },
  {
    // INV-2026-000001 is unpaid past its due date far in 2099: interest accrued and the indemnity.
    name: 'issueLateChargesInvoice',
    query: (r) =>
      `mutation { issueLateChargesInvoice(input: { id: "${id(r, 'lpc')}", invoice: "INV-2026-000001", asOf: "2099-01-01" }) { number indemnity } }`,
    expect: {
      ADMIN: data((d) =>
        expect(d.issueLateChargesInvoice).toMatchObject({
          number: expect.stringMatching(/^LPC-\d{4}-000001$/),
          indemnity: '40.00',
        }),
      ),
      FINANCE: data((d) =>
        expect(d.issueLateChargesInvoice).toMatchObject({
          number: expect.stringMatching(/^LPC-\d{4}-000001$/),
        }),
      ),
      rest: 'FORBIDDEN',
    },
  },
  {
    name: 'issuePaymentReminders',
    query: () => 'mutation { issuePaymentReminders(asOf: "2099-01-01T00:00:00Z") { step } }',
    expect: {
      ADMIN: data((d) =>
        // INV-2026-000001 and the late-charge document LPC-…-000001 claimed just before.
        expect(d.issuePaymentReminders).toEqual([{ step: 'OVERDUE_30' }, { step: 'OVERDUE_30' }]),
      ),
      FINANCE: data((d) => expect(d.issuePaymentReminders).toEqual([])),
      rest: 'FORBIDDEN',
    },
  },
];

let platform: Started;
const tokens = {} as Record<RoleKey, string>;

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true });
  tokens.ADMIN = await platform.token('ADMIN');
  tokens.ACCOUNT_MANAGER = await platform.token('ACCOUNT_MANAGER');
  tokens.FINANCE = await platform.token('FINANCE');
  tokens.METERING = await platform.token('METERING');
  tokens.TENANT = await platform.token('TENANT', { tenantId: 'mistral' });
  tokens.PARTNER = await platform.token('PARTNER', { partnerId: 'fluidstack' });
  const admin = (query: string, variables?: Record<string, unknown>) =>
    platform.gql(tokens.ADMIN, query, variables);
  for (const [query, variables] of [
    [
      'mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }',
      {
        i: {
          id: 'par-2',
          name: 'Paris 2',
          countryCode: 'FR',
          timeZone: 'Europe/Paris',
          powerCapacityKw: '5000',
          gpuInventory: [{ gpuModel: 'H200', count: 512 }],
        },
      },
    ],
    [
      'mutation { onboardTenant(input: { id: "other", name: "Other Lab", countryCode: "DE" }) { id } }',
      undefined,
    ],
    [
      'mutation($i: UpdatePartyDetailsInput!) { updatePartyDetails(input: $i) { partyId } }',
      {
        i: {
          kind: 'TENANT',
          partyId: 'other',
          postalAddress: {
            line1: 'Hauptstr. 1',
            postcode: '10115',
            city: 'Berlin',
            countryCode: 'DE',
          },
          electronicAddress: { scheme: '0088', value: '4000001000005' },
        },
      },
    ],
    [
      'mutation($i: DraftContractInput!) { draftContract(input: $i) { id } }',
      {
        i: {
          id: 'c-other',
          tenantId: 'other',
          siteId: 'par-2',
          startsAt: '2026-01-01T00:00:00Z',
          rateCard: RATE_CARD,
        },
      },
    ],
    ['mutation { signContract(id: "c-other") { id } }', undefined],
  ] as const) {
    expect(outcome(await admin(query, variables as Record<string, unknown> | undefined))).toBe(
      'OK',
    );
  }
  // After its onboarding: a token issued before it would be refused.
  tokens.OTHER_TENANT = await platform.token('TENANT', { tenantId: 'other' });
  const finance = (query: string) => platform.gql(tokens.FINANCE, query);
  expect(outcome(await finance('mutation { runInvoiceBatch(period: "2026-03") { id } }'))).toBe(
    'OK',
  );
  expect(
    outcome(await finance('mutation { issueInvoices(batchId: "batch-2026-03") { id } }')),
  ).toBe('OK');
  const april = await finance(
    'mutation { runInvoiceBatch(period: "2026-04") { invoices { id contract { id } } } }',
  );
  const drafts = (
    april.body.data?.runInvoiceBatch as { invoices: { id: string; contract: { id: string } }[] }
  ).invoices;
  fixtures.mistralAprilDraft = drafts.find((invoice) => invoice.contract.id === 'c-mistral')!.id;
  expect(
    outcome(
      await platform.gql(
        tokens.FINANCE,
        'mutation { recordPayment(input: { id: "pay-matrix", amount: "100.00", valueDate: "2026-04-15", payerName: "Mistral AI", remittance: "INV-2026-000001" }) { id } }',
      ),
    ),
  ).toBe('OK');
});
afterAll(() => platform?.close());

const check = async (row: Row, role: RoleKey) => {
  const result = await platform.gql(tokens[role], row.query(role), row.variables?.(role));
  const expected = row.expect[role] ?? row.expect.rest;
  if (expected === undefined) throw new Error(`row ${row.name} has no expectation for ${role}`);
  if (typeof expected === 'function') return expected(result);
  expect({ role, outcome: outcome(result) }).toEqual({ role, outcome: expected });
  if (expected === 'FORBIDDEN' || expected === 'NOT_FOUND') {
    expect(result.body.errors?.[0]?.message.length).toBeGreaterThan(10);
  }
};

describe('role matrix: every query against every role', () => {
  it('covers every query of the schema', () => {
    const names = Object.keys(buildSchema(typeDefs).getQueryType()!.getFields());
    expect(QUERIES.map((row) => row.name).sort()).toEqual(names.sort());
  });
  for (const row of QUERIES) {
    it.each(ROLES)(`${row.name} as %s`, (role) => check(row, role));
  }
});

describe('role matrix: every mutation against every role', () => {
  it('covers every mutation of the schema', () => {
    const names = Object.keys(buildSchema(typeDefs).getMutationType()!.getFields());
    expect(MUTATIONS.map((row) => row.name).sort()).toEqual(names.sort());
  });
  for (const row of MUTATIONS) {
    it.each(ROLES)(`${row.name} as %s`, (role) => check(row, role));
  }
});
