import { Field } from '../../ui/Field';

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
          <Field
            id={`${idPrefix}-reserved-${index}`}
            label="Reserved € / GPU-hour"
            inputMode="decimal"
            value={rate.reservedPricePerGpuHour}
            onChange={(event) => setRate(index, { reservedPricePerGpuHour: event.target.value })}
            required
          />
          <Field
            id={`${idPrefix}-ondemand-${index}`}
            label="On-demand € / GPU-hour"
            inputMode="decimal"
            value={rate.onDemandPricePerGpuHour}
            onChange={(event) => setRate(index, { onDemandPricePerGpuHour: event.target.value })}
            required
          />
        </div>
      ))}
      <div className="row">
        <Field
          id={`${idPrefix}-power`}
          label="Power € / kW-month"
          inputMode="decimal"
          value={card.powerPricePerKwMonth}
          onChange={(event) => onChange({ ...card, powerPricePerKwMonth: event.target.value })}
          required
        />
        <Field
          id={`${idPrefix}-energy`}
          label="Energy € / kWh"
          inputMode="decimal"
          value={card.energyPricePerKwh}
          onChange={(event) => onChange({ ...card, energyPricePerKwh: event.target.value })}
          hint="optional"
        />
        <Field
          id={`${idPrefix}-pue`}
          label="PUE"
          inputMode="decimal"
          value={card.pue}
          onChange={(event) => onChange({ ...card, pue: event.target.value })}
          hint="optional; the default applies"
        />
      </div>
      <small className="muted">
        Decimals with a point, e.g. 3.10: they go to the API exactly as typed.
      </small>
    </fieldset>
  );
};
