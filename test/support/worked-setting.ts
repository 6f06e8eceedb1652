import {
  bru1,
  workedPartnerDetails,
  workedRateCardInput,
  workedTenantDetails,
} from '@cadran/domain/testing';
import { expect } from 'vitest';
import type { Started } from './platform.js';

/**
 * The setting of design/worked-examples.md built through the public API only: GraphQL mutations
 * as ADMIN, usage and energy as NDJSON on /v1/usage and /v1/energy as METERING.
 */
export type Api = {
  /** Runs a GraphQL document as `token`; fails the test on any error; waits for what earlier calls wrote. */
  call(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /** Sends records as NDJSON; fails the test unless every one is accepted. */
  ingest(kind: 'usage' | 'energy', records: object[]): Promise<void>;
  tokens: { admin: string; finance: string; metering: string };
};

export const WORKED_RATE_CARD = workedRateCardInput;

/** March 2026 in Europe/Paris: 743 hours. */
export const MARCH = { startsAt: '2026-02-28T23:00:00Z', endsAt: '2026-03-31T22:00:00Z' };

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const createApi = async (platform: Started): Promise<Api> => {
  const tokens = {
    admin: await platform.token('ADMIN'),
    finance: await platform.token('FINANCE'),
    metering: await platform.token('METERING'),
  };
  let position = '-1';
  const seen = (next: unknown) => {
    if (typeof next === 'string' && BigInt(next) > BigInt(position)) position = next;
  };
  const call: Api['call'] = async (token, query, variables) => {
    const headers: Record<string, string> =
      position === '-1' ? {} : { 'x-cadran-min-position': position };
    const result = await platform.gql(token, query, variables, headers);
    expect(result.body.errors, query).toBeUndefined();
    seen(result.body.extensions?.position);
    return result.body.data!;
  };
  const ingest: Api['ingest'] = async (kind, records) => {
    const response = await fetch(`${platform.url}/v1/${kind}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.metering}`,
        'content-type': 'application/x-ndjson',
      },
      body: `${records.map((record) => JSON.stringify(record)).join('\n')}\n`,
    });
    const answer = (await response.json()) as {
      accepted: number;
      rejections: unknown[];
      lastPosition: string;
    };
    expect(answer.rejections).toEqual([]);
    expect(answer.accepted).toBe(records.length);
    seen(answer.lastPosition);
  };
  return { call, ingest, tokens };
};

const { siteId, ...site } = bru1;

/** Site bru-1 and partner fluidstack (GB). */
export const workedSite = async ({ call, tokens }: Api): Promise<void> => {
  await call(tokens.admin, 'mutation($i: RegisterSiteInput!) { registerSite(input: $i) { id } }', {
    i: { ...site, id: siteId, name: 'Bruyères-le-Châtel 1' },
  });
  await call(
    tokens.admin,
    'mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { id } }',
    {
      i: {
        id: 'fluidstack',
        name: 'Fluidstack Ltd',
        countryCode: 'GB',
        vatId: 'GB123456789',
        address: '1 Canada Square, London E14 5AB, United Kingdom',
      },
    },
  );
  await call(tokens.admin, UPDATE_DETAILS, {
    i: { kind: 'PARTNER', partyId: 'fluidstack', ...workedPartnerDetails },
  });
};

const UPDATE_DETAILS =
  'mutation($i: UpdatePartyDetailsInput!) { updatePartyDetails(input: $i) { partyId } }';

/** A French tenant of fluidstack and its signed contract at bru-1 from 2026-01-01 (Paris), payment in 30 days. */
export const workedContract = async (
  { call, tokens }: Api,
  {
    tenantId,
    contractId,
    billTo = 'TENANT',
    rateCard = WORKED_RATE_CARD,
  }: {
    tenantId: string;
    contractId: string;
    billTo?: 'TENANT' | 'PARTNER';
    rateCard?: object;
  },
): Promise<void> => {
  await call(
    tokens.admin,
    'mutation($i: OnboardTenantInput!) { onboardTenant(input: $i) { id } }',
    {
      i: {
        id: tenantId,
        name: `${tenantId} SAS`,
        countryCode: 'FR',
        vatId: 'FR12345678901',
        address: '15 rue des Halles, 75001 Paris, France',
        partnerId: 'fluidstack',
      },
    },
  );
  await call(tokens.admin, UPDATE_DETAILS, {
    i: { kind: 'TENANT', partyId: tenantId, ...workedTenantDetails },
  });
  await call(
    tokens.admin,
    'mutation($i: DraftContractInput!) { draftContract(input: $i) { id } }',
    {
      i: {
        id: contractId,
        tenantId,
        billTo,
        siteId: 'bru-1',
        startsAt: '2025-12-31T23:00:00Z',
        billingTimeZone: 'Europe/Paris',
        paymentTermsDays: 30,
        rateCard,
      },
    },
  );
  await call(tokens.admin, `mutation { signContract(id: "${contractId}") { id } }`);
};

