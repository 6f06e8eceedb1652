import { badInput, isId, ID_ACCEPTED } from '@cadran/domain';
import {
  AMOUNT_ACCEPTED,
  AMOUNT_PATTERN,
  bankPaymentId,
  DATE_ACCEPTED,
  isDate,
  type PartyRef,
  type PaymentData,
} from '@cadran/receivables';

type Input = Record<string, unknown>;

export const object = (input: unknown, shape: string): Input => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw badInput('input', shape, input);
  return input as Input;
};

const absent = (value: unknown) => value === undefined || value === null;

export const text = (input: Input, field: string, max: number, required = true): string | null => {
  const value = input[field];
  if (absent(value) && !required) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw badInput(field, `a non-blank text of at most ${max} characters`, value);
  return value.trim();
};

export const amount = (input: Input, field = 'amount'): string => {
  const value = input[field];
  if (typeof value !== 'string' || !AMOUNT_PATTERN.test(value) || /^0+(\.0+)?$/.test(value))
    throw badInput(field, AMOUNT_ACCEPTED, value);
  const [units, cents = ''] = value.split('.');
  return `${BigInt(units!).toString()}.${cents.padEnd(2, '0')}`;
};

export const date = (input: Input, field: string, fallback?: string): string => {
  const value = input[field];
  if (absent(value) && fallback !== undefined) return fallback;
  if (!isDate(value)) throw badInput(field, DATE_ACCEPTED, value);
  return value;
};

export const id = (input: Input, field: string): string => {
  const value = input[field];
  if (!isId(value)) throw badInput(field, ID_ACCEPTED, value);
  return value;
};

export function party(value: unknown, field = 'party'): PartyRef {
  const p = object(value, '{ kind: TENANT or PARTNER, id }');
  if (p.kind !== 'TENANT' && p.kind !== 'PARTNER')
    throw badInput(`${field}.kind`, 'TENANT or PARTNER', p.kind);
  if (!isId(p.id)) throw badInput(`${field}.id`, ID_ACCEPTED, p.id);
  return { kind: p.kind, partyId: p.id };
}

export const optionalParty = (value: unknown, field = 'party'): PartyRef | null =>
  absent(value) ? null : party(value, field);

/** A payment keyed in by finance: its own id, or the bank's reference as the idempotency key. */
export function parseRecordPayment(input: unknown): PaymentData & { party: PartyRef | null } {
  const i = object(
    input,
    '{ id?, amount, valueDate, payerName, payerAccount?, bankReference?, endToEndId?, remittance?, party? }',
  );
  const bankReference = text(i, 'bankReference', 140, false);
  if (absent(i.id) && bankReference === null)
    throw badInput('id', `${ID_ACCEPTED}, or a bankReference to derive it from`, i.id);
  return {
    paymentId: absent(i.id) ? bankPaymentId(bankReference!) : id(i, 'id'),
    amount: amount(i),
    currency: 'EUR',
    valueDate: date(i, 'valueDate'),
    payerName: text(i, 'payerName', 140)!,
    payerAccount: text(i, 'payerAccount', 64, false),
    bankReference,
    endToEndId: text(i, 'endToEndId', 64, false),
    remittance: absent(i.remittance) ? '' : (text(i, 'remittance', 1000) ?? ''),
    source: 'MANUAL',
    statementId: null,
    party: optionalParty(i.party),
  };
}

export function parseAllocations(value: unknown): { invoice: string; amount: string | null }[] {
  if (absent(value)) return [];
  if (!Array.isArray(value) || value.length > 100)
    throw badInput('invoices', 'a list of at most 100 { invoice, amount? }', value);
  return value.map((entry, index) => {
    const e = object(entry, '{ invoice, amount? }');
    if (typeof e.invoice !== 'string' || e.invoice.trim() === '' || e.invoice.length > 64)
      throw badInput(
        `invoices[${index}].invoice`,
        'an invoice number such as "INV-2026-000001" or an invoice id',
        e.invoice,
      );
    return {
      invoice: e.invoice.trim(),
      amount: absent(e.amount) ? null : amount(e, 'amount'),
    };
  });
}
