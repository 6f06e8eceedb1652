import Decimal from 'decimal.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { SiteEvent } from '../events.js';
import { repeatOrConflict } from '../idempotency.js';
import { formatEnd, formatInstant, toMs } from '../instant.js';
import {
  draftedContract,
  rateCardsDuring,
  termEnd,
  type ContractState,
} from '../contract/contract-state.js';
import { leastFree } from './capacity.js';
import type {
  CancelReservation,
  CommitPower,
  RegisterSite,
  ReleaseContractCapacity,
  ReserveCapacity,
  SiteCommand,
} from './site-commands.js';
import { heldUntil, installedGpus, type SiteState } from './site-state.js';

export function decideSite(command: SiteCommand, state: SiteState): SiteEvent[] {
  switch (command.type) {
    case 'RegisterSite':
      return register(command, state);
    case 'ReserveCapacity':
      return reserve(command, state);
    case 'CancelReservation':
      return cancel(command, state);
    case 'CommitPower':
      return commit(command, state);
    case 'ReleaseContractCapacity':
      return release(command, state);
  }
}

function register({ data }: RegisterSite, state: SiteState): SiteEvent[] {
  if (state.site) return repeatOrConflict('site', data.siteId, state.site, data);
  return [{ type: 'SiteRegistered', data }];
}

function registered(state: SiteState, message: string, field: string) {
  if (!state.site) throw notFound(message, field);
  return state.site;
}

/** The site a booking of the contract is made at: the contract's, which must be registered here. */
function bookingSite(state: SiteState, contract: ContractState, contractId: string) {
  const { siteId } = draftedContract(contract, contractId).drafted;
  return registered(
    state,
    `site ${siteId} of contract ${contractId} is not registered`,
    'contractId',
  );
}

/** The contract must exist at this site, not be terminated before the booking ends, and cover it. */
function checkContractCovers(
  contract: ContractState,
  siteId: string,
  { contractId, startsAt, endsAt }: { contractId: string; startsAt: string; endsAt: string },
) {
  const existing = draftedContract(contract, contractId);
  const { drafted } = existing;
  if (drafted.siteId !== siteId) {
    throw badInput(
      'contractId',
      `a contract at site ${siteId}`,
      `${contractId} (at site ${drafted.siteId})`,
    );
  }
  if (existing.status === 'TERMINATED' && existing.signedAt === null) {
    throw conflict(
      `contract ${contractId} was terminated before it was signed; it holds no capacity`,
      'contractId',
    );
  }
  const end = termEnd(existing);
  const endMs = end === null ? Number.POSITIVE_INFINITY : toMs(end);
  if (toMs(startsAt) < toMs(drafted.startsAt) || toMs(endsAt) > endMs) {
    throw badInput(
      'startsAt',
      `an interval within the term of contract ${contractId}, from ${drafted.startsAt} to ${formatEnd(end)}`,
      `${startsAt} to ${endsAt}`,
    );
  }
  return drafted;
}

function reserve({ data, context }: ReserveCapacity, state: SiteState): SiteEvent[] {
  const site = bookingSite(state, context.contract, data.contractId);
  const previous = state.reservations[data.reservationId];
  if (previous) {
    const { reservationId, contractId, gpuModel, gpuCount, startsAt, endsAt } = previous;
    return repeatOrConflict(
      'reservation',
      data.reservationId,
      { reservationId, contractId, gpuModel, gpuCount, startsAt, endsAt },
      data,
    );
  }
  const drafted = checkContractCovers(context.contract, site.siteId, data);
  const from = toMs(data.startsAt);
  const to = toMs(data.endsAt);
  for (const segment of rateCardsDuring(context.contract, from, to)) {
    if (!segment.rateCard.gpuRates.some((rate) => rate.gpuModel === data.gpuModel)) {
      const priced = segment.rateCard.gpuRates.map((r) => r.gpuModel).join(', ') || 'none';
      throw badInput(
        'gpuModel',
        `a GPU model priced in the rate card of contract ${data.contractId} in force from ${segment.effectiveAt} (${priced})`,
        data.gpuModel,
      );
    }
  }
  const installed = installedGpus(site, data.gpuModel);
  const held = Object.values(state.reservations)
    .filter((r) => r.gpuModel === data.gpuModel)
    .map((r) => ({
      start: toMs(r.startsAt),
      end: heldUntil(state, r),
      amount: new Decimal(r.gpuCount),
    }));
  const { free, at } = leastFree(new Decimal(installed), held, from, to);
  if (free.lt(data.gpuCount)) {
    throw conflict(
      `site ${site.siteId} has ${free.toFixed()} ${data.gpuModel} free from ${formatInstant(at)}, ${data.gpuCount} asked`,
      'gpuCount',
    );
  }
  return [
    {
      type: 'CapacityReserved',
      data: { ...data, siteId: site.siteId, tenantId: drafted.tenantId },
    },
  ];
}

function cancel({ data, now }: CancelReservation, state: SiteState): SiteEvent[] {
  const site = registered(state, `id: no reservation ${data.reservationId}`, 'id');
  const reservation = state.reservations[data.reservationId];
  if (!reservation) throw notFound(`id: no reservation ${data.reservationId}`, 'id');
  if (reservation.cancelledAt !== null) return [];
  return [
    {
      type: 'ReservationCancelled',
      data: {
        reservationId: reservation.reservationId,
        siteId: site.siteId,
        contractId: reservation.contractId,
        reason: data.reason,
        cancelledAt: now,
      },
    },
  ];
}

function commit({ data, context }: CommitPower, state: SiteState): SiteEvent[] {
  const site = bookingSite(state, context.contract, data.contractId);
  const previous = state.commitments[data.commitmentId];
  if (previous) {
    const { commitmentId, contractId, kw, startsAt, endsAt } = previous;
    return repeatOrConflict(
      'power commitment',
      data.commitmentId,
      { commitmentId, contractId, kw, startsAt, endsAt },
      data,
    );
  }
  const drafted = checkContractCovers(context.contract, site.siteId, data);
  const held = Object.values(state.commitments).map((c) => ({
    start: toMs(c.startsAt),
    end: heldUntil(state, c),
    amount: new Decimal(c.kw),
  }));
  const { free, at } = leastFree(
    new Decimal(site.powerCapacityKw),
    held,
    toMs(data.startsAt),
    toMs(data.endsAt),
  );
  if (free.lt(data.kw)) {
    throw conflict(
      `site ${site.siteId} has ${free.toFixed()} kW free from ${formatInstant(at)}, ${data.kw} kW asked`,
      'kw',
    );
  }
  return [
    { type: 'PowerCommitted', data: { ...data, siteId: site.siteId, tenantId: drafted.tenantId } },
  ];
}

function release({ data }: ReleaseContractCapacity, state: SiteState): SiteEvent[] {
  registered(state, `site ${data.siteId} is not registered`, 'siteId');
  const previous = state.releases[data.contractId];
  if (previous !== undefined && toMs(previous) <= toMs(data.effectiveAt)) return [];
  return [{ type: 'ContractCapacityReleased', data }];
}
