import { useParams } from 'react-router';
import { useRead } from '../../api/hooks';
import { date, dateTime, percent, price, quantity } from '../../format';
import { Badge, Empty, ErrorNote, Loading, statusTone } from '../../ui/feedback';
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

export const ContractPage = ({ canWrite }: { canWrite: boolean }) => {
  const { id = '' } = useParams();
  const contract = useRead<{ contract: ContractDetail | null }>(CONTRACT, { id });
  if (contract.isPending) return <Loading what="Loading the contract" />;
  if (contract.error) return <ErrorNote error={contract.error} />;
  const found = contract.data.contract;
  if (!found)
    return (
      <section className="page">
        <h1>Contract not found</h1>
        <p className="muted">No contract {id} exists among those you may see.</p>
      </section>
    );
  const zone = found.billingTimeZone;
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          Contract {found.id}{' '}
          <Badge tone={statusTone(found.status)}>{found.status.toLowerCase()}</Badge>
        </h1>
      </div>
      <dl className="facts">
        <div>
          <dt>Tenant</dt>
          <dd>{found.tenant.name}</dd>
        </div>
        <div>
          <dt>Partner</dt>
          <dd>{found.tenant.partner?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Site</dt>
          <dd>{found.site.name}</dd>
        </div>
        <div>
          <dt>Bill to</dt>
          <dd>{found.billTo === 'PARTNER' ? 'Partner' : 'Tenant'}</dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>{dateTime(found.startsAt, zone)}</dd>
        </div>
        <div>
          <dt>Ends</dt>
          <dd>{found.endsAt ? dateTime(found.endsAt, zone) : 'open-ended'}</dd>
        </div>
        <div>
          <dt>Billing time zone</dt>
          <dd>{zone}</dd>
        </div>
        <div>
          <dt>Payment terms</dt>
          <dd>{found.paymentTermsDays} days</dd>
        </div>
      </dl>
      <div className="grid-2">
        <div className="panel">
          <h2>Rate card in force</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">GPU model</th>
                <th scope="col" className="num">
                  Reserved / GPU-h
                </th>
                <th scope="col" className="num">
                  On demand / GPU-h
                </th>
              </tr>
            </thead>
            <tbody>
              {found.rateCard.gpuRates.map((rate) => (
                <tr key={rate.gpuModel}>
                  <th scope="row">{rate.gpuModel}</th>
                  <td className="num">{price(rate.reservedPricePerGpuHour, found.currency)}</td>
                  <td className="num">{price(rate.onDemandPricePerGpuHour, found.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
        {found.reservations.length === 0 && found.powerCommitments.length === 0 ? (
          <Empty>Nothing reserved or committed yet.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {found.reservations.map((reservation) => (
                <tr key={reservation.id}>
                  <th scope="row">{reservation.id}</th>
                  <td>
                    {quantity(reservation.gpuCount)} × {reservation.gpuModel}
                  </td>
                  <td>{dateTime(reservation.startsAt, zone)}</td>
                  <td>{dateTime(reservation.endsAt, zone)}</td>
                  <td>
                    {reservation.cancelled ? (
                      <Badge tone="off">cancelled</Badge>
                    ) : (
                      <Badge tone="ok">reserved</Badge>
                    )}
                  </td>
                </tr>
              ))}
              {found.powerCommitments.map((commitment) => (
                <tr key={commitment.id}>
                  <th scope="row">{commitment.id}</th>
                  <td>{quantity(commitment.kw)} kW</td>
                  <td>{dateTime(commitment.startsAt, zone)}</td>
                  <td>{dateTime(commitment.endsAt, zone)}</td>
                  <td>
                    <Badge tone="ok">committed</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <UtilisationTable contractId={found.id} />
      {canWrite ? <ContractActions contract={found} /> : null}
      <p className="muted small">
        Dates in the contract's billing time zone, {zone}. Since {date(found.startsAt, zone)}.
      </p>
    </section>
  );
};
