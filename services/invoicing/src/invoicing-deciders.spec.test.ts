import { describe, expect, it } from 'vitest';
import { fold } from '@cadran/domain';
import { specification } from '@cadran/domain/testing';
import { batchDecider, type RunBatch } from './batch-decide.js';
import { creditNoteDecider, type IssueCreditNote } from './credit-note-decide.js';
import type { InvoiceDraftData, InvoiceIssued, InvoicingEvent } from './events.js';
import { issueDecider, type IssueBatch } from './issue-decide.js';
import { emptyCredits, emptyIssued, evolveIssued, type IssuedState } from './issued-invoices.js';
import type { PartyDetails } from '@cadran/domain';
import { DEMO_OPERATOR_ENV, operatorFromEnv } from './operator.js';
import type { PricedInvoice } from './price-invoice.js';

const { operator } = operatorFromEnv(DEMO_OPERATOR_ENV);
const mistralDetails: PartyDetails = {
  kind: 'TENANT',
  partyId: 'mistral',
  siren: '345678901',
  vatId: null,
  postalAddress: {
    line1: '1 rue A',
    line2: null,
    postcode: '75001',
    city: 'Paris',
    countryCode: 'FR',
  },
  electronicAddress: { scheme: '0225', value: '345678901' },
  updatedAt: '2026-03-01T00:00:00Z',
};
const now = '2026-04-02T08:00:00Z';

const priced = (contractId: string, subtotal = '1000.00'): PricedInvoice => ({
  contractId,
  tenantId: 'mistral',
  period: '2026-03',
  periodStart: '2026-02-28T23:00:00Z',
  periodEnd: '2026-03-31T22:00:00Z',
  billingTimeZone: 'Europe/Paris',
  paymentTermsDays: 30,
  currency: 'EUR',
  billTo: {
    kind: 'TENANT',
    partyId: 'mistral',
    name: 'Mistral AI',
    countryCode: 'FR',
    vatId: null,
    address: null,
  },
  lines: [],
  subtotal,
  taxRatePercent: '20',
  taxAmount: (Number(subtotal) * 0.2).toFixed(2),
  total: (Number(subtotal) * 1.2).toFixed(2),
  taxNote: null,
  basis: [],
});
const draft = (contractId: string, invoiceId: string, subtotal?: string): InvoiceDraftData => ({
  batchId: 'batch-2026-03',
  invoiceId,
  ...priced(contractId, subtotal),
  pricedAt: '2026-04-01T08:00:00Z',
});
const opened: InvoicingEvent = {
  type: 'InvoiceBatchOpened',
  data: { batchId: 'batch-2026-03', period: '2026-03', openedAt: '2026-04-01T08:00:00Z' },
};
const drafted = (data: InvoiceDraftData): InvoicingEvent => ({ type: 'InvoiceDrafted', data });
const issuedEvent = (data: InvoiceDraftData, number: string): InvoiceIssued => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId: data.invoiceId,
    number,
    issuedAt: '2026-04-01T09:00:00Z',
    dueAt: '2026-05-01T09:00:00Z',
    operator,
    draft: data,
  },
});
const issuedState = (...events: InvoiceIssued[]): IssuedState =>
  fold({ evolve: evolveIssued, initialState: emptyIssued }, events);

describe('the batch decider (invoice-batch-{period})', () => {
  const run = (billing: RunBatch['billing'], issued = issuedState()): RunBatch => ({
    batchId: 'batch-2026-03',
    period: '2026-03',
    now,
    billing,
    issued,
  });

  it('opens the batch once and drafts every priced contract', () => {
    specification(batchDecider)
      .given([])
      .when(run([{ contractId: 'c-1', invoiceId: 'i-1', priced: priced('c-1') }]))
      .then([
        { ...opened, data: { ...opened.data, openedAt: now } },
        drafted({ ...draft('c-1', 'i-1'), pricedAt: now }),
      ]);
  });

  it('re-pricing to the same figures is no change; other figures draft again', () => {
    const given = specification(batchDecider).given([opened, drafted(draft('c-1', 'i-1'))]);
    given.when(run([{ contractId: 'c-1', invoiceId: 'i-1', priced: priced('c-1') }])).then([]);
    given
      .when(run([{ contractId: 'c-1', invoiceId: 'i-1', priced: priced('c-1', '1200.00') }]))
      .then([drafted({ ...draft('c-1', 'i-1', '1200.00'), pricedAt: now })]);
  });

  it('voids the draft of a contract that no longer bills, never an issued one', () => {
    const given = specification(batchDecider).given([
      opened,
      drafted(draft('c-1', 'i-1')),
      drafted(draft('c-2', 'i-2')),
    ]);
    given.when(run([])).thenState((state) => {
      expect([...state.drafts.keys()]).toEqual([]);
      expect(state.invoiceIds.get('c-2')).toBe('i-2');
    });
    given.when(run([], issuedState(issuedEvent(draft('c-1', 'i-1'), 'INV-2026-000001')))).then([
      {
        type: 'InvoiceDraftVoided',
        data: {
          batchId: 'batch-2026-03',
          invoiceId: 'i-2',
          contractId: 'c-2',
          reason: 'contract c-2 no longer bills in 2026-03',
          voidedAt: now,
        },
      },
    ]);
  });

  it('leaves an issued contract alone (priced: null)', () => {
    specification(batchDecider)
      .given([opened, drafted(draft('c-1', 'i-1'))])
      .when(run([{ contractId: 'c-1', invoiceId: 'i-1', priced: null }]))
      .then([]);
  });
});

