import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useRead } from '../../api/hooks';
import { OPERATOR_TIME_ZONE } from '../../format';
import { CountField, Field, SelectField } from '../../ui/Field';
import { filledIn, useFormValues } from '../../ui/form-values';
import { Loaded } from '../../ui/Loaded';
import { MutationForm } from '../../ui/MutationForm';
import { TypedDateField, useTypedDate } from '../../ui/TypedDateField';
import { emptyRateCard, RateCardFields, rateCardInput, type RateCardDraft } from './RateCardFields';

type Choices = {
  tenants: { id: string; name: string; partner: { id: string } | null }[];
  sites: { id: string; name: string; timeZone: string; gpuInventory: { gpuModel: string }[] }[];
};
const CHOICES = `{ tenants { id name partner { id } } sites { id name timeZone gpuInventory { gpuModel } } }`;
const DRAFT = `mutation Draft($input: DraftContractInput!) { draftContract(input: $input) { id } }`;

const BILL_TO = [
  { value: 'TENANT', label: 'The tenant' },
  { value: 'PARTNER', label: "The tenant's partner" },
];

/** Named things to choose from, each shown with its id. */
const optionsOf = (named: { id: string; name: string }[]) =>
  named.map((one) => ({ value: one.id, label: `${one.name} (${one.id})` }));

export const DraftContractPage = () => {
  const choices = useRead<Choices>(CHOICES);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Draft a contract</h1>
      </div>
      <Loaded read={choices}>{(loaded) => <DraftForm choices={loaded} />}</Loaded>
    </section>
  );
};

const DraftForm = ({ choices }: { choices: Choices }) => {
  const navigate = useNavigate();
  const firstSite = choices.sites[0];
  const form = useFormValues({
    id: '',
    tenantId: choices.tenants[0]?.id ?? '',
    siteId: firstSite?.id ?? '',
    billTo: 'TENANT',
    timeZone: OPERATOR_TIME_ZONE,
    terms: '30',
  });
  const startsAt = useTypedDate('dateTime', form.values.timeZone);
  const endsAt = useTypedDate('dateTime', form.values.timeZone);
  const [card, setCard] = useState<RateCardDraft>(() =>
    emptyRateCard(firstSite?.gpuInventory.map((gpus) => gpus.gpuModel) ?? []),
  );
  const { id, tenantId, siteId, billTo, timeZone, terms } = form.values;
  return (
    <MutationForm<{ draftContract: { id: string } }>
      title="Terms and rate card"
      submitLabel="Draft the contract"
      mutation={DRAFT}
      variables={() => ({
        input: {
          ...filledIn({ id, endsAt: endsAt.instant() }),
          tenantId,
          siteId,
          billTo,
          startsAt: startsAt.instant(),
          billingTimeZone: timeZone,
          paymentTermsDays: Number(terms),
          rateCard: rateCardInput(card),
        },
      })}
      onDone={(answer) => navigate(`/contracts/${encodeURIComponent(answer.draftContract.id)}`)}
    >
      <div className="row">
        <Field
          id="contract-id"
          label="Contract id"
          {...form.bind('id')}
          hint="optional; chosen by the server when empty"
        />
        <SelectField
          id="tenant"
          label="Tenant"
          {...form.choose('tenantId')}
          options={optionsOf(choices.tenants)}
        />
        <SelectField
          id="site"
          label="Site"
          {...form.choose('siteId')}
          options={optionsOf(choices.sites)}
        />
        <SelectField id="bill-to" label="Bill to" {...form.choose('billTo')} options={BILL_TO} />
      </div>
      <div className="row">
        <TypedDateField id="starts-at" label="Starts" when={startsAt} />
        <TypedDateField id="ends-at" label="Ends" when={endsAt} optional="empty: open-ended" />
        <Field id="time-zone" label="Billing time zone" {...form.bind('timeZone')} required />
        <CountField id="terms" label="Payment terms (days)" {...form.bind('terms')} required />
      </div>
      <RateCardFields idPrefix="draft" card={card} onChange={setCard} />
    </MutationForm>
  );
};
