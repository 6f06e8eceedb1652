import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRead, useWrite } from '../../api/hooks';
import { instantOf } from '../../format';
import { Field, SelectField } from '../../ui/Field';
import { ErrorNote, Loading } from '../../ui/feedback';
import { emptyRateCard, RateCardFields, rateCardInput, type RateCardDraft } from './RateCardFields';

type Choices = {
  tenants: { id: string; name: string; partner: { id: string } | null }[];
  sites: { id: string; name: string; timeZone: string; gpuInventory: { gpuModel: string }[] }[];
};
const CHOICES = `{ tenants { id name partner { id } } sites { id name timeZone gpuInventory { gpuModel } } }`;
const DRAFT = `mutation Draft($input: DraftContractInput!) { draftContract(input: $input) { id } }`;

export const DraftContractPage = () => {
  const choices = useRead<Choices>(CHOICES);
  if (choices.isPending) return <Loading />;
  if (choices.error) return <ErrorNote error={choices.error} />;
  return <DraftForm choices={choices.data} />;
};

const DraftForm = ({ choices }: { choices: Choices }) => {
  const navigate = useNavigate();
  const draft = useWrite<{ draftContract: { id: string } }, { input: Record<string, unknown> }>(
    DRAFT,
  );
  const firstSite = choices.sites[0];
  const [id, setId] = useState('');
  const [tenantId, setTenantId] = useState(choices.tenants[0]?.id ?? '');
  const [siteId, setSiteId] = useState(firstSite?.id ?? '');
  const [billTo, setBillTo] = useState('TENANT');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Paris');
  const [terms, setTerms] = useState('30');
  const [card, setCard] = useState<RateCardDraft>(() =>
    emptyRateCard(firstSite?.gpuInventory.map((gpus) => gpus.gpuModel) ?? []),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    draft.mutate(
      {
        input: {
          ...(id.trim() ? { id: id.trim() } : {}),
          tenantId,
          siteId,
          billTo,
          startsAt: startsAt ? instantOf(startsAt, timeZone) : '',
          ...(endsAt ? { endsAt: instantOf(endsAt, timeZone) } : {}),
          billingTimeZone: timeZone,
          paymentTermsDays: Number(terms),
          rateCard: rateCardInput(card),
        },
      },
      { onSuccess: (data) => navigate(`/contracts/${encodeURIComponent(data.draftContract.id)}`) },
    );
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>Draft a contract</h1>
      </div>
      <form className="panel form" onSubmit={submit} aria-label="Draft a contract">
        <div className="row">
          <Field
            id="contract-id"
            label="Contract id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            hint="optional; chosen by the server when empty"
          />
          <SelectField
            id="tenant"
            label="Tenant"
            value={tenantId}
            onChange={setTenantId}
            options={choices.tenants.map((tenant) => ({
              value: tenant.id,
              label: `${tenant.name} (${tenant.id})`,
            }))}
          />
          <SelectField
            id="site"
            label="Site"
            value={siteId}
            onChange={setSiteId}
            options={choices.sites.map((site) => ({
              value: site.id,
              label: `${site.name} (${site.id})`,
            }))}
          />
          <SelectField
            id="bill-to"
            label="Bill to"
            value={billTo}
            onChange={setBillTo}
            options={[
              { value: 'TENANT', label: 'The tenant' },
              { value: 'PARTNER', label: "The tenant's partner" },
            ]}
          />
        </div>
        <div className="row">
          <Field
            id="starts-at"
            label={`Starts (${timeZone})`}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            required
          />
          <Field
            id="ends-at"
            label={`Ends (${timeZone})`}
            type="datetime-local"
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
            hint="optional: open-ended"
          />
          <Field
            id="time-zone"
            label="Billing time zone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            required
          />
          <Field
            id="terms"
            label="Payment terms (days)"
            type="number"
            min={0}
            value={terms}
            onChange={(e) => setTerms(e.target.value)}
            required
          />
        </div>
        <RateCardFields idPrefix="draft" card={card} onChange={setCard} />
        <ErrorNote error={draft.error} />
        <div className="actions">
          <button type="submit" disabled={draft.isPending}>
            {draft.isPending ? 'Drafting…' : 'Draft the contract'}
          </button>
        </div>
      </form>
    </section>
  );
};
