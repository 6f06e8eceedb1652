import { useRead } from '../../api/hooks';
import { dateTime, OPERATOR_TIME_ZONE, quantity } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { Badge } from '../../ui/feedback';
import { CountField, Field, SelectField } from '../../ui/Field';
import { useFormValues } from '../../ui/form-values';
import { ContractLink } from '../../ui/links';
import { Loaded } from '../../ui/Loaded';
import { MutationForm } from '../../ui/MutationForm';
import { TypedDateField, useTypedDate } from '../../ui/TypedDateField';

type Incident = {
  id: string;
  scope: string;
  startedAt: string;
  resolvedAt: string | null;
  description: string;
  site: { id: string; name: string; timeZone: string };
  impacts: {
    contract: { id: string; tenant: { name: string } };
    gpuModel: string;
    gpuCount: number;
  }[];
};
type Site = { id: string; name: string; timeZone: string };
const INCIDENTS = `{ incidents { id scope startedAt resolvedAt description site { id name timeZone }
  impacts { contract { id tenant { name } } gpuModel gpuCount } } sites { id name timeZone } }`;
const OPEN = `mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }`;
const RESOLVE = `mutation Resolve($id: ID!, $resolvedAt: DateTime!) { resolveIncident(id: $id, resolvedAt: $resolvedAt) { id resolvedAt } }`;

const Affected = ({ incident }: { incident: Incident }) => (
  <>
    {incident.impacts.length === 0 ? 'every contract at the site' : null}
    {incident.impacts.map((impact) => (
      <ContractLink
        key={`${impact.contract.id}-${impact.gpuModel}`}
        id={impact.contract.id}
        className="chip"
      >
        {impact.contract.id}: {quantity(impact.gpuCount)} × {impact.gpuModel}
      </ContractLink>
    ))}
  </>
);

const COLUMNS: Column<Incident>[] = [
  {
    header: 'Incident',
    cell: (incident) => (
      <>
        {incident.id}
        <div className="muted small">{incident.description}</div>
      </>
    ),
  },
  { header: 'Site', cell: (incident) => incident.site.name },
  { header: 'Scope', cell: (incident) => (incident.scope === 'SITE' ? 'whole site' : 'some GPUs') },
  { header: 'Started', cell: (incident) => dateTime(incident.startedAt, incident.site.timeZone) },
  {
    header: 'Resolved',
    cell: (incident) =>
      incident.resolvedAt ? (
        dateTime(incident.resolvedAt, incident.site.timeZone)
      ) : (
        <Badge tone="warn">open</Badge>
      ),
  },
  { header: 'Affected contracts', cell: (incident) => <Affected incident={incident} /> },
];

export const IncidentsPage = ({ canWrite }: { canWrite: boolean }) => {
  const incidents = useRead<{ incidents: Incident[]; sites: Site[] }>(INCIDENTS);
  return (
    <section className="page">
      <div className="page-head">
        <h1>SLA incidents</h1>
      </div>
      <Loaded read={incidents}>
        {(data) => (
          <>
            <DataTable columns={COLUMNS} rows={data.incidents} empty="No incident." />
            {canWrite ? (
              <div className="grid-2">
                <OpenIncident sites={data.sites} />
                <ResolveIncident open={data.incidents.filter((incident) => !incident.resolvedAt)} />
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
};

const SCOPES = [
  { value: 'SITE', label: 'Whole site' },
  { value: 'GPUS', label: 'Some GPUs of a contract' },
];

const OpenIncident = ({ sites }: { sites: Site[] }) => {
  const form = useFormValues({ siteId: sites[0]?.id ?? '', scope: 'SITE', description: '' });
  const impact = useFormValues({ contractId: '', gpuModel: '', count: '' });
  const { siteId, scope, description } = form.values;
  const zone = sites.find((site) => site.id === siteId)?.timeZone ?? OPERATOR_TIME_ZONE;
  const startedAt = useTypedDate('dateTime', zone);
  const { contractId, gpuModel, count } = impact.values;
  const impacts = [{ contractId, gpuModel, gpuCount: Number(count) }];
  return (
    <MutationForm<{ openIncident: { id: string } }>
      title="Open an incident"
      submitLabel="Open"
      mutation={OPEN}
      variables={() => ({
        input: {
          siteId,
          scope,
          startedAt: startedAt.instant(),
          description,
          ...(scope === 'GPUS' ? { impacts } : {}),
        },
      })}
      done={(answer) => `Incident ${answer.openIncident.id} opened.`}
    >
      <div className="row">
        <SelectField
          id="incident-site"
          label="Site"
          {...form.choose('siteId')}
          options={sites.map((site) => ({ value: site.id, label: site.name }))}
        />
        <SelectField id="incident-scope" label="Scope" {...form.choose('scope')} options={SCOPES} />
        <TypedDateField id="incident-start" label="Started" when={startedAt} />
      </div>
      <Field id="incident-description" label="Description" {...form.bind('description')} required />
      {scope === 'GPUS' ? (
        <div className="row">
          <Field id="impact-contract" label="Contract" {...impact.bind('contractId')} required />
          <Field id="impact-model" label="GPU model" {...impact.bind('gpuModel')} required />
          <CountField id="impact-count" label="GPUs" min={1} {...impact.bind('count')} required />
        </div>
      ) : null}
    </MutationForm>
  );
};

const ResolveIncident = ({ open }: { open: Incident[] }) => {
  const form = useFormValues({ id: open[0]?.id ?? '' });
  const chosen = open.find((incident) => incident.id === form.values.id) ?? open[0];
  const resolvedAt = useTypedDate('dateTime', chosen?.site.timeZone ?? OPERATOR_TIME_ZONE);
  if (!chosen) return null;
  return (
    <MutationForm
      title="Resolve an incident"
      submitLabel="Resolve"
      mutation={RESOLVE}
      variables={() => ({ id: chosen.id, resolvedAt: resolvedAt.instant() })}
    >
      <SelectField
        id="resolve-incident"
        label="Incident"
        value={chosen.id}
        onChange={(id) => form.set({ id })}
        options={open.map((incident) => ({ value: incident.id, label: incident.id }))}
      />
      <TypedDateField id="resolve-at" label="Resolved" when={resolvedAt} />
    </MutationForm>
  );
};
