import { conflict, notFound, badInput } from '../errors.js';
import type { ContractEvent } from '../events.js';
import { repeatOrConflict } from '../idempotency.js';
import { endMs, formatEnd, formatInstant, toMs } from '../instant.js';
import type { AmendContract, ContractCommand, DraftContract, SignContract, TerminateContract } from './contract-commands.js';
import { activeInterval, termEnd, type ContractState } from './contract-state.js';

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
  if (state.drafted) {
    const { draftedAt: _d, partnerId: _p, currency: _c, ...recorded } = state.drafted;
    return repeatOrConflict('contract', data.contractId, recorded, data);
  }
  if (!context.tenant) throw notFound(`tenantId: no tenant ${data.tenantId}`, 'tenantId');
  if (!context.siteExists) throw notFound(`siteId: no site ${data.siteId}`, 'siteId');
  if (data.billTo === 'PARTNER' && context.tenant.partnerId === null) {
    throw badInput('billTo', `TENANT, since tenant ${data.tenantId} has no partner`, data.billTo);
  }
  const partnerId = data.billTo === 'PARTNER' ? context.tenant.partnerId : null;
  return [{ type: 'ContractDrafted', data: { ...data, partnerId, currency: 'EUR', draftedAt: now } }];
}

function existing(state: ContractState, contractId: string) {
  if (!state.drafted) throw notFound(`contract ${contractId} does not exist`, 'id');
  return state.drafted;
}

function sign({ data, now, context }: SignContract, state: ContractState): ContractEvent[] {
  const drafted = existing(state, data.contractId);
  if (state.termination) throw conflict(`contract ${data.contractId} is terminated; it cannot be signed`, 'id');
  if (state.signedAt) return [];
  const mine = activeInterval({ ...state, signedAt: now });
  for (const other of context.otherContracts) {
    const od = other.drafted;
    if (!od || od.contractId === drafted.contractId || od.tenantId !== drafted.tenantId || od.siteId !== drafted.siteId) {
      continue;
    }
    const theirs = activeInterval(other);
    if (mine && theirs && theirs.start < mine.end && mine.start < theirs.end) {
      throw conflict(
        `tenant ${drafted.tenantId} already has contract ${od.contractId} active at site ${drafted.siteId} ` +
          `from ${od.startsAt} to ${formatEnd(termEnd(od, other))}; contract ${drafted.contractId} ` +
          `(from ${drafted.startsAt} to ${formatEnd(drafted.endsAt)}) would overlap it from ` +
          `${formatInstant(Math.max(mine.start, theirs.start))}`,
        'id',
      );
    }
  }
  return [{ type: 'ContractSigned', data: { contractId: drafted.contractId, signedAt: now } }];
}

function amend({ data, now }: AmendContract, state: ContractState): ContractEvent[] {
  const drafted = existing(state, data.contractId);
  const previous = state.amendments.find((a) => a.amendmentId === data.amendmentId);
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
  if (state.termination && at >= toMs(state.termination.effectiveAt)) {
    throw conflict(
      `contract ${drafted.contractId} is terminated from ${state.termination.effectiveAt}; ` +
        `an amendment must take effect before that, not at ${data.effectiveAt}`,
      'effectiveAt',
    );
  }
  return [{ type: 'ContractAmended', data: { ...data, amendedAt: now } }];
}

function terminate({ data, now }: TerminateContract, state: ContractState): ContractEvent[] {
  const drafted = existing(state, data.contractId);
  if (state.termination) {
    if (toMs(state.termination.effectiveAt) === toMs(data.effectiveAt)) return [];
    throw conflict(
      `contract ${drafted.contractId} is already terminated from ${state.termination.effectiveAt}`,
      'effectiveAt',
    );
  }
  if (toMs(data.effectiveAt) >= endMs(drafted.endsAt)) {
    throw badInput('effectiveAt', `an instant before the end of contract ${drafted.contractId}, ${drafted.endsAt}`, data.effectiveAt);
  }
  return [{ type: 'ContractTerminated', data: { ...data, terminatedAt: now } }];
}
