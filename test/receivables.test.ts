import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Gql, type Started } from './support/platform.js';

/**
 * Receivables through the GraphQL API of the started platform, on the demo setting (mistral's
 * contract c-mistral at bru-1, billed to the tenant) with H200 reserved from April to July so that
 * each month bills. The platform's clock is set by the test: invoices are issued at chosen
 * instants, so due dates fall where the rules are tested (a DST change, a year end).
 *
 * INV-2026-000001 March (due 2026-05-01), -000002 April (due 2026-06-03), -000003 May (due
 * 2026-07-02), -000004 June (issued 2026-09-25, due 2026-10-25: the night clocks go back),
 * -000005 July (issued 2026-11-16, due 2026-12-16: ageing runs into 2027).
 */
const camt = readFileSync(
  new URL('../packages/receivables/fixtures/camt053-2026-05-02.xml', import.meta.url),
  'utf8',
);

let platform: Started;
let now = '2026-04-01T08:00:00Z';
const tokens = { admin: '', finance: '', tenant: '', other: '', manager: '' };

const ok = (result: Gql) => {
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return result.body.data!;
};
const finance = async (query: string, variables?: Record<string, unknown>) =>
  ok(await platform.gql(tokens.finance, query, variables));

type Settlement = {
  status: string;
  dueDate: string;
  total: string;
  paid: string;
  remaining: string;
  lateCharges: {
    ratePercent: string;
    interest: string;
    indemnity: string;
    total: string;
    lines: { basis: string; daysLate: number; amount: string; interest: string }[];
  };
};
const SETTLEMENT = `status dueDate total paid remaining lateCharges { ratePercent interest indemnity total lines { basis daysLate amount interest } }`;
const settlement = async (number: string, asOf: string): Promise<Settlement> => {
  const data = await finance(
    `query($n: ID!, $d: String) { invoice(id: $n) { settlement(asOf: $d) { ${SETTLEMENT} } } }`,
    { n: number, d: asOf },
  );
  return (data.invoice as { settlement: Settlement }).settlement;
};
const PAYMENT =
  'id state amount allocated unallocated party { kind id } allocations { id invoiceNumber amount reversed }';

const issueMonth = async (period: string, at: string) => {
  now = at;
  await finance(`mutation { runInvoiceBatch(period: "${period}") { id } }`);
  await finance(`mutation { issueInvoices(batchId: "batch-${period}") { id } }`);
};

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true, clock: () => now });
  tokens.admin = await platform.token('ADMIN');
  tokens.finance = await platform.token('FINANCE');
  tokens.manager = await platform.token('ACCOUNT_MANAGER');
  tokens.tenant = await platform.token('TENANT', { tenantId: 'mistral' });
  ok(
    await platform.gql(
      tokens.admin,
      'mutation { onboardTenant(input: { id: "other", name: "Other Lab", countryCode: "DE" }) { id } }',
    ),
  );
  // After the onboarding: a token issued before it would be refused.
  tokens.other = await platform.token('TENANT', { tenantId: 'other' });
  ok(
    await platform.gql(
      tokens.admin,
      'mutation($i: ReserveCapacityInput!) { reserveCapacity(input: $i) { id } }',
      {
        i: {
          id: 'r-mistral-h200-spring',
          contractId: 'c-mistral',
          gpuModel: 'H200',
          gpuCount: 8,
          startsAt: '2026-03-31T22:00:00Z',
          endsAt: '2026-07-31T22:00:00Z',
        },
      },
    ),
  );
  await issueMonth('2026-03', '2026-04-01T08:00:00Z');
  await issueMonth('2026-04', '2026-05-04T08:00:00Z');
  await issueMonth('2026-05', '2026-06-02T08:00:00Z');
  await issueMonth('2026-06', '2026-09-25T10:00:00Z');
  await issueMonth('2026-07', '2026-11-16T10:00:00Z');
  now = '2026-05-02T18:00:00Z';
});
afterAll(() => platform?.close());

