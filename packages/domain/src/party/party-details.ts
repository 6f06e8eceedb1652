import { z } from 'zod';
import { badInput, notFound } from '../errors.js';
import type { PartyDetailsUpdated } from '../events.js';
import { countryCode, optionalVatId, text } from '../fields.js';
import { canonicalJson } from '../idempotency.js';
import { parseInput } from '../parse-input.js';

export type PartyDetails = PartyDetailsUpdated['data'];
export type PartyKind = PartyDetails['kind'];

/** Update a party's details; `now` comes from the handler. */
export type UpdatePartyDetails = {
  type: 'UpdatePartyDetails';
  data: Omit<PartyDetails, 'updatedAt'>;
  now: string;
};

const SIREN = /^\d{9}$/;
/** BR-FR-23/25: letters, digits, '-', '_' and '.', at most 125. */
const ELECTRONIC_ID = /^[A-Za-z0-9._-]{1,125}$/;

const optionalLine = z
  .union([z.string().max(100), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));

const detailsSchema = z.object({
  siren: z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      const compact = typeof v === 'string' ? v.replace(/\s/g, '') : '';
      if (SIREN.test(compact)) return compact;
      ctx.addIssue({
        code: 'custom',
        message: `expected a SIREN of 9 digits such as "912345678", or nothing, got ${JSON.stringify(v)}`,
      });
      return z.NEVER;
    }),
  vatId: optionalVatId()
    .optional()
    .transform((v) => v ?? null),
  postalAddress: z.object({
    line1: text(100),
    line2: optionalLine,
    postcode: text(20),
    city: text(100),
    countryCode: countryCode(),
  }),
  electronicAddress: z
    .object({
      scheme: z.string().regex(/^(\d{4}|EM)$/, 'expected an EAS scheme code such as "0225"'),
      value: z.string().regex(ELECTRONIC_ID, "expected 1 to 125 letters, digits, '-', '_' or '.'"),
    })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

/**
 * A party's details from input: a SIREN of 9 digits (French parties need one to be billed), the
 * postal address in parts, the e-invoicing address (defaults to scheme 0225 + SIREN when a SIREN
 * is given).
 */
export function parseUpdatePartyDetails(
  input: unknown,
  kind: PartyKind,
  partyId: string,
): UpdatePartyDetails['data'] {
  const parsed = parseInput(detailsSchema, input);
  const electronicAddress =
    parsed.electronicAddress ??
    (parsed.siren === null ? null : { scheme: '0225', value: parsed.siren });
  return { kind, partyId, ...parsed, electronicAddress };
}

/**
 * The event that records new details, none when they are the ones in force. The party must be
 * registered; its address is in its own country (the country its VAT treatment follows).
 */
export function decidePartyDetails(
  command: UpdatePartyDetails,
  party: { countryCode: string } | null,
  current: PartyDetails | null,
): PartyDetailsUpdated[] {
  const { data } = command;
  if (party === null)
    throw notFound(`${data.kind.toLowerCase()} ${data.partyId} does not exist`, 'partyId');
  if (data.postalAddress.countryCode !== party.countryCode) {
    throw badInput(
      'postalAddress.countryCode',
      `the party's country ${party.countryCode}`,
      data.postalAddress.countryCode,
    );
  }
  if (current !== null) {
    const { updatedAt: _at, ...inForce } = current;
    if (canonicalJson(inForce) === canonicalJson(data)) return [];
  }
  return [{ type: 'PartyDetailsUpdated', data: { ...data, updatedAt: command.now } }];
}
