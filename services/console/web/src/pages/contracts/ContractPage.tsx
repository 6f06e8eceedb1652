import { useParams } from 'react-router';
import { useRead } from '../../api/hooks';
import { date, dateTime, percent, price, quantity } from '../../format';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../ui/DataTable';
import { Facts } from '../../ui/Facts';
import { Badge, StatusBadge } from '../../ui/feedback';
import { LoadedOne } from '../../ui/Loaded';
import { ContractActions } from './ContractActions';
import { CONTRACT_FIELDS, type ContractRow } from './contract-fields';
import { ContractTimeline } from './ContractTimeline';
import { UtilisationTable } from './UtilisationTable';

export type ContractDetail = ContractRow & {
  rateCard: {
    gpuRates: {
      gpuModel: string;
      reservedPricePerGpuHour: string;
      onDemandPricePerGpuHour: string;
    }[];
    powerPricePerKwMonth: string;
    energyPricePerKwh: string | null;
    pue: string;
    slaSchedule: { availabilityBelowPercent: string; creditPercent: string }[];
  };
  reservations: {
    id: string;
    gpuModel: string;
    gpuCount: number;
    startsAt: string;
    endsAt: string;
    cancelled: boolean;
  }[];
  powerCommitments: { id: string; kw: string; startsAt: string; endsAt: string }[];
};

const CONTRACT = `query Contract($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS}
  rateCard { gpuRates { gpuModel reservedPricePerGpuHour onDemandPricePerGpuHour } powerPricePerKwMonth energyPricePerKwh pue
    slaSchedule { availabilityBelowPercent creditPercent } }
  reservations { id gpuModel gpuCount startsAt endsAt cancelled }
  powerCommitments { id kw startsAt endsAt } } }`;

type GpuRate = ContractDetail['rateCard']['gpuRates'][number];

const rateColumns = (currency: string): Column<GpuRate>[] => [
  { header: 'GPU model', cell: (rate) => rate.gpuModel },
  {
    header: 'Reserved / GPU-h',
    numeric: true,
    cell: (rate) => price(rate.reservedPricePerGpuHour, currency),
  },
  {
    header: 'On demand / GPU-h',
    numeric: true,
    cell: (rate) => price(rate.onDemandPricePerGpuHour, currency),
  },
];

/** A reservation or a power commitment: what the contract holds over a period. */
type Holding = { id: string; what: string; startsAt: string; endsAt: string; state: ReactNode };

const holdingsOf = (contract: ContractDetail): Holding[] => [
  ...contract.reservations.map((reservation) => ({
    ...reservation,
    what: `${quantity(reservation.gpuCount)} × ${reservation.gpuModel}`,
    state: (
      <Badge tone={reservation.cancelled ? 'off' : 'ok'}>
        {reservation.cancelled ? 'cancelled' : 'reserved'}
      </Badge>
    ),
  })),
  ...contract.powerCommitments.map((commitment) => ({
    ...commitment,
    what: `${quantity(commitment.kw)} kW`,
    state: <Badge tone="ok">committed</Badge>,
  })),
];

const holdingColumns = (zone: string): Column<Holding>[] => [
  { header: 'Id', cell: (holding) => holding.id },
  { header: 'What', cell: (holding) => holding.what },
  { header: 'From', cell: (holding) => dateTime(holding.startsAt, zone) },
  { header: 'To', cell: (holding) => dateTime(holding.endsAt, zone) },
  { header: 'State', cell: (holding) => holding.state },
];

export const ContractPage = ({ canWrite }: { canWrite: boolean }) => {
  const { id = '' } = useParams();
  const contract = useRead<{ contract: ContractDetail | null }>(CONTRACT, { id });
  return (
    <LoadedOne read={contract} what="Contract" id={id} pick={(data) => data.contract}>
      {(found) => <Contract found={found} canWrite={canWrite} />}
    </LoadedOne>
  );
};

const Contract = ({ found, canWrite }: { found: ContractDetail; canWrite: boolean }) => {
  const zone = found.billingTimeZone;
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          Contract {found.id} <StatusBadge status={found.status} />
        </h1>
      </div>
      <Facts
        facts={[
          { term: 'Tenant', value: found.tenant.name },
          { term: 'Partner', value: found.tenant.partner?.name ?? '—' },
          { term: 'Site', value: found.site.name },
          { term: 'Bill to', value: found.billTo === 'PARTNER' ? 'Partner' : 'Tenant' },
          { term: 'Starts', value: dateTime(found.startsAt, zone) },
          { term: 'Ends', value: found.endsAt ? dateTime(found.endsAt, zone) : 'open-ended' },
          { term: 'Billing time zone', value: zone },
          { term: 'Payment terms', value: `${found.paymentTermsDays} days` },
        ]}
      />
      <div className="grid-2">
        <div className="panel">
          <h2>Rate card in force</h2>
          <DataTable
            columns={rateColumns(found.currency)}
            rows={found.rateCard.gpuRates}
            rowKey={(rate) => rate.gpuModel}
          />
          <p className="small">
            Power {price(found.rateCard.powerPricePerKwMonth, found.currency)} / kW-month · Energy{' '}
            {found.rateCard.energyPricePerKwh
              ? `${price(found.rateCard.energyPricePerKwh, found.currency)} / kWh`
              : 'not billed'}{' '}
            · PUE {quantity(found.rateCard.pue)} · SLA credits:{' '}
            {found.rateCard.slaSchedule
              .map(
                (tier) =>
                  `below ${percent(tier.availabilityBelowPercent)} → ${percent(tier.creditPercent)}`,
              )
              .join(', ')}
          </p>
        </div>
        <ContractTimeline contract={found} />
      </div>
      <div className="panel">
        <h2>Reservations and power commitments</h2>
        <DataTable
          columns={holdingColumns(zone)}
          rows={holdingsOf(found)}
          empty="Nothing reserved or committed yet."
        />
      </div>
      <UtilisationTable contractId={found.id} />
      {canWrite ? <ContractActions contract={found} /> : null}
      <p className="muted small">
        Dates in the contract's billing time zone, {zone}. Since {date(found.startsAt, zone)}.
      </p>
    </section>
  );
};
