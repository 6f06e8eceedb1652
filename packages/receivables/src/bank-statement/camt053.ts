import { badInput } from '@cadran/domain';
import { XMLParser } from 'fast-xml-parser';
import { isDate } from '../dates.js';
import type { PaymentData } from '../events.js';
import {
  bankAmount,
  bankPaymentId,
  MAX_STATEMENT_BYTES,
  sha256,
  type ParsedStatement,
} from './parsed-statement.js';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'RfrdDocInf']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Amounts, references and dates stay text: "000123" is a reference, not the number 123.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

const node = (value: unknown): Node | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Node)
    : undefined;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => node(current)?.[key], value);
const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  const inner = node(value)?.['#text'];
  return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : undefined;
};
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

export const CAMT053_ACCEPTED =
  'an ISO 20022 bank-to-customer statement: <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"> (versions 001.02 to 001.13 read the same way) with BkToCstmrStmt/GrpHdr/MsgId and Stmt/Ntry entries';

/** The remittance as one text: the unstructured lines, then the structured references (invoice numbers, creditor references). */
function remittanceOf(tx: unknown): string {
  const parts: string[] = [];
  for (const line of list(at(tx, 'RmtInf', 'Ustrd'))) {
    const value = text(line);
    if (value) parts.push(value);
  }
  for (const structured of list(at(tx, 'RmtInf', 'Strd'))) {
    for (const document of list(at(structured, 'RfrdDocInf'))) {
      const number = text(at(document, 'Nb'));
      if (number) parts.push(number);
    }
    const reference = text(at(structured, 'CdtrRefInf', 'Ref'));
    if (reference) parts.push(reference);
    for (const extra of list(at(structured, 'AddtlRmtInf'))) {
      const value = text(extra);
      if (value) parts.push(value);
    }
  }
  return parts.join(' / ');
}

const payerOf = (tx: unknown): string =>
  text(at(tx, 'RltdPties', 'Dbtr', 'Pty', 'Nm')) ??
  text(at(tx, 'RltdPties', 'Dbtr', 'Nm')) ??
  text(at(tx, 'RltdPties', 'UltmtDbtr', 'Pty', 'Nm')) ??
  text(at(tx, 'RltdPties', 'UltmtDbtr', 'Nm')) ??
  'unknown payer';

/**
 * Reads a camt.053 statement into payments: every booked credit entry in EUR, one payment per
 * transaction of the entry (a batch booking lists several). Debits, pending entries, reversals
 * and other currencies are listed as skipped, with why. Throws BAD_USER_INPUT naming the entry.
 */
