import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from './camt053.js';
import { parseCsvStatement } from './csv-statement.js';

const fixture = readFileSync(
  new URL('../../fixtures/camt053-2026-05-02.xml', import.meta.url),
  'utf8',
);

describe('camt.053.001.08', () => {
  const statement = parseCamt053(fixture);

  it('reads the booked EUR credits as payments, with their bank references and remittance', () => {
    expect(statement).toMatchObject({
      statementId: 'CAMT053-20260502-0001',
      account: 'FR7630004000031234567890143',
      entries: 6,
    });
    expect(
      statement.payments.map((p) => [p.paymentId, p.amount, p.payerName, p.remittance]),
    ).toEqual([
      [
        'bank-2612200145873001',
        '1000.00',
        'MISTRAL AI',
        'REGLEMENT FACTURE INV-2026-000001 ACOMPTE',
      ],
      ['bank-2612200145873002', '500.00', 'MISTRAL AI SAS', 'INV2026000001 / RF712026000001'],
      ['bank-2612200145873003', '250.00', 'M. AI PARIS', 'VIREMENT CONTRAT BRU-1 AVRIL'],
      ['bank-2612200145873006-A', '600.00', 'FLUIDSTACK LTD', 'INV 2026 000002'],
      ['bank-2612200145873006-B', '55.20', 'FLUIDSTACK LTD', 'FRAIS DIVERS'],
    ]);
    expect(statement.payments[0]).toMatchObject({
      valueDate: '2026-05-02',
      endToEndId: 'MISTRAL-E2E-20260502-01',
      payerAccount: 'FR7617569000305612345678912',
    });
    expect(statement.payments[1]!.endToEndId).toBeNull();
  });

  it('says which entries it did not take and why', () => {
    expect(statement.skipped).toEqual([
      { reference: '2612200145873004', reason: 'DBIT: not money received' },
      { reference: '2612200145873005', reason: 'status PDNG: not booked' },
    ]);
  });

  it('refuses another message, a DOCTYPE, and an entry without a value date, naming it', () => {
    expect(() =>
      parseCamt053(fixture.replace('xsd:camt.053.001.08', 'xsd:camt.054.001.08')),
    ).toThrow(/camt\.053\.001\.08/);
    expect(() => parseCamt053(`<!DOCTYPE x [<!ENTITY a "b">]>${fixture}`)).toThrow(
      /without a DOCTYPE/,
    );
    expect(() => parseCamt053('<Document')).toThrow(/statement: expected/);
    const noDate = fixture
      .replace(/<ValDt>\s*<Dt>2026-05-02<\/Dt>\s*<\/ValDt>/, '')
      .replace(/<BookgDt>\s*<Dt>2026-05-02<\/Dt>\s*<\/BookgDt>/, '');
    expect(() => parseCamt053(noDate)).toThrow(/Stmt\[0\]\/Ntry\[0\]\/ValDt/);
  });
});

describe('CSV statement', () => {
  it('reads the documented columns, comma or semicolon, decimal point or comma', () => {
    const csv =
      'valueDate;amount;currency;payerName;bankReference;remittance\r\n2026-05-02;1 000,50;EUR;MISTRAL AI;BQ-0001;"FACT INV-2026-000001; acompte"\r\n';
    const statement = parseCsvStatement(csv);
    expect(statement.payments).toMatchObject([
      {
        paymentId: 'bank-BQ-0001',
        amount: '1000.50',
        remittance: 'FACT INV-2026-000001; acompte',
        source: 'CSV',
      },
    ]);
    expect(parseCsvStatement(csv).statementId).toBe(statement.statementId);
  });

  it('refuses a row naming the line and the column', () => {
    expect(() =>
      parseCsvStatement('valueDate,amount,bankReference\n2026-05-02,12.345,X\n'),
    ).toThrow(/line 2: amount: expected a positive amount/);
    expect(() => parseCsvStatement('date,amount\n')).toThrow(
      /header naming at least valueDate, amount, bankReference/,
    );
  });
});
