import { useState } from 'react';
import { Link } from 'react-router';
import { useRead, useWrite } from '../../api/hooks';
import { ActionForm } from '../../ui/ActionForm';
import { Field, SelectField } from '../../ui/Field';
import { ErrorNote, Loading } from '../../ui/feedback';

type Parties = {
  partners: {
    id: string;
    name: string;
    countryCode: string;
    vatId: string | null;
    tenants: { id: string }[];
  }[];
  tenants: {
    id: string;
    name: string;
    countryCode: string;
    vatId: string | null;
    partner: { id: string; name: string } | null;
    contracts: { id: string; status: string }[];
  }[];
};
const PARTIES = `{ partners { id name countryCode vatId tenants { id } }
  tenants { id name countryCode vatId partner { id name } contracts { id status } } }`;
const ONBOARD = `mutation Onboard($input: OnboardTenantInput!) { onboardTenant(input: $input) { id name } }`;
const REGISTER = `mutation Register($input: RegisterPartnerInput!) { registerPartner(input: $input) { id name } }`;

export const PartiesPage = ({ canWrite }: { canWrite: boolean }) => {
  const parties = useRead<Parties>(PARTIES);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Partners &amp; tenants</h1>
      </div>
      {parties.isPending ? <Loading /> : null}
      <ErrorNote error={parties.error} />
      {parties.data ? (
        <>
          <div className="panel">
            <h2>Tenants</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Tenant</th>
                  <th scope="col">Country</th>
                  <th scope="col">VAT id</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Contracts</th>
                </tr>
              </thead>
              <tbody>
                {parties.data.tenants.map((tenant) => (
                  <tr key={tenant.id}>
                    <th scope="row">
                      {tenant.name} <span className="muted">{tenant.id}</span>
                    </th>
                    <td>{tenant.countryCode}</td>
                    <td>{tenant.vatId ?? '—'}</td>
                    <td>{tenant.partner?.name ?? '—'}</td>
                    <td>
                      {tenant.contracts.map((contract) => (
                        <Link
                          key={contract.id}
                          to={`/contracts/${encodeURIComponent(contract.id)}`}
                          className="chip"
                        >
                          {contract.id}
                        </Link>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="panel">
            <h2>Partners</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Country</th>
                  <th scope="col">VAT id</th>
                  <th scope="col" className="num">
                    Tenants
                  </th>
                </tr>
              </thead>
              <tbody>
                {parties.data.partners.map((partner) => (
                  <tr key={partner.id}>
                    <th scope="row">
                      {partner.name} <span className="muted">{partner.id}</span>
                    </th>
                    <td>{partner.countryCode}</td>
                    <td>{partner.vatId ?? '—'}</td>
                    <td className="num">{partner.tenants.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canWrite ? (
            <div className="grid-2">
              <PartyForm kind="tenant" write={ONBOARD} partners={parties.data.partners} />
              <PartyForm kind="partner" write={REGISTER} />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
};

type PartyDraft = {
  id: string;
  name: string;
  countryCode: string;
  vatId: string;
  address: string;
  partnerId: string;
};

/** Onboarding a tenant and registering a partner take the same party details (a tenant may name its partner). */
const PartyForm = ({
  kind,
  write,
  partners,
}: {
  kind: 'tenant' | 'partner';
  write: string;
  partners?: Parties['partners'];
}) => {
  const party = useWrite<Record<string, { name: string }>, Record<string, unknown>>(write);
  const [form, setForm] = useState<PartyDraft>({
    id: '',
    name: '',
    countryCode: 'FR',
    vatId: '',
    address: '',
    partnerId: '',
  });
  const set = (patch: Partial<PartyDraft>) => setForm({ ...form, ...patch });
  const written = party.data ? Object.values(party.data)[0] : undefined;
  return (
    <ActionForm
      title={kind === 'tenant' ? 'Onboard a tenant' : 'Register a partner'}
      submitLabel={kind === 'tenant' ? 'Onboard' : 'Register'}
      onSubmit={() =>
        party.mutate({
          input: Object.fromEntries(
            Object.entries(form).filter(([, value]) => value.trim() !== ''),
          ),
        })
      }
      pending={party.isPending}
      error={party.error}
      done={
        written ? `${written.name} ${kind === 'tenant' ? 'onboarded' : 'registered'}.` : undefined
      }
    >
      <div className="row">
        <Field
          id={`${kind}-id`}
          label="Id"
          value={form.id}
          onChange={(e) => set({ id: e.target.value })}
          hint="optional"
        />
        <Field
          id={`${kind}-name`}
          label="Name"
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          required
        />
        <Field
          id={`${kind}-country`}
          label="Country (ISO)"
          value={form.countryCode}
          onChange={(e) => set({ countryCode: e.target.value })}
          required
        />
      </div>
      <div className="row">
        <Field
          id={`${kind}-vat`}
          label="VAT id"
          value={form.vatId}
          onChange={(e) => set({ vatId: e.target.value })}
        />
        <Field
          id={`${kind}-address`}
          label="Address"
          value={form.address}
          onChange={(e) => set({ address: e.target.value })}
        />
        {partners ? (
          <SelectField
            id={`${kind}-partner`}
            label="Partner"
            value={form.partnerId}
            onChange={(partnerId) => set({ partnerId })}
            options={[
              { value: '', label: 'None (direct)' },
              ...partners.map((partner) => ({ value: partner.id, label: partner.name })),
            ]}
          />
        ) : null}
      </div>
    </ActionForm>
  );
};
