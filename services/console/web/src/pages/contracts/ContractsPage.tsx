import { useState } from 'react';
import { Link } from 'react-router';
import { useRead } from '../../api/hooks';
import type { Viewer } from '../../api/session';
import { date } from '../../format';
import { canManageContracts } from '../../roles';
import { SelectField } from '../../ui/Field';
import { Badge, Empty, ErrorNote, Loading, statusTone } from '../../ui/feedback';
import { CONTRACT_FIELDS, type ContractRow } from './contract-fields';

const CONTRACTS = `query Contracts($tenantId: ID, $status: ContractStatus) {
  contracts(tenantId: $tenantId, status: $status) { ${CONTRACT_FIELDS} } }`;

export const ContractsPage = ({ viewer }: { viewer: Viewer }) => {
  const [status, setStatus] = useState('');
  // A tenant asks for its own contracts only; the API scopes every list anyway.
  const contracts = useRead<{ contracts: ContractRow[] }>(CONTRACTS, {
    tenantId: viewer.tenantId ?? undefined,
    status: status || undefined,
  });
  return (
    <section className="page">
      <div className="page-head">
        <h1>Contracts</h1>
        {canManageContracts(viewer.role) ? (
          <Link className="button" to="/contracts/new">
            Draft a contract
          </Link>
        ) : null}
      </div>
      <div className="filters">
        <SelectField
          id="status-filter"
          label="Status"
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: 'All' },
            { value: 'DRAFT', label: 'Draft' },
            { value: 'SIGNED', label: 'Signed' },
            { value: 'TERMINATED', label: 'Terminated' },
          ]}
        />
      </div>
      {contracts.isPending ? <Loading what="Loading contracts" /> : null}
      <ErrorNote error={contracts.error} />
      {contracts.data && contracts.data.contracts.length === 0 ? <Empty>No contract.</Empty> : null}
      {contracts.data && contracts.data.contracts.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Contract</th>
              <th scope="col">Tenant</th>
              <th scope="col">Partner</th>
              <th scope="col">Site</th>
              <th scope="col">Bill to</th>
              <th scope="col">Term</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {contracts.data.contracts.map((contract) => (
              <tr key={contract.id}>
                <th scope="row">
                  <Link to={`/contracts/${encodeURIComponent(contract.id)}`}>{contract.id}</Link>
                </th>
                <td>{contract.tenant.name}</td>
                <td>{contract.tenant.partner?.name ?? '—'}</td>
                <td>{contract.site.name}</td>
                <td>{contract.billTo === 'PARTNER' ? 'Partner' : 'Tenant'}</td>
                <td>
                  {date(contract.startsAt, contract.billingTimeZone)} →{' '}
                  {contract.endsAt ? date(contract.endsAt, contract.billingTimeZone) : 'open-ended'}
                </td>
                <td>
                  <Badge tone={statusTone(contract.status)}>{contract.status.toLowerCase()}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
