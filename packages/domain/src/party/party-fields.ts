import { z } from 'zod';
import { countryCode, optionalId, optionalText, optionalVatId, text } from '../fields.js';

/** What partners and tenants share: a legal party that can be billed. */
export const partyFields = {
  id: optionalId(),
  name: text(200),
  countryCode: countryCode(),
  vatId: optionalVatId(),
  address: optionalText(500),
};

export const partySchema = z.object(partyFields);
