import { dateTime, quantity } from '../../format';
import type { ContractDetail } from './ContractPage';

type Entry = { at: string; what: string };

/** What happened to the contract, in time order, as its read model knows it. */
export const ContractTimeline = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const entries: Entry[] = [
    {
      at: contract.startsAt,
      what: `Term starts (${contract.status === 'DRAFT' ? 'draft, not signed yet' : 'signed'})`,
    },
  ];
  for (const reservation of contract.reservations)
    entries.push({
      at: reservation.startsAt,
      what: `${quantity(reservation.gpuCount)} × ${reservation.gpuModel} reserved until ${dateTime(reservation.endsAt, zone)}${reservation.cancelled ? ' (cancelled)' : ''}`,
    });
  for (const commitment of contract.powerCommitments)
    entries.push({
      at: commitment.startsAt,
      what: `${quantity(commitment.kw)} kW committed until ${dateTime(commitment.endsAt, zone)}`,
    });
  if (contract.endsAt)
    entries.push({
      at: contract.endsAt,
      what: contract.status === 'TERMINATED' ? 'Terminated' : 'Term ends',
    });
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <div className="panel">
      <h2>History</h2>
      <ol className="timeline">
        {entries.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{dateTime(entry.at, zone)}</time>
            <span>{entry.what}</span>
          </li>
        ))}
      </ol>
    </div>
  );
};
