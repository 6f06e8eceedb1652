import { DecimalField, Field } from '../../ui/Field';

export type GpuRateDraft = {
  gpuModel: string;
  reservedPricePerGpuHour: string;
  onDemandPricePerGpuHour: string;
};
export type RateCardDraft = {
  gpuRates: GpuRateDraft[];
  powerPricePerKwMonth: string;
  energyPricePerKwh: string;
  pue: string;
};

export const emptyRateCard = (models: string[]): RateCardDraft => ({
  gpuRates: (models.length ? models : ['GB300']).map((gpuModel) => ({
    gpuModel,
    reservedPricePerGpuHour: '',
    onDemandPricePerGpuHour: '',
  })),
  powerPricePerKwMonth: '',
  energyPricePerKwh: '',
  pue: '',
});

/** The rate card as the API takes it: decimal strings, optional parts left out when empty. */
export const rateCardInput = (card: RateCardDraft) => ({
  gpuRates: card.gpuRates.map((rate) => ({ ...rate })),
  powerPricePerKwMonth: card.powerPricePerKwMonth.trim(),
  ...(card.energyPricePerKwh.trim() ? { energyPricePerKwh: card.energyPricePerKwh.trim() } : {}),
  ...(card.pue.trim() ? { pue: card.pue.trim() } : {}),
});

type DecimalInput<Key> = { key: Key; id: string; label: string; optional?: string };

const RATE_INPUTS: DecimalInput<'reservedPricePerGpuHour' | 'onDemandPricePerGpuHour'>[] = [
  { key: 'reservedPricePerGpuHour', id: 'reserved', label: 'Reserved € / GPU-hour' },
  { key: 'onDemandPricePerGpuHour', id: 'ondemand', label: 'On-demand € / GPU-hour' },
];
const CARD_INPUTS: DecimalInput<'powerPricePerKwMonth' | 'energyPricePerKwh' | 'pue'>[] = [
  { key: 'powerPricePerKwMonth', id: 'power', label: 'Power € / kW-month' },
  { key: 'energyPricePerKwh', id: 'energy', label: 'Energy € / kWh', optional: 'optional' },
  { key: 'pue', id: 'pue', label: 'PUE', optional: 'optional; the default applies' },
];

/** One price of the rate card, required unless optional. */
const RateInput = <Key extends string>({
  input,
  idPrefix,
  value,
  onChange,
}: {
  input: DecimalInput<Key>;
  idPrefix: string;
  value: string;
  onChange: (value: string) => void;
}) => (
  <DecimalField
    id={`${idPrefix}-${input.id}`}
    label={input.label}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    required={input.optional === undefined}
    hint={input.optional}
  />
);

export const RateCardFields = ({
  idPrefix,
  card,
  onChange,
}: {
  idPrefix: string;
  card: RateCardDraft;
  onChange: (card: RateCardDraft) => void;
}) => {
  const setRate = (index: number, patch: Partial<GpuRateDraft>) =>
    onChange({
      ...card,
      gpuRates: card.gpuRates.map((rate, at) => (at === index ? { ...rate, ...patch } : rate)),
    });
  return (
    <fieldset>
      <legend>Rate card (€, excluding VAT)</legend>
      {card.gpuRates.map((rate, index) => (
        <div className="row" key={index}>
          <Field
            id={`${idPrefix}-model-${index}`}
            label="GPU model"
            value={rate.gpuModel}
            onChange={(event) => setRate(index, { gpuModel: event.target.value })}
            required
          />
          {RATE_INPUTS.map((input) => (
            <RateInput
              key={input.key}
              input={input}
              idPrefix={`${idPrefix}-${index}`}
              value={rate[input.key]}
              onChange={(value) => setRate(index, { [input.key]: value })}
            />
          ))}
        </div>
      ))}
      <div className="row">
        {CARD_INPUTS.map((input) => (
          <RateInput
            key={input.key}
            input={input}
            idPrefix={idPrefix}
            value={card[input.key]}
            onChange={(value) => onChange({ ...card, [input.key]: value })}
          />
        ))}
      </div>
      <small className="muted">
        Decimals with a point, e.g. 3.10: they go to the API exactly as typed.
      </small>
    </fieldset>
  );
};