export const reserve = (
  { call, tokens }: Api,
  id: string,
  contractId: string,
  gpuModel: string,
  gpuCount: number,
  span: { startsAt: string; endsAt: string },
) =>
  call(tokens.admin, 'mutation($i: ReserveCapacityInput!) { reserveCapacity(input: $i) { id } }', {
    i: { id, contractId, gpuModel, gpuCount, ...span },
  });

/** `count` hourly records from `from`, each of `each` (GPU-hours or kWh), ids `prefix-00000`… */
export const hourly = (
  prefix: string,
  where: { tenantId: string; siteId?: string; gpuModel?: string },
  count: number,
  each: string,
  from: string,
  field: 'gpuHours' | 'kwh',
) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    siteId: 'bru-1',
    ...where,
    startedAt: iso(Date.parse(from) + i * HOUR),
    endedAt: iso(Date.parse(from) + (i + 1) * HOUR),
    [field]: each,
  }));

/** `count` hourly GPU usage records of `tenantId` on `gpuModel` from `from`, each of `gpuHours`. */
export const hourlyUsage = (
  prefix: string,
  tenantId: string,
  gpuModel: string,
  count: number,
  gpuHours: string,
  from: string,
) => hourly(prefix, { tenantId, gpuModel }, count, gpuHours, from, 'gpuHours');

/**
 * Example 1's month for one contract: 1024 GB300 reserved and 2000 kW committed for March, 800000
 * GB300 GPU-hours (100 records of 8000) and 1200000 kWh (100 hourly records of 12000: under the
 * site's 44000 kW × 1 h).
 */
export const exampleOneMonth = async (api: Api, tenantId: string, contractId: string) => {
  await reserve(api, `r-${contractId}-2026-03`, contractId, 'GB300', 1024, MARCH);
  await api.call(
    api.tokens.admin,
    'mutation($i: CommitPowerInput!) { commitPower(input: $i) { id } }',
    {
      i: { id: `p-${contractId}-2026-03`, contractId, kw: '2000', ...MARCH },
    },
  );
  await api.ingest(
    'usage',
    hourlyUsage(`u-${tenantId}`, tenantId, 'GB300', 100, '8000', '2026-03-01T00:00:00Z'),
  );
  await api.ingest(
    'energy',
    hourly(`e-${tenantId}`, { tenantId }, 100, '12000', '2026-03-02T00:00:00Z', 'kwh'),
  );
};

/** The site-wide incident of Example 1: 2026-03-10 08:00 to 10:30 UTC. */
export const marchIncident = async ({ call, tokens }: Api) => {
  await call(tokens.admin, 'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id } }', {
    i: {
      id: 'inc-2026-03-10',
      siteId: 'bru-1',
      scope: 'SITE',
      startedAt: '2026-03-10T08:00:00Z',
      description: 'Site-wide power distribution failure',
    },
  });
  await call(
    tokens.admin,
    'mutation { resolveIncident(id: "inc-2026-03-10", resolvedAt: "2026-03-10T10:30:00Z") { id } }',
  );
};

/**
 * The month of the worked examples: bru-1, fluidstack; mistral (c-mistral, billed to the tenant)
 * and mistral-eu (c-mistral-partner, billed to fluidstack), each with Example 1's March; the
 * site-wide incident.
 */
export const workedMarch = async (api: Api): Promise<void> => {
  await workedSite(api);
  await workedContract(api, { tenantId: 'mistral', contractId: 'c-mistral' });
  await workedContract(api, {
    tenantId: 'mistral-eu',
    contractId: 'c-mistral-partner',
    billTo: 'PARTNER',
  });
  await exampleOneMonth(api, 'mistral', 'c-mistral');
  await exampleOneMonth(api, 'mistral-eu', 'c-mistral-partner');
  await marchIncident(api);
};

/** What an invoice shows, line by line. */
export const INVOICE_FIELDS = `id number status period periodStart periodEnd issuedAt dueAt currency
  contract { id } billTo { name countryCode vatId address }
  lines { index kind description gpuModel quantity unit unitPrice amount correctsPeriod sources { eventIds recordCount recordDigest } }
  subtotal taxRatePercent taxAmount total taxNote creditNotes { id number total }`;

export type InvoiceLineResult = {
  index: number;
  kind: string;
  description: string;
  gpuModel: string | null;
  quantity: string;
  unitPrice: string | null;
  amount: string;
  correctsPeriod: string | null;
  sources: { eventIds: string[]; recordCount: number; recordDigest: string | null };
};
export type InvoiceResult = {
  id: string;
  number: string | null;
  status: string;
  issuedAt: string | null;
  dueAt: string | null;
  contract: { id: string };
  billTo: { name: string; countryCode: string; vatId: string | null; address: string | null };
  lines: InvoiceLineResult[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  taxNote: string | null;
  creditNotes: { id: string; number: string; total: string }[];
};

/** `KIND gpuModel quantity × unitPrice = amount` for each line. */
export const lineSummary = (lines: InvoiceLineResult[]) =>
  lines.map((l) => [l.kind, l.gpuModel, l.quantity, l.unitPrice, l.amount].join(' '));