export function parseCamt053(xml: string): ParsedStatement {
  if (xml.length > MAX_STATEMENT_BYTES)
    throw badInput(
      'statement',
      `a file of at most ${MAX_STATEMENT_BYTES} bytes`,
      `${xml.length} bytes`,
    );
  if (/<!DOCTYPE/i.test(xml))
    throw badInput('statement', `${CAMT053_ACCEPTED}, without a DOCTYPE`, 'a DOCTYPE declaration');
  let root: unknown;
  try {
    root = parser.parse(xml, true);
  } catch (error) {
    throw badInput('statement', `well-formed XML (${(error as Error).message})`, xml.slice(0, 80));
  }
  const document = at(root, 'Document');
  // The namespace names the message and its version (fast-xml-parser drops xmlns with the prefixes).
  const documentTag = /<(?:[\w-]+:)?Document\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const namespace =
    /\bxmlns(?::[\w-]+)?="(urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2})"/.exec(
      documentTag,
    )?.[1] ?? '';
  const message = at(document, 'BkToCstmrStmt');
  const messageId = text(at(message, 'GrpHdr', 'MsgId'));
  if (!/^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}$/.test(namespace) || !messageId)
    throw badInput('statement', CAMT053_ACCEPTED, xml.slice(0, 80));
  const payments: PaymentData[] = [];
  const skipped: ParsedStatement['skipped'] = [];
  let entries = 0;
  let account: string | null = null;
  for (const [s, statement] of list(at(message, 'Stmt')).entries()) {
    account ??=
      text(at(statement, 'Acct', 'Id', 'IBAN')) ??
      text(at(statement, 'Acct', 'Id', 'Othr', 'Id')) ??
      null;
    for (const [n, entry] of list(at(statement, 'Ntry')).entries()) {
      entries += 1;
      const where = `Stmt[${s}]/Ntry[${n}]`;
      const entryRef = text(at(entry, 'AcctSvcrRef')) ?? text(at(entry, 'NtryRef'));
      const label = entryRef ?? where;
      const status = text(at(entry, 'Sts', 'Cd')) ?? text(at(entry, 'Sts'));
      const direction = text(at(entry, 'CdtDbtInd'));
      const currency = text(at(entry, 'Amt', '@Ccy'));
      if (direction !== 'CRDT') {
        skipped.push({
          reference: label,
          reason: `${direction ?? 'no direction'}: not money received`,
        });
        continue;
      }
      if (status !== 'BOOK') {
        skipped.push({ reference: label, reason: `status ${status ?? 'none'}: not booked` });
        continue;
      }
      if (text(at(entry, 'RvslInd')) === 'true') {
        skipped.push({ reference: label, reason: 'a reversal: record it with returnPayment' });
        continue;
      }
      if (currency !== 'EUR') {
        skipped.push({
          reference: label,
          reason: `currency ${currency ?? 'none'}: only EUR is received`,
        });
        continue;
      }
      const valueDate =
        text(at(entry, 'ValDt', 'Dt')) ??
        text(at(entry, 'ValDt', 'DtTm'))?.slice(0, 10) ??
        text(at(entry, 'BookgDt', 'Dt'));
      if (!isDate(valueDate))
        throw badInput(
          `${where}/ValDt`,
          'a value date (ValDt/Dt or BookgDt/Dt) as YYYY-MM-DD',
          valueDate,
        );
      const transactions = list(at(entry, 'NtryDtls')).flatMap((details) =>
        list(at(details, 'TxDtls')),
      );
      const txs = transactions.length === 0 ? [undefined] : transactions;
      for (const [t, tx] of txs.entries()) {
        const reference =
          text(at(tx, 'Refs', 'AcctSvcrRef')) ??
          (entryRef === undefined ? undefined : txs.length > 1 ? `${entryRef}-${t + 1}` : entryRef);
        if (reference === undefined)
          throw badInput(
            `${where}/AcctSvcrRef`,
            'a bank reference for each entry (AcctSvcrRef or NtryRef)',
            undefined,
          );
        const amountText =
          txs.length > 1
            ? (text(at(tx, 'Amt')) ?? text(at(tx, 'AmtDtls', 'TxAmt', 'Amt')))
            : text(at(entry, 'Amt'));
        const amount = amountText === undefined ? undefined : bankAmount(amountText);
        if (amount === undefined || amount === '0.00')
          throw badInput(`${where}/Amt`, 'a positive amount with at most 2 decimals', amountText);
        const endToEnd = text(at(tx, 'Refs', 'EndToEndId'));
        payments.push({
          paymentId: bankPaymentId(reference),
          amount,
          currency: 'EUR',
          valueDate,
          payerName: payerOf(tx),
          payerAccount: text(at(tx, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN')) ?? null,
          bankReference: reference,
          endToEndId: endToEnd === undefined || endToEnd === 'NOTPROVIDED' ? null : endToEnd,
          remittance: remittanceOf(tx) || (text(at(entry, 'AddtlNtryInf')) ?? ''),
          source: 'CAMT053',
          statementId: messageId,
        });
      }
    }
  }
  return {
    statementId: messageId,
    format: 'CAMT053',
    account,
    digest: sha256(xml),
    entries,
    payments,
    skipped,
  };
}
