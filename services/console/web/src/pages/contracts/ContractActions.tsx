import { useState } from 'react';
import { quantity } from '../../format';
import { CountField, DecimalField, Field, SelectField } from '../../ui/Field';
import { useFormValues } from '../../ui/form-values';
import { MutationForm } from '../../ui/MutationForm';
import { TypedDateField, useTypedDate } from '../../ui/TypedDateField';
import type { ContractDetail } from './ContractPage';
import { RateCardFields, rateCardInput, type RateCardDraft } from './RateCardFields';

const SIGN = `mutation Sign($id: ID!) { signContract(id: $id) { id status } }`;
const RESERVE = `mutation Reserve($input: ReserveCapacityInput!) { reserveCapacity(input: $input) { id gpuModel gpuCount } }`;
const COMMIT = `mutation Commit($input: CommitPowerInput!) { commitPower(input: $input) { id kw } }`;
const CANCEL = `mutation Cancel($id: ID!, $reason: String!) { cancelReservation(id: $id, reason: $reason) { id cancelled } }`;
const AMEND = `mutation Amend($input: AmendContractInput!) { amendContract(input: $input) { id } }`;
const TERMINATE = `mutation Terminate($id: ID!, $effectiveAt: DateTime!, $reason: String!) {
  terminateContract(id: $id, effectiveAt: $effectiveAt, reason: $reason) { id status endsAt } }`;

export const ContractActions = ({ contract }: { contract: ContractDetail }) => (
  <div className="grid-2">
    {contract.status === 'DRAFT' ? <SignForm contract={contract} /> : null}
    {contract.status !== 'TERMINATED' ? (
      <>
        <ReserveForm contract={contract} />
        <CommitForm contract={contract} />
        <CancelForm contract={contract} />
        <AmendForm contract={contract} />
        <TerminateForm contract={contract} />
      </>
    ) : null}
  </div>
);

/** The variables of a mutation whose input names the contract, with the form's fields. */
const inputOf = (contract: ContractDetail, fields: () => Record<string, unknown>) => () => ({
  input: { contractId: contract.id, ...fields() },
});

const SignForm = ({ contract }: { contract: ContractDetail }) => (
  <MutationForm
    title="Sign the contract"
    submitLabel="Sign"
    mutation={SIGN}
    variables={() => ({ id: contract.id })}
  >
    <p className="muted">
      Signing makes the draft binding: capacity can then be reserved and it is billed.
    </p>
  </MutationForm>
);

/** The from and to of a reservation or a power commitment, in the contract's time zone. */
const usePeriod = (contract: ContractDetail) => {
  const from = useTypedDate('dateTime', contract.billingTimeZone);
  const to = useTypedDate('dateTime', contract.billingTimeZone);
  return { from, to, input: () => ({ startsAt: from.instant(), endsAt: to.instant() }) };
};

const PeriodFields = ({
  idPrefix,
  period,
}: {
  idPrefix: string;
  period: ReturnType<typeof usePeriod>;
}) => (
  <div className="row">
    <TypedDateField id={`${idPrefix}-from`} label="From" when={period.from} />
    <TypedDateField id={`${idPrefix}-to`} label="To" when={period.to} />
  </div>
);

type Reserved = { reserveCapacity: { id: string; gpuModel: string; gpuCount: number } };

const ReserveForm = ({ contract }: { contract: ContractDetail }) => {
  const models = contract.site.gpuInventory.map((gpus) => gpus.gpuModel);
  const form = useFormValues({ gpuModel: models[0] ?? '', count: '' });
  const period = usePeriod(contract);
  return (
    <MutationForm<Reserved>
      title="Reserve capacity"
      submitLabel="Reserve"
      mutation={RESERVE}
      variables={inputOf(contract, () => ({
        gpuModel: form.values.gpuModel,
        gpuCount: Number(form.values.count),
        ...period.input(),
      }))}
      done={({ reserveCapacity: done }) =>
        `Reserved ${quantity(done.gpuCount)} × ${done.gpuModel} (${done.id}).`
      }
    >
      <div className="row">
        <SelectField
          id="reserve-model"
          label="GPU model"
          {...form.choose('gpuModel')}
          options={models.map((model) => ({ value: model, label: model }))}
        />
        <CountField id="reserve-count" label="GPUs" min={1} {...form.bind('count')} required />
      </div>
      <PeriodFields idPrefix="reserve" period={period} />
    </MutationForm>
  );
};

