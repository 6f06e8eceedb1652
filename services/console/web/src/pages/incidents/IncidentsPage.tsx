import { useState } from 'react';
import { Link } from 'react-router';
import { useRead, useWrite } from '../../api/hooks';
import { dateTime, instantOf, OPERATOR_TIME_ZONE, quantity } from '../../format';
import { ActionForm } from '../../ui/ActionForm';
import { Field, SelectField } from '../../ui/Field';
import { Badge, Empty, ErrorNote, Loading } from '../../ui/feedback';

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
const INCIDENTS = `{ incidents { id scope startedAt resolvedAt description site { id name timeZone }
  impacts { contract { id tenant { name } } gpuModel gpuCount } } sites { id name timeZone } }`;
const OPEN = `mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }`;
const RESOLVE = `mutation Resolve($id: ID!, $resolvedAt: DateTime!) { resolveIncident(id: $id, resolvedAt: $resolvedAt) { id resolvedAt } }`;

export const IncidentsPage = ({ canWrite }: { canWrite: boolean }) => {
  const incidents = useRead<{
    incidents: Incident[];
    sites: { id: string; name: string; timeZone: string }[];
  }>(INCIDENTS);
  return (
    <section className="page">
      <div className="page-head">
        <h1>SLA incidents</h1>
      </div>
      {incidents.isPending ? <Loading /> : null}
      <ErrorNote error={incidents.error} />
      {incidents.data && incidents.data.incidents.length === 0 ? <Empty>No incident.</Empty> : null}
      {incidents.data && incidents.data.incidents.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Site</th>
              <th scope="col">Scope</th>
              <th scope="col">Started</th>
              <th scope="col">Resolved</th>
              <th scope="col">Affected contracts</th>
            </tr>
          </thead>
          <tbody>
            {incidents.data.incidents.map((incident) => (
              <tr key={incident.id}>
                <th scope="row">
                  {incident.id}
                  <div className="muted small">{incident.description}</div>
                </th>
                <td>{incident.site.name}</td>
                <td>{incident.scope === 'SITE' ? 'whole site' : 'some GPUs'}</td>
                <td>{dateTime(incident.startedAt, incident.site.timeZone)}</td>
                <td>
                  {incident.resolvedAt ? (
                    dateTime(incident.resolvedAt, incident.site.timeZone)
                  ) : (
                    <Badge tone="warn">open</Badge>
                  )}
                </td>
                <td>
                  {incident.impacts.length === 0 ? 'every contract at the site' : null}
                  {incident.impacts.map((impact) => (
                    <Link
                      key={`${impact.contract.id}-${impact.gpuModel}`}
                      className="chip"
                      to={`/contracts/${encodeURIComponent(impact.contract.id)}`}
                    >
                      {impact.contract.id}: {quantity(impact.gpuCount)} × {impact.gpuModel}
                    </Link>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite && incidents.data ? (
        <div className="grid-2">
          <OpenIncident sites={incidents.data.sites} />
          <ResolveIncident
            open={incidents.data.incidents.filter((incident) => !incident.resolvedAt)}
          />
        </div>
      ) : null}
    </section>
  );
};

const OpenIncident = ({ sites }: { sites: { id: string; name: string; timeZone: string }[] }) => {
  const open = useWrite<{ openIncident: { id: string } }, Record<string, unknown>>(OPEN);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [scope, setScope] = useState('SITE');
  const [startedAt, setStartedAt] = useState('');
  const [description, setDescription] = useState('');
  const [impact, setImpact] = useState({ contractId: '', gpuModel: '', gpuCount: '' });
  const zone = sites.find((site) => site.id === siteId)?.timeZone ?? OPERATOR_TIME_ZONE;
  return (
    <ActionForm
      title="Open an incident"
      submitLabel="Open"
      onSubmit={() =>
        open.mutate({
          input: {
            siteId,
            scope,
            startedAt: startedAt ? instantOf(startedAt, zone) : '',
            description,
            ...(scope === 'GPUS'
              ? {
                  impacts: [
                    {
                      contractId: impact.contractId,
                      gpuModel: impact.gpuModel,
                      gpuCount: Number(impact.gpuCount),
                    },
                  ],
                }
              : {}),
          },
        })
      }
      pending={open.isPending}
      error={open.error}
      done={open.data ? `Incident ${open.data.openIncident.id} opened.` : undefined}
    >
      <div className="row">
        <SelectField
          id="incident-site"
          label="Site"
          value={siteId}
          onChange={setSiteId}
          options={sites.map((site) => ({ value: site.id, label: site.name }))}
        />
        <SelectField
          id="incident-scope"
          label="Scope"
          value={scope}
          onChange={setScope}
          options={[
            { value: 'SITE', label: 'Whole site' },
            { value: 'GPUS', label: 'Some GPUs of a contract' },
          ]}
        />
        <Field
          id="incident-start"
          label={`Started (${zone})`}
          type="datetime-local"
          value={startedAt}
          onChange={(e) => setStartedAt(e.target.value)}
          required
        />
      </div>
      <Field
        id="incident-description"
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        required
      />
      {scope === 'GPUS' ? (
        <div className="row">
          <Field
            id="impact-contract"
            label="Contract"
            value={impact.contractId}
            onChange={(e) => setImpact({ ...impact, contractId: e.target.value })}
            required
          />
          <Field
            id="impact-model"
            label="GPU model"
            value={impact.gpuModel}
            onChange={(e) => setImpact({ ...impact, gpuModel: e.target.value })}
            required
          />
          <Field
            id="impact-count"
            label="GPUs"
            type="number"
            min={1}
            value={impact.gpuCount}
            onChange={(e) => setImpact({ ...impact, gpuCount: e.target.value })}
            required
          />
        </div>
      ) : null}
    </ActionForm>
  );
};

const ResolveIncident = ({ open }: { open: Incident[] }) => {
  const resolve = useWrite<unknown, Record<string, unknown>>(RESOLVE);
  const [id, setId] = useState(open[0]?.id ?? '');
  const [resolvedAt, setResolvedAt] = useState('');
  const chosen = open.find((incident) => incident.id === id) ?? open[0];
  if (!chosen) return null;
  const zone = chosen.site.timeZone;
  return (
    <ActionForm
      title="Resolve an incident"
      submitLabel="Resolve"
      onSubmit={() =>
        resolve.mutate({ id: chosen.id, resolvedAt: resolvedAt ? instantOf(resolvedAt, zone) : '' })
      }
      pending={resolve.isPending}
      error={resolve.error}
    >
      <SelectField
        id="resolve-incident"
        label="Incident"
        value={chosen.id}
        onChange={setId}
        options={open.map((incident) => ({ value: incident.id, label: incident.id }))}
      />
      <Field
        id="resolve-at"
        label={`Resolved (${zone})`}
        type="datetime-local"
        value={resolvedAt}
        onChange={(e) => setResolvedAt(e.target.value)}
        required
      />
    </ActionForm>
  );
};