describe('the issue decider (invoice-numbers)', () => {
  const issue = (...drafts: InvoiceDraftData[]): IssueBatch => ({
    batchId: 'batch-2026-03',
    period: '2026-03',
    drafts,
    now,
    operator,
    billToDetails: new Map([['TENANT:mistral', mistralDetails]]),
  });

  it('numbers the drafts in order with one issue instant and their due dates', () => {
    specification(issueDecider)
      .given([])
      .when(issue(draft('c-1', 'i-1'), draft('c-2', 'i-2')))
      .thenState((state) => {
        expect([...state.byNumber.keys()]).toEqual(['INV-2026-000001', 'INV-2026-000002']);
        expect(state.last?.invoiceId).toBe('i-2');
        expect(state.last?.issuedAt).toBe(now);
        expect(state.last?.dueAt).toBe('2026-05-02T08:00:00Z');
      });
  });

  it('follows the last number, never issuing before the last issue instant', () => {
    const earlier = issuedEvent(draft('c-9', 'i-9'), 'INV-2026-000007');
    const later = { ...earlier, data: { ...earlier.data, issuedAt: '2026-04-03T00:00:00Z' } };
    specification(issueDecider)
      .given([later])
      .when(issue(draft('c-1', 'i-1')))
      .thenState((state) => {
        expect(state.last?.number).toBe('INV-2026-000008');
        expect(state.last?.issuedAt).toBe('2026-04-03T00:00:00Z');
      });
  });

  it('issues nothing again', () => {
    const one = draft('c-1', 'i-1');
    specification(issueDecider)
      .given([issuedEvent(one, 'INV-2026-000001')])
      .when(issue(one))
      .then([]);
  });

  it('freezes the billed party details in force into the issued invoice', () => {
    specification(issueDecider)
      .given([])
      .when(issue(draft('c-1', 'i-1')))
      .thenState((state) => expect(state.last?.billToDetails).toEqual(mistralDetails));
  });

  it('refuses to bill a French party without SIREN, or a party without details, naming them', () => {
    const given = specification(issueDecider).given;
    given([])
      .when({ ...issue(draft('c-1', 'i-1')), billToDetails: new Map() })
      .thenThrows(
        'BAD_USER_INPUT',
        /tenant mistral \(Mistral AI\): no postal address on file.*updatePartyDetails/,
      );
    given([])
      .when({
        ...issue(draft('c-1', 'i-1')),
        billToDetails: new Map([['TENANT:mistral', { ...mistralDetails, siren: null }]]),
      })
      .thenThrows('BAD_USER_INPUT', /no SIREN \(required to bill a French party\)/);
  });

  it('refuses a draft priced before another invoice of its contract was issued', () => {
    specification(issueDecider)
      .given([issuedEvent(draft('c-1', 'i-0'), 'INV-2026-000001')])
      .when(issue(draft('c-1', 'i-1')))
      .thenThrows('CONFLICT', /i-1 \(contract c-1\).*run the batch for 2026-03 again/);
  });
});

describe('the credit note decider (credit-note-numbers)', () => {
  const invoice = issuedEvent(draft('c-1', 'i-1'), 'INV-2026-000001').data;
  const credit = (
    request: Partial<IssueCreditNote['request']> = {},
    on: Pick<IssueCreditNote, 'invoice'> = { invoice },
  ): IssueCreditNote => ({
    request: { id: 'cn-1', invoiceId: 'i-1', reason: 'outage', amount: '100.00', ...request },
    ...on,
    newId: 'generated',
    now,
    operator,
  });
  const given = specification(creditNoteDecider).given;

  it('credits part of an issued invoice with its VAT, numbered CN-', () => {
    given([])
      .when(credit())
      .thenState((state) => {
        const note = state.byId.get('cn-1');
        expect(note).toMatchObject({
          number: 'CN-2026-000001',
          subtotal: '100.00',
          taxAmount: '20.00',
          total: '120.00',
          invoiceNumber: 'INV-2026-000001',
        });
      });
  });

  it('the same request again decides nothing; other details under the same id are refused', () => {
    const first = creditNoteDecider.decide(credit(), creditNoteDecider.initialState());
    given(first).when(credit()).then([]);
    given(first)
      .when(credit({ reason: 'other' }))
      .thenThrows('CONFLICT', /cn-1 already exists/);
  });

  it('never credits more than remains, and only an issued invoice', () => {
    const first = creditNoteDecider.decide(credit({ amount: '900.00' }), emptyCredits());
    given(first)
      .when(credit({ id: 'cn-2', amount: '100.01' }))
      .thenThrows('BAD_USER_INPUT', /at most 100\.00 net \(invoice INV-2026-000001\)/);
    given([])
      .when(credit({}, { invoice: undefined }))
      .thenThrows('NOT_FOUND', /no issued invoice i-1/);
  });

  it('names the note with the generated id when the request names none', () => {
    given([])
      .when(credit({ id: undefined }))
      .thenState((state) => expect([...state.byId.keys()]).toEqual(['generated']));
  });
});
