import { conflict, notFound, badInput } from '../errors.js';
import type { ContractEvent } from '../events.js';
import { repeatOrConflict } from '../idempotency.js';
import { endMs, formatEnd, toMs } from '../instant.js';
import { refuseOverlap } from '../tenancy/active-term.js';
import type {
  AmendContract,
  ContractCommand,
  DraftContract,
  HeldReservation,
  SignContract,
  TerminateContract,
} from './contract-commands.js';
import {
  evolveContract,
  rateCardsDuring,
  signedAt,
  termEnd,
  terminationOf,
  type ContractState,
  type DraftedContract,
} from './contract-state.js';

export function decideContract(command: ContractCommand, state: ContractState): ContractEvent[] {
  switch (command.type) {
    case 'DraftContract':
      return draft(command, state);
    case 'SignContract':
      return sign(command, state);
    case 'AmendContract':
      return amend(command, state);
    case 'TerminateContract':
      return terminate(command, state);
  }
}

function draft({ data, now, context }: DraftContract, state: ContractState): ContractEvent[] {
  if (state.status !== 'NONE') {
    const { draftedAt: _d, partnerId: _p, currency: _c, ...recorded } = state.drafted;
    return repeatOrConflict('contract', data.contractId, recorded, data);
  }
  if (!context.tenant) throw notFound(`tenantId: no tenant ${data.tenantId}`, 'tenantId');
  if (!context.siteExists) throw notFound(`siteId: no site ${data.siteId}`, 'siteId');
  if (data.billTo === 'PARTNER' && context.tenant.partnerId === null) {
    throw badInput('billTo', `TENANT, since tenant ${data.tenantId} has no partner`, data.billTo);
  }
  const partnerId = data.billTo === 'PARTNER' ? context.tenant.partnerId : null;
  return [
    { type: 'ContractDrafted', data: { ...data, partnerId, currency: 'EUR', draftedAt: now } },
  ];
}

function existing(state: ContractState, contractId: string): DraftedContract {
  if (state.status === 'NONE') throw notFound(`contract ${contractId} does not exist`, 'id');
  return state;
}

function sign({ data, now, context }: SignContract, state: ContractState): ContractEvent[] {
  const contract = existing(state, data.contractId);
  if (contract.status === 'TERMINATED')
    throw conflict(`contract ${data.contractId} is terminated; it cannot be signed`, 'id');
  if (contract.status === 'SIGNED') return [];
  const { drafted } = contract;
  const others = (context?.otherContracts ?? []).filter(
    (other): other is DraftedContract =>
      other.status !== 'NONE' &&
      other.drafted.tenantId === drafted.tenantId &&
      other.drafted.siteId === drafted.siteId &&
      signedAt(other) !== null,
  );
  refuseOverlap(
    drafted.tenantId,
    drafted.siteId,
    { contractId: drafted.contractId, startsAt: drafted.startsAt, endsAt: drafted.endsAt },
    others.map((other) => ({
      contractId: other.drafted.contractId,
      startsAt: other.drafted.startsAt,
      endsAt: termEnd(other),
    })),
  );
  return [{ type: 'ContractSigned', data: { contractId: drafted.contractId, signedAt: now } }];
}

function amend({ data, now, context }: AmendContract, state: ContractState): ContractEvent[] {
  const contract = existing(state, data.contractId);
  const { drafted } = contract;
  const termination = terminationOf(contract);
  const previous = contract.amendments.find((a) => a.amendmentId === data.amendmentId);
  if (previous) {
    const { amendedAt: _a, ...recorded } = previous;
    return repeatOrConflict('amendment', data.amendmentId, recorded, data);
  }
  const at = toMs(data.effectiveAt);
  if (at < toMs(drafted.startsAt) || at >= endMs(drafted.endsAt)) {
    throw badInput(
      'effectiveAt',
      `an instant within the term of contract ${drafted.contractId}, from ${drafted.startsAt} to ${formatEnd(drafted.endsAt)}`,
      data.effectiveAt,
    );
  }
  if (termination && at >= toMs(termination.effectiveAt)) {
    throw conflict(
      `contract ${drafted.contractId} is terminated from ${termination.effectiveAt}; ` +
        `an amendment must take effect before that, not at ${data.effectiveAt}`,
      'effectiveAt',
    );
  }
  const event: ContractEvent = { type: 'ContractAmended', data: { ...data, amendedAt: now } };
  refuseDroppedRates(evolveContract(state, event), data.amendmentId, context?.reservations ?? []);
  return [event];
}

/** A reservation still held while the amendment's rate card is in force needs its GPU model priced there. */
function refuseDroppedRates(
  amended: ContractState,
  amendmentId: string,
  reservations: readonly HeldReservation[],
) {
  for (const reservation of reservations) {
    const segments = rateCardsDuring(
      amended,
      toMs(reservation.startsAt),
      toMs(reservation.heldUntil),
    );
    for (const segment of segments.filter((s) => s.amendmentId === amendmentId)) {
      if (segment.rateCard.gpuRates.some((rate) => rate.gpuModel === reservation.gpuModel))
        continue;
      throw conflict(
        `reservation ${reservation.reservationId} holds ${reservation.gpuModel} until ${reservation.heldUntil}; ` +
          `amendment ${amendmentId} in force from ${segment.effectiveAt} has no rate for ${reservation.gpuModel}: ` +
          `keep its rate, or cancel the reservation first`,
        'rateCard.gpuRates',
      );
    }
  }
}

function terminate({ data, now }: TerminateContract, state: ContractState): ContractEvent[] {
  const contract = existing(state, data.contractId);
  const { drafted } = contract;
  if (contract.status === 'TERMINATED') {
    const { effectiveAt } = contract.termination;
    if (toMs(effectiveAt) === toMs(data.effectiveAt)) return [];
    throw conflict(
      `contract ${drafted.contractId} is already terminated from ${effectiveAt}`,
      'effectiveAt',
    );
  }
  if (toMs(data.effectiveAt) >= endMs(drafted.endsAt)) {
    throw badInput(
      'effectiveAt',
      `an instant before the end of contract ${drafted.contractId}, ${drafted.endsAt}`,
      data.effectiveAt,
    );
  }
  return [{ type: 'ContractTerminated', data: { ...data, terminatedAt: now } }];
}
