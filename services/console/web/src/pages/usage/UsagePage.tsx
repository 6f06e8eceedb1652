import { useState } from 'react';
import { useRead } from '../../api/hooks';
import type { Viewer } from '../../api/session';
import { OPERATOR_TIME_ZONE } from '../../format';
import { MonthField, SelectField } from '../../ui/Field';
import { ErrorNote, Loading } from '../../ui/feedback';
import { MonthToDate } from './MonthToDate';
import { TenantMonth } from './TenantMonth';

const PARTNER_TENANTS = `query PartnerTenants($id: ID!) { partner(id: $id) { id name tenants { id name } } }`;
const TENANT = `query Tenant($id: ID!) { tenant(id: $id) { id name contracts { id billingTimeZone
  reservations { gpuModel gpuCount startsAt endsAt cancelled } } } invoices(tenantId: $id) { period } }`;

export type TenantContracts = {
  id: string;
  name: string;
  contracts: {
    id: string;
    billingTimeZone: string;
    reservations: {
      gpuModel: string;
      gpuCount: number;
      startsAt: string;
      endsAt: string;
      cancelled: boolean;
    }[];
  }[];
};

/** A tenant's own month, or for a partner, the month of one of its tenants: never a wider query. */
export const UsagePage = ({ viewer }: { viewer: Viewer }) => {
  const partner = useRead<{
    partner: { name: string; tenants: { id: string; name: string }[] } | null;
  }>(
    PARTNER_TENANTS,
    { id: viewer.partnerId },
    viewer.role === 'PARTNER' && viewer.partnerId !== null,
  );
  const [picked, setPicked] = useState<string>();
  const tenantId = viewer.tenantId ?? picked ?? partner.data?.partner?.tenants[0]?.id;
  return (
    <section className="page">
      <div className="page-head">
        <h1>Usage</h1>
        {viewer.role === 'PARTNER' && partner.data?.partner ? (
          <SelectField
            id="usage-tenant"
            label="Tenant"
            value={tenantId ?? ''}
            onChange={setPicked}
            options={partner.data.partner.tenants.map((tenant) => ({
              value: tenant.id,
              label: tenant.name,
            }))}
          />
        ) : null}
      </div>
      <ErrorNote error={partner.error} />
      {tenantId ? (
        <TenantUsage key={tenantId} tenantId={tenantId} />
      ) : partner.isPending ? (
        <Loading />
      ) : null}
    </section>
  );
};

const thisMonth = () => new Date().toISOString().slice(0, 7);

const TenantUsage = ({ tenantId }: { tenantId: string }) => {
  const tenant = useRead<{ tenant: TenantContracts | null; invoices: { period: string }[] }>(
    TENANT,
    { id: tenantId },
  );
  if (tenant.isPending) return <Loading what="Loading contracts" />;
  if (tenant.error) return <ErrorNote error={tenant.error} />;
  const found = tenant.data.tenant;
  if (!found) return <p className="empty">Tenant {tenantId} is not among those you may see.</p>;
  const latest = tenant.data.invoices
    .map((invoice) => invoice.period)
    .sort()
    .at(-1);
  return (
    <>
      {found.contracts.length > 0 ? (
        <MonthToDate contractIds={found.contracts.map((contract) => contract.id)} />
      ) : null}
      <Month tenant={found} initial={latest ?? thisMonth()} />
    </>
  );
};

const Month = ({ tenant, initial }: { tenant: TenantContracts; initial: string }) => {
  const [month, setMonth] = useState(initial);
  const zone = tenant.contracts[0]?.billingTimeZone ?? OPERATOR_TIME_ZONE;
  return (
    <>
      <div className="filters">
        <MonthField id="usage-month" value={month} onChange={setMonth} />
        <p className="muted small">
          {tenant.name} · days in {zone}
        </p>
      </div>
      {/^\d{4}-\d{2}$/.test(month) ? (
        <TenantMonth tenant={tenant} month={month} zone={zone} />
      ) : null}
    </>
  );
};
