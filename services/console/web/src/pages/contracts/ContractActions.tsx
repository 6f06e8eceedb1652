import { useState } from 'react';
import { useWrite } from '../../api/hooks';
import { quantity } from '../../format';
import { ActionForm } from '../../ui/ActionForm';
import { Field, SelectField } from '../../ui/Field';
import { LocalTimeField, useLocalTime } from '../../ui/LocalTimeField';
import type { ContractDetail } from './ContractPage';
import { RateCardFields, rateCardInput, type RateCardDraft } from './RateCardFields';

type Vars = Record<string, unknown>;
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

const SignForm = ({ contract }: { contract: ContractDetail }) => {
  const sign = useWrite<unknown, Vars>(SIGN);
  return (
    <ActionForm
      title="Sign the contract"
      submitLabel="Sign"
      onSubmit={() => sign.mutate({ id: contract.id })}
      pending={sign.isPending}
      error={sign.error}
    >
      <p className="muted">
        Signing makes the draft binding: capacity can then be reserved and it is billed.
      </p>
    </ActionForm>
  );
};

const ReserveForm = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const reserve = useWrite<
    { reserveCapacity: { id: string; gpuModel: string; gpuCount: number } },
    Vars
  >(RESERVE);
  const models = contract.site.gpuInventory.map((gpus) => gpus.gpuModel);
  const [gpuModel, setGpuModel] = useState(models[0] ?? '');
  const [count, setCount] = useState('');
  const from = useLocalTime(zone);
  const to = useLocalTime(zone);
  const done = reserve.data?.reserveCapacity;
  return (
    <ActionForm
      title="Reserve capacity"
      submitLabel="Reserve"
      onSubmit={() =>
        reserve.mutate({
          input: {
            contractId: contract.id,
            gpuModel,
            gpuCount: Number(count),
            startsAt: from.instant(),
            endsAt: to.instant(),
          },
        })
      }
      pending={reserve.isPending}
      error={reserve.error}
      done={
        done ? `Reserved ${quantity(done.gpuCount)} × ${done.gpuModel} (${done.id}).` : undefined
      }
    >
      <div className="row">
        <SelectField
          id="reserve-model"
          label="GPU model"
          value={gpuModel}
          onChange={setGpuModel}
          options={models.map((model) => ({ value: model, label: model }))}
        />
        <Field
          id="reserve-count"
          label="GPUs"
          type="number"
          min={1}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          required
        />
      </div>
      <div className="row">
        <LocalTimeField id="reserve-from" label="From" when={from} />
        <LocalTimeField id="reserve-to" label="To" when={to} />
      </div>
    </ActionForm>
  );
};

const CommitForm = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const commit = useWrite<{ commitPower: { id: string; kw: string } }, Vars>(COMMIT);
  const [kw, setKw] = useState('');
  const from = useLocalTime(zone);
  const to = useLocalTime(zone);
  const done = commit.data?.commitPower;
  return (
    <ActionForm
      title="Commit power"
      submitLabel="Commit"
      onSubmit={() =>
        commit.mutate({
          input: {
            contractId: contract.id,
            kw: kw.trim(),
            startsAt: from.instant(),
            endsAt: to.instant(),
          },
        })
      }
      pending={commit.isPending}
      error={commit.error}
      done={done ? `Committed ${quantity(done.kw)} kW (${done.id}).` : undefined}
    >
      <Field
        id="commit-kw"
        label="kW"
        inputMode="decimal"
        value={kw}
        onChange={(e) => setKw(e.target.value)}
        required
      />
      <div className="row">
        <LocalTimeField id="commit-from" label="From" when={from} />
        <LocalTimeField id="commit-to" label="To" when={to} />
      </div>
    </ActionForm>
  );
};

const CancelForm = ({ contract }: { contract: ContractDetail }) => {
  const cancel = useWrite<{ cancelReservation: { id: string } }, Vars>(CANCEL);
  const open = contract.reservations.filter((reservation) => !reservation.cancelled);
  const [id, setId] = useState(open[0]?.id ?? '');
  const [reason, setReason] = useState('');
  if (open.length === 0) return null;
  return (
    <ActionForm
      title="Cancel a reservation"
      submitLabel="Cancel the reservation"
      onSubmit={() => cancel.mutate({ id, reason })}
      pending={cancel.isPending}
      error={cancel.error}
      done={cancel.data ? `Reservation ${cancel.data.cancelReservation.id} cancelled.` : undefined}
    >
      <SelectField
        id="cancel-reservation"
        label="Reservation"
        value={id}
        onChange={setId}
        options={open.map((reservation) => ({
          value: reservation.id,
          label: `${reservation.id}: ${reservation.gpuCount} × ${reservation.gpuModel}`,
        }))}
      />
      <Field
        id="cancel-reason"
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
      />
    </ActionForm>
  );
};

const AmendForm = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const amend = useWrite<unknown, Vars>(AMEND);
  const when = useLocalTime(zone);
  const [card, setCard] = useState<RateCardDraft>(() => ({
    gpuRates: contract.rateCard.gpuRates.map((rate) => ({ ...rate })),
    powerPricePerKwMonth: contract.rateCard.powerPricePerKwMonth,
    energyPricePerKwh: contract.rateCard.energyPricePerKwh ?? '',
    pue: contract.rateCard.pue,
  }));
  return (
    <ActionForm
      title="Amend the rate card"
      submitLabel="Amend"
      onSubmit={() =>
        amend.mutate({
          input: {
            contractId: contract.id,
            effectiveAt: when.instant(),
            rateCard: rateCardInput(card),
          },
        })
      }
      pending={amend.isPending}
      error={amend.error}
      done={amend.data ? 'Amendment recorded.' : undefined}
    >
      <LocalTimeField id="amend-at" label="Effective" when={when} />
      <RateCardFields idPrefix="amend" card={card} onChange={setCard} />
    </ActionForm>
  );
};

const TerminateForm = ({ contract }: { contract: ContractDetail }) => {
  const zone = contract.billingTimeZone;
  const terminate = useWrite<unknown, Vars>(TERMINATE);
  const when = useLocalTime(zone);
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title="Terminate the contract"
      submitLabel="Terminate"
      onSubmit={() => terminate.mutate({ id: contract.id, effectiveAt: when.instant(), reason })}
      pending={terminate.isPending}
      error={terminate.error}
    >
      <LocalTimeField id="terminate-at" label="Effective" when={when} />
      <Field
        id="terminate-reason"
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
      />
    </ActionForm>
  );
};
