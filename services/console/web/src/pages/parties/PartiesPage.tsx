import { useRead } from '../../api/hooks';
import { DataTable, type Column } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { filledIn, useFormValues } from '../../ui/form-values';
import { ContractLink } from '../../ui/links';
import { Loaded } from '../../ui/Loaded';
import { MutationForm } from '../../ui/MutationForm';

type Party = { id: string; name: string; countryCode: string; vatId: string | null };
type Parties = {
  partners: (Party & { tenants: { id: string }[] })[];
  tenants: (Party & {
    partner: { id: string; name: string } | null;
    contracts: { id: string; status: string }[];
  })[];
};
const PARTIES = `{ partners { id name countryCode vatId tenants { id } }
  tenants { id name countryCode vatId partner { id name } contracts { id status } } }`;
const ONBOARD = `mutation Onboard($input: OnboardTenantInput!) { onboardTenant(input: $input) { id name } }`;
const REGISTER = `mutation Register($input: RegisterPartnerInput!) { registerPartner(input: $input) { id name } }`;

/** The columns a tenant and a partner share: who, where, and the VAT id. */
const partyColumns = <Row extends Party>(kind: string): Column<Row>[] => [
  {
    header: kind,
    cell: (party) => (
      <>
        {party.name} <span className="muted">{party.id}</span>
      </>
    ),
  },
  { header: 'Country', cell: (party) => party.countryCode },
  { header: 'VAT id', cell: (party) => party.vatId ?? '—' },
];

const TENANT_COLUMNS: Column<Parties['tenants'][number]>[] = [
  ...partyColumns('Tenant'),
  { header: 'Partner', cell: (tenant) => tenant.partner?.name ?? '—' },
  {
    header: 'Contracts',
    cell: (tenant) =>
      tenant.contracts.map((contract) => (
        <ContractLink key={contract.id} id={contract.id} className="chip" />
      )),
  },
];

const PARTNER_COLUMNS: Column<Parties['partners'][number]>[] = [
  ...partyColumns('Partner'),
  { header: 'Tenants', numeric: true, cell: (partner) => partner.tenants.length },
];

export const PartiesPage = ({ canWrite }: { canWrite: boolean }) => {
  const parties = useRead<Parties>(PARTIES);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Partners &amp; tenants</h1>
      </div>
      <Loaded read={parties}>
        {({ tenants, partners }) => (
          <>
            <div className="panel">
              <h2>Tenants</h2>
              <DataTable columns={TENANT_COLUMNS} rows={tenants} />
            </div>
            <div className="panel">
              <h2>Partners</h2>
              <DataTable columns={PARTNER_COLUMNS} rows={partners} />
            </div>
            {canWrite ? (
              <div className="grid-2">
                <PartyForm kind="tenant" write={ONBOARD} partners={partners} />
                <PartyForm kind="partner" write={REGISTER} />
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
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
  const form = useFormValues({
    id: '',
    name: '',
    countryCode: 'FR',
    vatId: '',
    address: '',
    partnerId: '',
  });
  return (
    <MutationForm<Record<string, { name: string }>>
      title={kind === 'tenant' ? 'Onboard a tenant' : 'Register a partner'}
      submitLabel={kind === 'tenant' ? 'Onboard' : 'Register'}
      mutation={write}
      variables={() => ({ input: filledIn(form.values) })}
      done={(answer) =>
        `${Object.values(answer)[0]?.name} ${kind === 'tenant' ? 'onboarded' : 'registered'}.`
      }
    >
      <div className="row">
        <Field id={`${kind}-id`} label="Id" {...form.bind('id')} hint="optional" />
        <Field id={`${kind}-name`} label="Name" {...form.bind('name')} required />
        <Field
          id={`${kind}-country`}
          label="Country (ISO)"
          {...form.bind('countryCode')}
          required
        />
      </div>
      <div className="row">
        <Field id={`${kind}-vat`} label="VAT id" {...form.bind('vatId')} />
        <Field id={`${kind}-address`} label="Address" {...form.bind('address')} />
        {partners ? (
          <SelectField
            id={`${kind}-partner`}
            label="Partner"
            {...form.choose('partnerId')}
            options={[
              { value: '', label: 'None (direct)' },
              ...partners.map((partner) => ({ value: partner.id, label: partner.name })),
            ]}
          />
        ) : null}
      </div>
    </MutationForm>
  );
};
