import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureIsValid, startWebhookReceiver, type Received } from '@cadran/webhooks/testing';
import { outcome, startTestPlatform, type Started } from './support/platform.js';

/**
 * Webhooks and alerts through the API: the demo setting plus a second tenant `kyutai` at bru-1,
 * each with its own receiver on 127.0.0.1; the platform retries fast and measures alerts every second.
 */
let platform: Started;
let admin: string;
let finance: string;
let mistral: string;
let kyutai: string;
let receivers: { mistral: Receiver; kyutai: Receiver };
const secrets: Record<string, string> = {};
type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
type Body = { id: string; type: string; position: string; data: Record<string, unknown> };

const HOUR = 3_600_000;
const bodies = (received: Received[]) => received.map((r) => JSON.parse(r.body) as Body);
const onceEach = (received: Received[]) => {
  const seen = new Set<string>();
  return bodies(received).filter((b) => !seen.has(b.id) && seen.add(b.id));
};

async function eventually(check: () => boolean, what: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function ok(token: string, query: string, variables?: Record<string, unknown>) {
  const result = await platform.gql(token, query, variables);
  expect(result.body.errors, query).toBeUndefined();
  expect(outcome(result)).toBe('OK');
  return result.body.data!;
}

async function register(token: string, receiver: Receiver, id: string) {
  const data = await ok(
    token,
    `mutation($url: String!) { registerWebhookEndpoint(input: { id: "${id}", url: $url }) { id secret ownerId } }`,
    { url: receiver.url() },
  );
  const endpoint = data.registerWebhookEndpoint as { secret: string };
  secrets[id] = endpoint.secret;
  return endpoint;
}

const openIncident = (id: string) =>
  ok(
    admin,
    `mutation { openIncident(input: { id: "${id}", siteId: "bru-1", scope: SITE, startedAt: "2026-03-05T08:00:00Z", description: "cooling ${id}" }) { id } }`,
  );

beforeAll(async () => {
  platform = await startTestPlatform({
    demo: true,
    env: {
      CADRAN_WEBHOOKS_ALLOW_PRIVATE: '1',
      CADRAN_WEBHOOK_RETRY_BASE_MS: '20',
      CADRAN_WEBHOOK_TICK_MS: '10',
      CADRAN_ALERTS_EVERY_S: '1',
      CADRAN_WEBHOOK_NOTICE_EVERY_S: '1',
    },
  });
  admin = await platform.token('ADMIN');
  finance = await platform.token('FINANCE');
  mistral = await platform.token('TENANT', { tenantId: 'mistral' });
  await ok(
    admin,
    'mutation { onboardTenant(input: { id: "kyutai", name: "Kyutai", countryCode: "FR" }) { id } }',
  );
  // After the onboarding: a token issued before it would be refused.
  kyutai = await platform.token('TENANT', { tenantId: 'kyutai' });
  // What its invoices must carry: a French party is billed with its SIREN and address.
  await ok(
    admin,
    `mutation { updatePartyDetails(input: { kind: TENANT, partyId: "kyutai", siren: "852214498",
       postalAddress: { line1: "4 rue Jules Vallès", postcode: "75011", city: "Paris", countryCode: "FR" } }) { partyId } }`,
  );
  await ok(
    admin,
    `mutation { draftContract(input: { id: "c-kyutai", tenantId: "kyutai", siteId: "bru-1", startsAt: "2026-01-01T00:00:00Z",
       rateCard: { gpuRates: [{ gpuModel: "H200", reservedPricePerGpuHour: "2.20", onDemandPricePerGpuHour: "3.00" }], powerPricePerKwMonth: "145" } }) { id } }`,
  );
  await ok(admin, 'mutation { signContract(id: "c-kyutai") { id } }');
  receivers = { mistral: await startWebhookReceiver(), kyutai: await startWebhookReceiver() };
  await register(mistral, receivers.mistral, 'wh-mistral');
  await register(kyutai, receivers.kyutai, 'wh-kyutai');
}, 60_000);

afterAll(async () => {
  await receivers?.mistral.stop();
  await receivers?.kyutai.stop();
  await platform?.close();
});

describe('webhooks through the API', { timeout: 60_000 }, () => {
  it('a receiver killed during a batch and restarted gets every notification once per id, in log order, signed', async () => {
    const r = receivers.mistral;
    const before = onceEach(r.received).length;
    const ids = Array.from({ length: 12 }, (_, i) => `inc-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      await openIncident(id);
      if (i === 4) {
        await eventually(() => onceEach(r.received).length >= before + 2, 'the first deliveries');
        await r.stop();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await r.start();
    await eventually(() => onceEach(r.received).length >= before + 12, 'all twelve');

    const incidents = onceEach(r.received).filter((b) => b.type === 'incident.opened');
    expect(incidents.map((b) => b.id)).toEqual(ids.map((id) => `incident.opened:${id}`));
    const positions = onceEach(r.received).map((b) => BigInt(b.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const message of r.received)
      expect(signatureIsValid(secrets['wh-mistral']!, message)).toBe(true);
    // Signed with the endpoint's own secret: kyutai's does not verify mistral's messages.
    expect(signatureIsValid(secrets['wh-kyutai']!, r.received[0]!)).toBe(false);
  });

  it("no tenant receives another tenant's notifications", async () => {
    await ok(finance, 'mutation { runInvoiceBatch(period: "2026-03") { id } }');
    await ok(finance, 'mutation { issueInvoices(batchId: "batch-2026-03") { id } }');
    await ok(
      admin,
      'mutation { openIncident(input: { id: "gpus-mistral", siteId: "bru-1", scope: GPUS, startedAt: "2026-03-06T08:00:00Z", description: "one rack", impacts: [{ contractId: "c-mistral", gpuModel: "H200", gpuCount: 8 }] }) { id } }',
    );
    await eventually(
      () =>
        onceEach(receivers.mistral.received).some((b) => b.id === 'incident.opened:gpus-mistral'),
      "mistral's GPU incident",
    );
    await eventually(
      () => onceEach(receivers.kyutai.received).some((b) => b.type === 'invoice.issued'),
      "kyutai's invoice",
    );
    const mistralInvoices = onceEach(receivers.mistral.received).filter(
      (b) => b.type === 'invoice.issued',
    );
    // The documents made at issue are linked, and the tenant can fetch them.
    const documents = mistralInvoices[0]!.data.documents as { facturx: string; cii: string };
    expect(documents.facturx).toBe(`/v1/invoices/${String(mistralInvoices[0]!.data.number)}.pdf`);
    const pdf = await fetch(`${platform.url}${documents.facturx}`, {
      headers: { authorization: `Bearer ${mistral}` },
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(mistralInvoices.map((b) => b.data.tenantId)).toEqual(['mistral']);
    const kyutaiSaw = onceEach(receivers.kyutai.received);
    expect(
      kyutaiSaw.filter((b) => b.type === 'invoice.issued').map((b) => b.data.tenantId),
    ).toEqual(['kyutai']);
    expect(kyutaiSaw.map((b) => b.id)).not.toContain('incident.opened:gpus-mistral');
    expect(
      kyutaiSaw.every((b) => b.data.tenantId === undefined || b.data.tenantId === 'kyutai'),
    ).toBe(true);
    // Both heard of the site-wide incidents.
    expect(kyutaiSaw.map((b) => b.id)).toContain('incident.opened:inc-00');
  });

  it('replays from a position, and shows the delivery log to its owner only', async () => {
    const r = receivers.kyutai;
    const first = onceEach(r.received)[0]!;
    const count = r.received.length;
    await ok(
      kyutai,
      `mutation { replayWebhookEndpoint(id: "wh-kyutai", fromPosition: "${first.position}") { id } }`,
    );
    await eventually(() => r.received.length >= count * 2, 'the replay');
    expect(bodies(r.received.slice(count)).map((b) => b.id)).toEqual(
      bodies(r.received.slice(0, count)).map((b) => b.id),
    );

    const deliveryLog = async () => {
      const log = await ok(
        kyutai,
        '{ webhookEndpoint(id: "wh-kyutai") { deliveries(first: 100) { items { notificationId status attempts } } } }',
      );
      return (log.webhookEndpoint as { deliveries: { items: { status: string }[] } }).deliveries
        .items;
    };
    // The receiver keeps a message before it answers: the log shows the answer a moment later.
    let items = await deliveryLog();
    for (let tries = 0; tries < 100 && items.some((d) => d.status !== 'DELIVERED'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      items = await deliveryLog();
    }
    expect(items.length).toBe(onceEach(r.received).length);
    expect(items.every((d) => d.status === 'DELIVERED')).toBe(true);
    const foreign = await platform.gql(mistral, '{ webhookEndpoint(id: "wh-kyutai") { id } }');
    expect(foreign.body.data?.webhookEndpoint).toBeNull();
    const replayForeign = await platform.gql(
      mistral,
      'mutation { replayWebhookEndpoint(id: "wh-kyutai", fromPosition: "0") { id } }',
    );
    expect(outcome(replayForeign)).toBe('NOT_FOUND');
  });
});

describe('receivables notifications', { timeout: 60_000 }, () => {
  it('tells a party of its own payment and of its overdue invoice, and nobody else', async () => {
    await ok(
      finance,
      'mutation { recordPayment(input: { id: "pay-kyutai-1", amount: "1.00", valueDate: "2026-04-20", payerName: "Kyutai", party: { kind: TENANT, id: "kyutai" } }) { id } }',
    );
    await eventually(
      () => onceEach(receivers.kyutai.received).some((b) => b.type === 'payment.recorded'),
      "kyutai's payment",
    );
    const payment = onceEach(receivers.kyutai.received).find((b) => b.type === 'payment.recorded')!;
    expect(payment).toMatchObject({
      id: 'payment.recorded:pay-kyutai-1',
      data: { amount: '1.00' },
    });

    await ok(finance, 'mutation { issuePaymentReminders(asOf: "2027-06-30T12:00:00Z") { step } }');
    await eventually(
      () => onceEach(receivers.mistral.received).some((b) => b.type === 'invoice.overdue'),
      "mistral's overdue invoice",
    );
    const overdue = onceEach(receivers.mistral.received).filter(
      (b) => b.type === 'invoice.overdue',
    );
    expect(new Set(overdue.map((b) => b.data.invoiceNumber)).size).toBe(1);
    expect(overdue.every((b) => (b.data.party as { partyId: string }).partyId === 'mistral')).toBe(
      true,
    );
    expect(onceEach(receivers.mistral.received).map((b) => b.type)).not.toContain(
      'payment.recorded',
    );
  });
});

describe('month-to-date charges', () => {
  it("a tenant's month-to-date figures equal finance's preview to the cent", async () => {
    const mtd = await ok(
      mistral,
      '{ monthToDateCharges(contractId: "c-mistral", at: "2026-03-20T12:00:00Z") { period asOf invoice { subtotal taxAmount total lines { kind gpuModel quantity amount } } sla { gpuModel availabilityPercent creditAmount } } }',
    );
    const preview = await ok(
      finance,
      '{ invoicePreview(contractId: "c-mistral", period: "2026-03") { subtotal taxAmount total lines { kind gpuModel quantity amount } } }',
    );
    const [charges] = mtd.monthToDateCharges as {
      period: string;
      invoice: unknown;
      sla: { creditAmount: string }[];
    }[];
    expect(charges!.period).toBe('2026-03');
    expect(charges!.invoice).toEqual(preview.invoicePreview);
    const slaLines = (preview.invoicePreview as { lines: { kind: string; amount: string }[] }).lines
      .filter((line) => line.kind === 'SLA_CREDIT')
      .reduce((sum, line) => sum + Number(line.amount) * 100, 0);
    expect(charges!.sla.reduce((sum, s) => sum + Number(s.creditAmount) * 100, 0)).toBe(slaLines);
    const foreign = await platform.gql(
      kyutai,
      '{ monthToDateCharges(contractId: "c-mistral") { period } }',
    );
    expect(outcome(foreign)).toBe('NOT_FOUND');
  });
});

describe('alerts through the API', { timeout: 60_000 }, () => {
  it('a utilisation alert fires once and resolves once, and the tenant hears of both', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
    await ok(
      admin,
      `mutation { reserveCapacity(input: { id: "res-now", contractId: "c-kyutai", gpuModel: "H200", gpuCount: 10, startsAt: "${iso(now - 48 * HOUR)}", endsAt: "${iso(now + 20 * 24 * HOUR)}" }) { id } }`,
    );
    await ok(
      kyutai,
      'mutation { defineAlertRule(input: { id: "low-use", kind: UTILISATION_BELOW, contractId: "c-kyutai", threshold: "50", windowHours: 24 }) { id } }',
    );
    const kinds = () => onceEach(receivers.kyutai.received).map((b) => b.type);
    await eventually(() => kinds().includes('alert.fired'), 'the alert to fire');

    const metering = await platform.token('METERING');
    await ok(
      metering,
      `mutation { recordGpuUsage(records: [{ id: "u-now", tenantId: "kyutai", siteId: "bru-1", gpuModel: "H200", startedAt: "${iso(now - 23 * HOUR)}", endedAt: "${iso(now - HOUR)}", gpuHours: "200" }]) { accepted } }`,
    );
    await eventually(() => kinds().includes('alert.resolved'), 'the alert to resolve');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(kinds().filter((k) => k.startsWith('alert.'))).toEqual([
      'alert.fired',
      'alert.resolved',
    ]);
    const rules = await ok(
      kyutai,
      '{ alertRules(contractId: "c-kyutai") { id status firing { period } } }',
    );
    expect(rules.alertRules).toEqual([{ id: 'low-use', status: 'ACTIVE', firing: [] }]);
    expect(onceEach(receivers.mistral.received).map((b) => b.type)).not.toContain('alert.fired');
    // The reservation ends within 30 days: the tenant is told once.
    expect(kinds().filter((k) => k === 'reservation.ending')).toHaveLength(1);
    expect(
      onceEach(receivers.kyutai.received).find((b) => b.type === 'reservation.ending')!.data,
    ).toMatchObject({
      reservationId: 'res-now',
      notice: '30d',
    });
  });
  it('power above the commitment and unbilled usage at a site fire once each, to their own audiences', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
    const operator = await startWebhookReceiver();
    try {
      await register(admin, operator, 'wh-operator');
      await ok(
        admin,
        `mutation { commitPower(input: { id: "pc-now", contractId: "c-kyutai", kw: "100", startsAt: "${iso(now - 48 * HOUR)}", endsAt: "${iso(now + 60 * 24 * HOUR)}" }) { id } }`,
      );
      await ok(
        kyutai,
        'mutation { defineAlertRule(input: { id: "over-power", kind: POWER_ABOVE_COMMITMENT, contractId: "c-kyutai", threshold: "100" }) { id } }',
      );
      await ok(
        admin,
        'mutation { onboardTenant(input: { id: "lonely", name: "No Contract Lab", countryCode: "FR" }) { id } }',
      );
      await ok(
        admin,
        'mutation { defineAlertRule(input: { id: "unbilled-bru", kind: UNBILLED_USAGE, siteId: "bru-1", threshold: "0" }) { id } }',
      );
      const metering = await platform.token('METERING');
      // 150 kWh in the first 4 minutes of the current UTC hour: inside the billing period that
      // holds now even in its first hour (an earlier hour may belong to last month), and ending
      // within the 5 minutes of clock skew a record may have.
      const hourStart = Math.floor(now / HOUR) * HOUR;
      await ok(
        metering,
        `mutation { recordEnergy(records: [{ id: "e-peak", tenantId: "kyutai", siteId: "bru-1", startedAt: "${iso(hourStart)}", endedAt: "${iso(hourStart + 4 * 60_000)}", kwh: "150" }]) { accepted } }`,
      );
      await ok(
        metering,
        `mutation { recordGpuUsage(records: [{ id: "u-lonely", tenantId: "lonely", siteId: "bru-1", gpuModel: "H200", startedAt: "${iso(now - 3 * HOUR)}", endedAt: "${iso(now - 2 * HOUR)}", gpuHours: "4" }]) { accepted } }`,
      );
      const fired = (r: Receiver) =>
        onceEach(r.received)
          .filter((b) => b.type === 'alert.fired')
          .map((b) => b.data.ruleId);
      await eventually(
        () => fired(operator).includes('over-power') && fired(operator).includes('unbilled-bru'),
        'both alerts at the operator',
      );
      await eventually(
        () => fired(receivers.kyutai).includes('over-power'),
        "kyutai's power alert",
      );
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const power = onceEach(receivers.kyutai.received).find(
        (b) => b.type === 'alert.fired' && b.data.ruleId === 'over-power',
      )!;
      expect(power.data).toMatchObject({ value: '150', threshold: '100' });
      expect(fired(operator).filter((id) => id === 'unbilled-bru')).toHaveLength(1);
      // A site's unbilled usage is the operator's concern, not a tenant's.
      expect(fired(receivers.kyutai)).not.toContain('unbilled-bru');
      expect(fired(receivers.mistral)).not.toContain('unbilled-bru');
    } finally {
      await operator.stop();
    }
  });
});
