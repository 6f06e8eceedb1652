import { z } from 'zod';
import { badInput } from '../errors.js';
import type { ContractDrafted, RateCardData } from '../events.js';
import {
  id,
  instant,
  integer,
  oneOf,
  optionalId,
  optionalInstant,
  text,
  timeZone,
} from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { toMs } from '../instant.js';
import { parseInput } from '../parse-input.js';
import type { ContractState } from './contract-state.js';
import { checkRateCard, rateCardSchema } from './rate-card.js';

export type DraftContractData = Omit<
  ContractDrafted['data'],
  'draftedAt' | 'partnerId' | 'currency'
>;

export type DraftContract = {
  type: 'DraftContract';
  data: DraftContractData;
  now: string;
  /** Provided by the handler: the tenant (null when unknown) and whether the site is registered. */
  context: { tenant: { tenantId: string; partnerId: string | null } | null; siteExists: boolean };
};
export type SignContract = {
  type: 'SignContract';
  data: { contractId: string };
  now: string;
  /**
   * Other contracts of the same tenant at the same site, checked when given. The rule is owned by
   * the tenancy stream (ActivateContract), which the handler claims before ContractSigned.
   */
  context?: { otherContracts: ContractState[] };
};
export type AmendContractData = {
  amendmentId: string;
  contractId: string;
  effectiveAt: string;
  rateCard: RateCardData;
};
/** A reservation of the contract as the site ledger holds it: [startsAt, heldUntil). */
export type HeldReservation = {
  reservationId: string;
  gpuModel: string;
  startsAt: string;
  heldUntil: string;
};
export type AmendContract = {
  type: 'AmendContract';
  data: AmendContractData;
  now: string;
  /** Provided by the handler: the contract's reservations still held somewhere at or after effectiveAt. */
  context?: { reservations: HeldReservation[] };
};
export type TerminateContractData = { contractId: string; effectiveAt: string; reason: string };
export type TerminateContract = {
  type: 'TerminateContract';
  data: TerminateContractData;
  now: string;
};

export type ContractCommand = DraftContract | SignContract | AmendContract | TerminateContract;

const draftSchema = z.object({
  id: optionalId(),
  tenantId: id(),
  billTo: oneOf(['TENANT', 'PARTNER'] as const)
    .optional()
    .nullable(),
  siteId: id(),
  startsAt: instant(),
  endsAt: optionalInstant(),
  billingTimeZone: timeZone().optional().nullable(),
  paymentTermsDays: integer(0, 365).optional().nullable(),
  rateCard: rateCardSchema,
});

export function parseDraftContract(input: unknown, newId: IdGenerator): DraftContractData {
  const parsed = parseInput(draftSchema, input);
  const endsAt = parsed.endsAt ?? null;
  if (endsAt !== null && toMs(endsAt) <= toMs(parsed.startsAt)) {
    throw badInput(
      'endsAt',
      `an instant after startsAt ${parsed.startsAt}, or nothing for an open-ended contract`,
      endsAt,
    );
  }
  return {
    contractId: parsed.id ?? newId(),
    tenantId: parsed.tenantId,
    billTo: parsed.billTo ?? 'TENANT',
    siteId: parsed.siteId,
    startsAt: parsed.startsAt,
    endsAt,
    billingTimeZone: parsed.billingTimeZone ?? 'Europe/Paris',
    paymentTermsDays: parsed.paymentTermsDays ?? 30,
    rateCard: checkRateCard(parsed.rateCard, 'rateCard'),
  };
}

export function parseSignContract(input: unknown): { contractId: string } {
  return { contractId: parseInput(z.object({ id: id() }), input).id };
}

const amendSchema = z.object({
  id: optionalId(),
  contractId: id(),
  effectiveAt: instant(),
  rateCard: rateCardSchema,
});

export function parseAmendContract(input: unknown, newId: IdGenerator): AmendContractData {
  const parsed = parseInput(amendSchema, input);
  return {
    amendmentId: parsed.id ?? newId(),
    contractId: parsed.contractId,
    effectiveAt: parsed.effectiveAt,
    rateCard: checkRateCard(parsed.rateCard, 'rateCard'),
  };
}

const terminateSchema = z.object({ id: id(), effectiveAt: instant(), reason: text(1000) });

export function parseTerminateContract(input: unknown): TerminateContractData {
  const parsed = parseInput(terminateSchema, input);
  return { contractId: parsed.id, effectiveAt: parsed.effectiveAt, reason: parsed.reason };
}
