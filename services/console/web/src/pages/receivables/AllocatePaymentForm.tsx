import { money } from '../../format';
import { DecimalField, Field, SelectField } from '../../ui/Field';
import { filledIn, useFormValues } from '../../ui/form-values';
import { MutationForm } from '../../ui/MutationForm';
import type { UnmatchedPayment } from './unmatched-payment';

const ALLOCATE = `mutation Allocate($input: AllocatePaymentInput!) { allocatePayment(input: $input) {
  id bankReference currency state unallocated party { kind id } allocations { invoiceNumber amount reversed } } }`;

type Allocated = {
  allocatePayment: {
    id: string;
    bankReference: string | null;
    currency: string;
    unallocated: string;
    party: { kind: string; id: string } | null;
    allocations: { invoiceNumber: string; amount: string; reversed: boolean }[];
  };
};
type Named = { id: string; name: string };

/** The party as the API takes it, from the select's value `TENANT:mistral`. */
const partyInput = (value: string) => {
  const [kind, ...id] = value.split(':');
  return value ? { party: { kind, id: id.join(':') } } : {};
};

const labelOf = (payment: UnmatchedPayment) =>
  `${payment.bankReference ?? payment.id} · ${payment.payerName} · ${money(payment.unallocated, payment.currency)}`;

const partyOptions = (kind: 'TENANT' | 'PARTNER', parties: Named[]) =>
  parties.map((party) => ({
    value: `${kind}:${party.id}`,
    label: `${party.name} (${kind.toLowerCase()})`,
  }));

const INVOICE_HINTS = {
  placeholder: 'INV-2026-000001',
  hint: "its number; empty: the party's open invoices, oldest due first",
};

/** What was done, naming the party as finance knows it: Mistral AI's (tenant mistral). */
const saidOf = ({ allocatePayment: payment }: Allocated, names: Map<string, string>) => {
  const party = payment.party ? `${payment.party.kind}:${payment.party.id}` : '';
  const whose = payment.party
    ? `${names.get(party) ?? payment.party.id}'s (${payment.party.kind.toLowerCase()} ${payment.party.id})`
    : 'still unmatched';
  const active = payment.allocations.filter((allocation) => !allocation.reversed);
  const where = active
    .map(
      (allocation) =>
        `${money(allocation.amount, payment.currency)} to ${allocation.invoiceNumber}`,
    )
    .join(', ');
  return `Payment ${payment.bankReference ?? payment.id} is ${whose}: ${where || 'nothing allocated'}; ${money(payment.unallocated, payment.currency)} left to allocate.`;
};

/**
 * Says whose an unmatched payment is and allocates it: to the invoice named (all it owes, or the
 * amount given), or, no invoice named, to the party's open invoices oldest due first. The server
 * refuses an amount over what the invoice owes or the payment holds, and says which.
 */
export const AllocatePaymentForm = ({
  payments,
  tenants,
  partners,
}: {
  payments: UnmatchedPayment[];
  tenants: Named[];
  partners: Named[];
}) => {
  const form = useFormValues({
    paymentId: payments[0]?.id ?? '',
    party: '',
    invoice: '',
    amount: '',
  });
  const { paymentId, party, invoice, amount } = form.values;
  const chosen = payments.find((payment) => payment.id === paymentId) ?? payments[0];
  const allocation = filledIn({ invoice, amount });
  const names = new Map([
    ...tenants.map((tenant) => [`TENANT:${tenant.id}`, tenant.name] as const),
    ...partners.map((partner) => [`PARTNER:${partner.id}`, partner.name] as const),
  ]);
  const input = () => ({
    paymentId: chosen?.id ?? paymentId,
    ...partyInput(party),
    ...(allocation.invoice ? { invoices: [allocation] } : {}),
  });
  return (
    <MutationForm<Allocated>
      title="Allocate a payment"
      submitLabel="Allocate"
      mutation={ALLOCATE}
      variables={() => ({ input: input() })}
      done={(answer) => saidOf(answer, names)}
      disabled={!chosen}
    >
      {chosen ? null : <p className="muted">No payment waits to be allocated.</p>}
      <div className="row" hidden={!chosen}>
        <SelectField
          id="allocate-payment"
          label="Payment"
          value={chosen?.id ?? ''}
          onChange={(value) => form.set({ paymentId: value })}
          options={payments.map((payment) => ({ value: payment.id, label: labelOf(payment) }))}
        />
        <SelectField
          id="allocate-party"
          label="From"
          {...form.choose('party')}
          options={[
            { value: '', label: 'The party the invoice is billed to' },
            ...partyOptions('TENANT', tenants),
            ...partyOptions('PARTNER', partners),
          ]}
        />
      </div>
      <div className="row" hidden={!chosen}>
        <Field
          id="allocate-invoice"
          label="Invoice"
          {...form.bind('invoice')}
          {...INVOICE_HINTS}
          required={party === ''}
        />
        <DecimalField
          id="allocate-amount"
          label="Amount (€)"
          {...form.bind('amount')}
          disabled={invoice.trim() === ''}
          hint="empty: as much as the payment holds and the invoice owes"
        />
      </div>
    </MutationForm>
  );
};
