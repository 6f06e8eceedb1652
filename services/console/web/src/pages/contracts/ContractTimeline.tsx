import { useRead } from '../../api/hooks';
import { dateTime, price, quantity } from '../../format';
import { Empty, ErrorNote, Loading } from '../../ui/feedback';
import type { ContractDetail } from './ContractPage';

type ContractEvent = {
  type: string;
  revision: number;
  recordedAt: string;
  actor: string | null;
  summary: string;
  fields: { name: string; value: string }[];
};

const HISTORY = `query ContractHistory($id: ID!) { contract(id: $id) { id history {
  type revision recordedAt actor summary fields { name value } } } }`;

const PRICES = /^rateCard\.(.+)\.(reservedPricePerGpuHour|onDemandPricePerGpuHour)$/;

/** The prices of a rate card the event holds, in the reader's words: "GB300 3,10 € reserved / 4,20 € on demand". */
const rateCardText = (fields: Map<string, string>, currency: string): string => {
  const models = new Map<string, { reserved?: string; onDemand?: string }>();
  for (const [name, value] of fields) {
    const match = PRICES.exec(name);
    if (!match) continue;
    const rates = models.get(match[1]!) ?? {};
    if (match[2] === 'reservedPricePerGpuHour') rates.reserved = value;
    else rates.onDemand = value;
    models.set(match[1]!, rates);
  }
  const gpus = [...models].map(
    ([model, rates]) =>
      `${model} ${price(rates.reserved ?? '0', currency)} reserved / ${price(rates.onDemand ?? '0', currency)} on demand`,
  );
  const power = fields.get('rateCard.powerPricePerKwMonth');
  if (power) gpus.push(`power ${price(power, currency)} / kW-month`);
  return gpus.join(' · ');
};

/** What the event did, dates in the contract's zone and amounts in euros; the API's sentence otherwise. */
const describe = (event: ContractEvent, contract: ContractDetail): string => {
  const fields = new Map(event.fields.map((field) => [field.name, field.value]));
  const zone = contract.billingTimeZone;
  const card = () => rateCardText(fields, contract.currency);
  switch (event.type) {
    case 'ContractDrafted': {
      const ends = fields.get('endsAt');
      return `Drafted from ${dateTime(fields.get('startsAt'), zone)}${ends ? ` to ${dateTime(ends, zone)}` : ', open-ended'}, payment in ${quantity(fields.get('paymentTermsDays') ?? '0')} days: ${card()}`;
    }
    case 'ContractSigned':
      return 'Signed';
    case 'ContractAmended':
      return `Rate card amended from ${dateTime(fields.get('effectiveAt'), zone)}: ${card()}`;
    case 'ContractTerminated':
      return `Terminated from ${dateTime(fields.get('effectiveAt'), zone)}: ${fields.get('reason') ?? ''}`;
    default:
      return event.summary;
  }
};

/** What happened to the contract: the events of its stream, oldest first. */
export const ContractTimeline = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const history = useRead<{ contract: { history: ContractEvent[] } | null }>(HISTORY, {
    id: contract.id,
  });
  const events = history.data?.contract?.history ?? [];
  return (
    <div className="panel">
      <h2>History</h2>
      {history.isPending ? <Loading what="Loading the history" /> : null}
      <ErrorNote error={history.error} />
      {history.data && events.length === 0 ? <Empty>No event recorded.</Empty> : null}
      <ol className="timeline" aria-label="Contract history">
        {events.map((event) => (
          <li key={event.revision}>
            <time dateTime={event.recordedAt}>{dateTime(event.recordedAt, zone)}</time>
            <div>
              <span>{describe(event, contract)}</span>
              <details className="small">
                <summary>
                  {event.type} #{event.revision}
                  {event.actor ? ` · by ${event.actor}` : ''}
                </summary>
                <dl className="event-fields">
                  {event.fields.map((field) => (
                    <div key={field.name}>
                      <dt>{field.name}</dt>
                      <dd>{field.value}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
};
