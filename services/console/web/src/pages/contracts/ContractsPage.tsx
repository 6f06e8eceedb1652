import { useState } from 'react';
import { Link } from 'react-router';
import { useRead } from '../../api/hooks';
import type { Viewer } from '../../api/session';
import { date } from '../../format';
import { canManageContracts } from '../../roles';
import { StatusFilter } from '../../ui/Field';
import { DataTable, type Column } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/feedback';
import { ContractLink } from '../../ui/links';
import { Loaded } from '../../ui/Loaded';
import { CONTRACT_FIELDS, type ContractRow } from './contract-fields';

const CONTRACTS = `query Contracts($tenantId: ID, $status: ContractStatus) {
  contracts(tenantId: $tenantId, status: $status) { ${CONTRACT_FIELDS} } }`;

const termOf = (contract: ContractRow) =>
  `${date(contract.startsAt, contract.billingTimeZone)} → ${
    contract.endsAt ? date(contract.endsAt, contract.billingTimeZone) : 'open-ended'
  }`;

const STATUSES = ['', 'DRAFT', 'SIGNED', 'TERMINATED'];

const COLUMNS: Column<ContractRow>[] = [
  {
    header: 'Contract',
    cell: (contract) => <ContractLink id={contract.id} />,
  },
  { header: 'Tenant', cell: (contract) => contract.tenant.name },
  { header: 'Partner', cell: (contract) => contract.tenant.partner?.name ?? '—' },
  { header: 'Site', cell: (contract) => contract.site.name },
  { header: 'Bill to', cell: (contract) => (contract.billTo === 'PARTNER' ? 'Partner' : 'Tenant') },
  { header: 'Term', cell: termOf },
  { header: 'Status', cell: (contract) => <StatusBadge status={contract.status} /> },
];

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
        <StatusFilter value={status} onChange={setStatus} statuses={STATUSES} />
      </div>
      <Loaded read={contracts} what="Loading contracts">
        {({ contracts: rows }) => <DataTable columns={COLUMNS} rows={rows} empty="No contract." />}
      </Loaded>
    </section>
  );
};