describe('receivables through the API', () => {
  it('issues the five invoices with the due dates the tests rely on', async () => {
    const dues = [];
    for (const n of [1, 2, 3, 4, 5])
      dues.push((await settlement(`INV-2026-00000${n}`, '2026-04-01')).dueDate);
    expect(dues).toEqual(['2026-05-01', '2026-06-03', '2026-07-02', '2026-10-25', '2026-12-16']);
  });

  it('a partial payment leaves the exact remainder', async () => {
    const data = await finance(
      `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { ${PAYMENT} } }`,
      {
        i: {
          id: 'pay-partial',
          amount: '1234.56',
          valueDate: '2026-04-20',
          payerName: 'MISTRAL AI',
          remittance: 'Facture INV-2026-000001',
        },
      },
    );
    expect(data.recordPayment).toMatchObject({
      id: 'pay-partial',
      state: 'ALLOCATED',
      party: { kind: 'TENANT', id: 'mistral' },
      allocations: [{ invoiceNumber: 'INV-2026-000001', amount: '1234.56', reversed: false }],
    });
    const march = await settlement('INV-2026-000001', '2026-04-30');
    expect(march.status).toBe('PARTIALLY_PAID');
    expect(march.paid).toBe('1234.56');
    expect(march.remaining).toBe(new Decimal(march.total).minus('1234.56').toFixed(2));
    // The same payment again (same id, same details) writes nothing.
    const again = await platform.gql(
      tokens.finance,
      'mutation { recordPayment(input: { id: "pay-partial", amount: "1234.56", valueDate: "2026-04-20", payerName: "MISTRAL AI", remittance: "Facture INV-2026-000001" }) { allocated } }',
    );
    expect(outcome(again)).toBe('OK');
    expect(again.body.extensions?.position).toBeUndefined();
  });

  it('imports a camt.053 statement; the same statement again writes nothing', async () => {
    const input = { format: 'CAMT053', content: camt };
    const query = `mutation($i: ImportBankStatementInput!) { importBankStatement(input: $i) { statementId entries newPayments { id state } alreadyKnown skipped { reference reason } } }`;
    const first = await platform.gql(tokens.finance, query, { i: input });
    expect(ok(first).importBankStatement).toMatchObject({
      statementId: 'CAMT053-20260502-0001',
      entries: 6,
      newPayments: [
        { id: 'bank-2612200145873001', state: 'ALLOCATED' },
        { id: 'bank-2612200145873002', state: 'ALLOCATED' },
        { id: 'bank-2612200145873003', state: 'UNMATCHED' },
        { id: 'bank-2612200145873006-A', state: 'ALLOCATED' },
        { id: 'bank-2612200145873006-B', state: 'UNMATCHED' },
      ],
      skipped: [
        { reference: '2612200145873004', reason: 'DBIT: not money received' },
        { reference: '2612200145873005', reason: 'status PDNG: not booked' },
      ],
    });
    expect(first.body.extensions?.position).toBeDefined();
    const paidBefore = (await settlement('INV-2026-000001', '2026-05-02')).paid;
    expect(paidBefore).toBe('2734.56');

    const second = await platform.gql(tokens.finance, query, { i: input });
    expect(ok(second).importBankStatement).toMatchObject({ newPayments: [] });
    expect(second.body.extensions?.position).toBeUndefined();
    expect((await settlement('INV-2026-000001', '2026-05-02')).paid).toBe(paidBefore);
    // FINANCE only.
    expect(outcome(await platform.gql(tokens.admin, query, { i: input }))).toBe('FORBIDDEN');
  });

  it('an unmatched entry waits in the queue, then finance allocates it', async () => {
    const queue = await finance(`{ payments(unmatched: true) { id amount payerName remittance } }`);
    expect(queue.payments).toEqual([
      {
        id: 'bank-2612200145873003',
        amount: '250.00',
        payerName: 'M. AI PARIS',
        remittance: 'VIREMENT CONTRAT BRU-1 AVRIL',
      },
      {
        id: 'bank-2612200145873006-B',
        amount: '55.20',
        payerName: 'FLUIDSTACK LTD',
        remittance: 'FRAIS DIVERS',
      },
    ]);
    const before = await settlement('INV-2026-000002', '2026-05-02');
    const data = await finance(
      `mutation { allocatePayment(input: { paymentId: "bank-2612200145873003", invoices: [{ invoice: "INV-2026-000002" }] }) { ${PAYMENT} } }`,
    );
    expect(data.allocatePayment).toMatchObject({
      state: 'ALLOCATED',
      party: { kind: 'TENANT', id: 'mistral' },
      allocations: [{ invoiceNumber: 'INV-2026-000002', amount: '250.00' }],
    });
    const after = await settlement('INV-2026-000002', '2026-05-02');
    expect(after.remaining).toBe(new Decimal(before.remaining).minus('250.00').toFixed(2));
    const left = await finance(`{ payments(unmatched: true) { id } }`);
    expect(left.payments).toEqual([{ id: 'bank-2612200145873006-B' }]);
  });

  it('a payment naming two invoices settles both; returned by the bank, it reopens them', async () => {
    const one = await settlement('INV-2026-000001', '2026-05-10');
    const two = await settlement('INV-2026-000002', '2026-05-10');
    const amount = new Decimal(one.remaining).plus(two.remaining).toFixed(2);
    await finance(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
      i: {
        id: 'pay-both',
        amount,
        valueDate: '2026-05-10',
        payerName: 'MISTRAL AI',
        bankReference: 'BQ-20260510-77',
        remittance: 'FACT INV-2026-000001 ET INV2026000002',
      },
    });
    expect(await settlement('INV-2026-000001', '2026-05-10')).toMatchObject({
      status: 'PAID',
      remaining: '0.00',
    });
    expect(await settlement('INV-2026-000002', '2026-05-10')).toMatchObject({
      status: 'PAID',
      remaining: '0.00',
    });

    const returned = await finance(
      `mutation { returnPayment(input: { paymentId: "pay-both", reason: "AC04 closed account", returnDate: "2026-05-12" }) { state allocations { reversed } } }`,
    );
    expect(returned.returnPayment).toEqual({
      state: 'RETURNED',
      allocations: [{ reversed: true }, { reversed: true }],
    });
    expect(await settlement('INV-2026-000001', '2026-05-12')).toMatchObject({
      status: 'OVERDUE',
      remaining: one.remaining,
    });
    expect(await settlement('INV-2026-000002', '2026-05-12')).toMatchObject({
      status: 'PARTIALLY_PAID',
      remaining: two.remaining,
    });
    // As of the day the money was there, both were paid: the return counts from its date.
    expect((await settlement('INV-2026-000001', '2026-05-11')).status).toBe('PAID');
  });

  it('an invoice paid 17 days late: interest to the cent and one EUR 40 indemnity', async () => {
    const may = await settlement('INV-2026-000003', '2026-07-01');
    await finance(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
      i: {
        id: 'pay-may-late',
        amount: may.total,
        valueDate: '2026-07-19',
        payerName: 'MISTRAL AI',
        remittance: 'INV-2026-000003',
      },
    });
    const paid = await settlement('INV-2026-000003', '2026-08-31');
    const expected = new Decimal(may.total)
      .times(may.lateCharges.ratePercent)
      .div(100)
      .times(17)
      .div(365)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(paid.status).toBe('PAID');
    expect(paid.lateCharges).toEqual({
      ratePercent: '12.15',
      lines: [{ basis: 'PAYMENT', daysLate: 17, amount: may.total, interest: expected.toFixed(2) }],
      interest: expected.toFixed(2),
      indemnity: '40.00',
      total: expected.plus(40).toFixed(2),
    });

    now = '2026-09-01T08:00:00Z';
    const claim = `mutation { issueLateChargesInvoice(input: { id: "lpc-may", invoice: "INV-2026-000003", asOf: "2026-08-31" }) { number invoiceNumber interest indemnity taxAmount total vatCategory lines { amount } } }`;
    const claimed = await platform.gql(tokens.finance, claim);
    expect(ok(claimed).issueLateChargesInvoice).toEqual({
      number: 'LPC-2026-000001',
      invoiceNumber: 'INV-2026-000003',
      interest: expected.toFixed(2),
      indemnity: '40.00',
      taxAmount: '0.00',
      total: expected.plus(40).toFixed(2),
      vatCategory: 'O',
      lines: [{ amount: expected.toFixed(2) }, { amount: '40.00' }],
    });
    const again = await platform.gql(tokens.finance, claim);
    expect(ok(again).issueLateChargesInvoice).toMatchObject({ number: 'LPC-2026-000001' });
    expect(again.body.extensions?.position).toBeUndefined();
  });

  it('ages across the October DST change and the year end', async () => {
    const june = (await settlement('INV-2026-000004', '2026-11-01')).total;
    const july = (await settlement('INV-2026-000005', '2026-11-16')).total;
    const ageing = async (asOf: string) =>
      (
        (
          await finance(
            `{ receivablesAgeing(asOf: "${asOf}", party: { kind: TENANT, id: "mistral" }) { asOf total { notYetDue days1To30 days31To60 days61To90 over90 } } }`,
          )
        ).receivablesAgeing as { total: Record<string, string> }
      ).total;
    // INV-4 is due 2026-10-25 (Paris): 30 days later is 2026-11-24, whatever the clocks did.
    expect(await ageing('2026-11-24')).toMatchObject({
      days1To30: june,
      notYetDue: july,
      days31To60: '0.00',
    });
    expect(await ageing('2026-11-25')).toMatchObject({ days1To30: '0.00', days31To60: june });
    // INV-5 is due 2026-12-16: 30 days later is 2027-01-15.
    expect(await ageing('2027-01-15')).toMatchObject({
      days1To30: july,
      days61To90: june,
      notYetDue: '0.00',
    });
    expect(await ageing('2027-01-16')).toMatchObject({ days1To30: '0.00', days31To60: july });
    // A tenant ages its own account only.
    const own = await platform.gql(
      tokens.tenant,
      '{ receivablesAgeing(asOf: "2027-01-16") { parties { party { id } } } }',
    );
    expect(ok(own).receivablesAgeing).toEqual({ parties: [{ party: { id: 'mistral' } }] });
  });

  it('a tenant sees its own statement, and NOT_FOUND for another tenant as for a missing one', async () => {
    const query = `query($p: PartyInput!) { partyStatement(party: $p, from: "2026-05-01", to: "2026-05-31") { openingBalance closingBalance entries { date kind reference debit credit balance } } }`;
    const own = ok(
      await platform.gql(tokens.tenant, query, { p: { kind: 'TENANT', id: 'mistral' } }),
    );
    const statement = own.partyStatement as {
      openingBalance: string;
      closingBalance: string;
      entries: {
        kind: string;
        reference: string;
        debit: string;
        credit: string;
        balance: string;
      }[];
    };
    expect(statement.entries.map((e) => e.kind)).toEqual([
      'PAYMENT',
      'PAYMENT',
      'PAYMENT',
      'PAYMENT',
      'INVOICE',
      'PAYMENT',
      'PAYMENT_RETURNED',
    ]);
    const moved = statement.entries.reduce(
      (sum, e) => sum.plus(e.debit).minus(e.credit),
      new Decimal(statement.openingBalance),
    );
    expect(moved.toFixed(2)).toBe(statement.closingBalance);
    expect(statement.entries.at(-1)!.balance).toBe(statement.closingBalance);

    const other = await platform.gql(tokens.tenant, query, { p: { kind: 'TENANT', id: 'other' } });
    const missing = await platform.gql(tokens.tenant, query, {
      p: { kind: 'TENANT', id: 'nobody' },
    });
    expect(outcome(other)).toBe('NOT_FOUND');
    expect(outcome(missing)).toBe('NOT_FOUND');
    expect(other.body.errors![0]!.message.replace('other', 'X')).toBe(
      missing.body.errors![0]!.message.replace('nobody', 'X'),
    );
    const otherOwn = ok(
      await platform.gql(tokens.other, query, { p: { kind: 'TENANT', id: 'other' } }),
    );
    expect(otherOwn.partyStatement).toMatchObject({ entries: [], closingBalance: '0.00' });
    expect(
      ok(await platform.gql(tokens.other, '{ payment(id: "pay-partial") { id } }')).payment,
    ).toBeNull();
  });

  it('reminders: each step once per invoice', async () => {
    now = '2026-07-03T07:00:00Z';
    const first = await finance(
      'mutation { issuePaymentReminders { invoiceNumber step stepDate } }',
    );
    expect(first.issuePaymentReminders).toEqual(
      expect.arrayContaining([
        { invoiceNumber: 'INV-2026-000001', step: 'OVERDUE_30', stepDate: '2026-05-31' },
      ]),
    );
    const again = await finance('mutation { issuePaymentReminders { invoiceNumber step } }');
    expect(again.issuePaymentReminders).toEqual([]);
  });
});