const CommitForm = ({ contract }: { contract: ContractDetail }) => {
  const form = useFormValues({ kw: '' });
  const period = usePeriod(contract);
  return (
    <MutationForm<{ commitPower: { id: string; kw: string } }>
      title="Commit power"
      submitLabel="Commit"
      mutation={COMMIT}
      variables={inputOf(contract, () => ({ kw: form.values.kw.trim(), ...period.input() }))}
      done={({ commitPower: done }) => `Committed ${quantity(done.kw)} kW (${done.id}).`}
    >
      <DecimalField id="commit-kw" label="kW" {...form.bind('kw')} required />
      <PeriodFields idPrefix="commit" period={period} />
    </MutationForm>
  );
};

const CancelForm = ({ contract }: { contract: ContractDetail }) => {
  const open = contract.reservations.filter((reservation) => !reservation.cancelled);
  const form = useFormValues({ id: open[0]?.id ?? '', reason: '' });
  if (open.length === 0) return null;
  return (
    <MutationForm<{ cancelReservation: { id: string } }>
      title="Cancel a reservation"
      submitLabel="Cancel the reservation"
      mutation={CANCEL}
      variables={() => form.values}
      done={(answer) => `Reservation ${answer.cancelReservation.id} cancelled.`}
    >
      <SelectField
        id="cancel-reservation"
        label="Reservation"
        {...form.choose('id')}
        options={open.map((reservation) => ({
          value: reservation.id,
          label: `${reservation.id}: ${reservation.gpuCount} × ${reservation.gpuModel}`,
        }))}
      />
      <Field id="cancel-reason" label="Reason" {...form.bind('reason')} required />
    </MutationForm>
  );
};

const AmendForm = ({ contract }: { contract: ContractDetail }) => {
  const when = useTypedDate('dateTime', contract.billingTimeZone);
  const [card, setCard] = useState<RateCardDraft>(() => ({
    gpuRates: contract.rateCard.gpuRates.map((rate) => ({ ...rate })),
    powerPricePerKwMonth: contract.rateCard.powerPricePerKwMonth,
    energyPricePerKwh: contract.rateCard.energyPricePerKwh ?? '',
    pue: contract.rateCard.pue,
  }));
  return (
    <MutationForm
      title="Amend the rate card"
      submitLabel="Amend"
      mutation={AMEND}
      variables={inputOf(contract, () => ({
        effectiveAt: when.instant(),
        rateCard: rateCardInput(card),
      }))}
      done={() => 'Amendment recorded.'}
    >
      <TypedDateField id="amend-at" label="Effective" when={when} />
      <RateCardFields idPrefix="amend" card={card} onChange={setCard} />
    </MutationForm>
  );
};

const TerminateForm = ({ contract }: { contract: ContractDetail }) => {
  const when = useTypedDate('dateTime', contract.billingTimeZone);
  const form = useFormValues({ reason: '' });
  return (
    <MutationForm
      title="Terminate the contract"
      submitLabel="Terminate"
      mutation={TERMINATE}
      variables={() => ({ id: contract.id, effectiveAt: when.instant(), ...form.values })}
    >
      <TypedDateField id="terminate-at" label="Effective" when={when} />
      <Field id="terminate-reason" label="Reason" {...form.bind('reason')} required />
    </MutationForm>
  );
};
