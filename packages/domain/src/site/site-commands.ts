import { z } from 'zod';
import { badInput } from '../errors.js';
import { checkEachOnce } from '../each-once.js';
import type { CapacityReserved, PowerCommitted, SiteRegistered } from '../events.js';
import {
  countryCode,
  decimal,
  gpuModel,
  id,
  instant,
  integer,
  optionalId,
  text,
  timeZone,
} from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { toMs } from '../instant.js';
import { parseInput } from '../parse-input.js';
import type { ContractState } from '../contract/contract-state.js';

export const MAX_GPU_COUNT = 10_000_000;
/** A site draws at most 10 GW (10,000,000 kW): several times the largest campus planned. */
export const MAX_POWER_CAPACITY_KW = '10000000';

export type RegisterSite = { type: 'RegisterSite'; data: SiteRegistered['data'] };
/** A command booking capacity of a site under a contract: a reservation or a power commitment. */
type Booking<Type extends string, Data> = {
  type: Type;
  data: Data;
  /** Provided by the handler: the contract folded from its stream (initial state when unknown). */
  context: { contract: ContractState };
};
export type ReserveCapacityData = Omit<CapacityReserved['data'], 'siteId' | 'tenantId'>;
export type ReserveCapacity = Booking<'ReserveCapacity', ReserveCapacityData>;
export type CancelReservation = {
  type: 'CancelReservation';
  data: { reservationId: string; reason: string };
  now: string;
};
export type CommitPowerData = Omit<PowerCommitted['data'], 'siteId' | 'tenantId'>;
export type CommitPower = Booking<'CommitPower', CommitPowerData>;
/** Sent by the terminate handler after ContractTerminated. */
export type ReleaseContractCapacity = {
  type: 'ReleaseContractCapacity';
  data: { siteId: string; contractId: string; effectiveAt: string };
};

export type SiteCommand =
  RegisterSite | ReserveCapacity | CancelReservation | CommitPower | ReleaseContractCapacity;

const registerSchema = z.object({
  id: optionalId(),
  name: text(200),
  countryCode: countryCode(),
  timeZone: timeZone(),
  powerCapacityKw: decimal({ minExclusive: '0', max: MAX_POWER_CAPACITY_KW }),
  gpuInventory: z.array(z.object({ gpuModel: gpuModel(), count: integer(0, MAX_GPU_COUNT) })),
});

export function parseRegisterSite(input: unknown, newId: IdGenerator): SiteRegistered['data'] {
  const parsed = parseInput(registerSchema, input);
  checkEachOnce(
    parsed.gpuInventory,
    (gpu) => gpu.gpuModel,
    (index) => `gpuInventory[${index}].gpuModel`,
    'GPU model',
  );
  return {
    siteId: parsed.id ?? newId(),
    name: parsed.name,
    countryCode: parsed.countryCode,
    timeZone: parsed.timeZone,
    powerCapacityKw: parsed.powerCapacityKw,
    gpuInventory: parsed.gpuInventory,
  };
}

/** A booking as parsed: its id (the client's, or a new one) and the rest, its term ending after it starts. */
function parseBooking<
  S extends z.ZodType<{ id?: string | null; startsAt: string; endsAt: string }>,
>(schema: S, input: unknown, newId: IdGenerator) {
  const { id, ...rest } = parseInput(schema, input);
  if (toMs(rest.endsAt) <= toMs(rest.startsAt))
    throw badInput('endsAt', `an instant after startsAt ${rest.startsAt}`, rest.endsAt);
  return { id: id ?? newId(), rest };
}

const reserveSchema = z.object({
  id: optionalId(),
  contractId: id(),
  gpuModel: gpuModel(),
  gpuCount: integer(1, MAX_GPU_COUNT),
  startsAt: instant(),
  endsAt: instant(),
});

export function parseReserveCapacity(input: unknown, newId: IdGenerator): ReserveCapacityData {
  const { id, rest } = parseBooking(reserveSchema, input, newId);
  return { reservationId: id, ...rest };
}

export function parseCancelReservation(input: unknown): { reservationId: string; reason: string } {
  const parsed = parseInput(z.object({ id: id(), reason: text(1000) }), input);
  return { reservationId: parsed.id, reason: parsed.reason };
}

const commitSchema = z.object({
  id: optionalId(),
  contractId: id(),
  kw: decimal({ minExclusive: '0' }),
  startsAt: instant(),
  endsAt: instant(),
});

export function parseCommitPower(input: unknown, newId: IdGenerator): CommitPowerData {
  const { id, rest } = parseBooking(commitSchema, input, newId);
  return { commitmentId: id, ...rest };
}
