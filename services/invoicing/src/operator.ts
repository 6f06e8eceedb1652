import Decimal from 'decimal.js';
import { IANAZone } from 'luxon';
import { badInput, DomainError } from '@cadran/domain';
import type { OperatorData } from './events.js';

/** The fixed indemnity for recovery costs owed by a late payer (Code de commerce, art. D441-5). */
export const RECOVERY_INDEMNITY = '40.00';

/** The CADRAN_OPERATOR_* variables, by what they set. */
export const OPERATOR_ENV = {
  name: 'CADRAN_OPERATOR_NAME',
  siren: 'CADRAN_OPERATOR_SIREN',
  vatId: 'CADRAN_OPERATOR_VAT_ID',
  line1: 'CADRAN_OPERATOR_ADDRESS_LINE1',
  line2: 'CADRAN_OPERATOR_ADDRESS_LINE2',
  postcode: 'CADRAN_OPERATOR_POSTCODE',
  city: 'CADRAN_OPERATOR_CITY',
  electronicAddress: 'CADRAN_OPERATOR_ELECTRONIC_ADDRESS',
  vatOnDebits: 'CADRAN_OPERATOR_VAT_ON_DEBITS',
  iban: 'CADRAN_OPERATOR_IBAN',
  bic: 'CADRAN_OPERATOR_BIC',
  timeZone: 'CADRAN_OPERATOR_TIME_ZONE',
  latePaymentPenaltyRatePercent: 'CADRAN_LATE_PAYMENT_PENALTY_RATE_PERCENT',
} as const;

/** What issuing needs; none has a default outside --demo. */
const REQUIRED = ['name', 'siren', 'vatId', 'line1', 'postcode', 'city', 'iban'] as const;

/** A fictitious operator for `pnpm start --demo` and tests; never a default in production. */
export const DEMO_OPERATOR_ENV: Record<string, string> = {
  [OPERATOR_ENV.name]: 'Cadran Compute SAS',
  [OPERATOR_ENV.siren]: '912345678',
  [OPERATOR_ENV.vatId]: 'FR74912345678',
  [OPERATOR_ENV.line1]: '12 rue de la Boétie',
  [OPERATOR_ENV.postcode]: '75008',
  [OPERATOR_ENV.city]: 'Paris',
  [OPERATOR_ENV.iban]: 'FR7630006000011234567890189',
  [OPERATOR_ENV.bic]: 'AGRIFRPP',
};

/** The operator as configured, and the variables issuing still needs (empty: complete). */
export type OperatorSettings = { operator: OperatorData; missing: string[] };

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const ELECTRONIC = /^(\d{4}|EM):[A-Za-z0-9._-]{1,125}$/;

/**
 * The operator from the CADRAN_OPERATOR_* variables. A malformed value is BAD_USER_INPUT naming
 * the variable; a missing one is listed in `missing` (issuing refuses then). `demo` fills what is
 * missing from DEMO_OPERATOR_ENV.
 */
export function operatorFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: { demo?: boolean } = {},
): OperatorSettings {
  const value = (key: keyof typeof OPERATOR_ENV): string | undefined => {
    const name = OPERATOR_ENV[key];
    const given = env[name]?.trim();
    if (given) return given;
    return options.demo ? DEMO_OPERATOR_ENV[name] : undefined;
  };
  const missing = REQUIRED.filter((key) => value(key) === undefined).map((k) => OPERATOR_ENV[k]);
  const siren = value('siren') ?? '';
  if (siren !== '' && !/^\d{9}$/.test(siren))
    throw badInput(OPERATOR_ENV.siren, 'a SIREN of 9 digits such as "912345678"', siren);
  const vatId = value('vatId') ?? '';
  if (vatId !== '' && !/^FR[0-9A-Z]{2}\d{9}$/.test(vatId))
    throw badInput(OPERATOR_ENV.vatId, 'a French VAT number such as "FR74912345678"', vatId);
  const iban = (value('iban') ?? '').replace(/\s/g, '').toUpperCase();
  if (iban !== '' && !IBAN.test(iban))
    throw badInput(OPERATOR_ENV.iban, 'an IBAN such as "FR7630006000011234567890189"', iban);
  const bic = value('bic')?.toUpperCase() ?? null;
  if (bic !== null && !BIC.test(bic))
    throw badInput(OPERATOR_ENV.bic, 'a BIC of 8 or 11 characters such as "AGRIFRPP"', bic);
  const electronic = value('electronicAddress') ?? (siren ? `0225:${siren}` : '');
  if (electronic !== '' && !ELECTRONIC.test(electronic))
    throw badInput(
      OPERATOR_ENV.electronicAddress,
      'an EAS scheme and identifier such as "0225:912345678"',
      electronic,
    );
  const debits = value('vatOnDebits') ?? 'false';
  if (debits !== 'true' && debits !== 'false')
    throw badInput(OPERATOR_ENV.vatOnDebits, 'true or false', debits);
  const timeZone = value('timeZone') ?? 'Europe/Paris';
  if (!IANAZone.isValidZone(timeZone))
    throw badInput(OPERATOR_ENV.timeZone, 'an IANA time zone such as "Europe/Paris"', timeZone);
  const rate = value('latePaymentPenaltyRatePercent') ?? '12.15';
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(rate))
    throw badInput(OPERATOR_ENV.latePaymentPenaltyRatePercent, 'a percent such as "12.15"', rate);

  const postalAddress = {
    line1: value('line1') ?? '',
    line2: value('line2') ?? null,
    postcode: value('postcode') ?? '',
    city: value('city') ?? '',
    countryCode: 'FR',
  };
  const [scheme = '', id = ''] = electronic.split(':');
  return {
    missing,
    operator: {
      name: value('name') ?? '',
      address: [
        postalAddress.line1,
        postalAddress.line2,
        `${postalAddress.postcode} ${postalAddress.city}`,
        'France',
      ]
        .filter((part) => part !== null && part.trim() !== '')
        .join(', '),
      siren,
      vatId,
      countryCode: 'FR',
      timeZone,
      latePaymentPenaltyRatePercent: new Decimal(rate).toFixed(2),
      recoveryIndemnity: RECOVERY_INDEMNITY,
      postalAddress,
      electronicAddress: { scheme, value: id },
      vatOnDebits: debits === 'true',
      iban,
      bic,
    },
  };
}

/** Refuses issuing while the operator lacks what every invoice must carry. */
export function requireCompleteOperator(settings: OperatorSettings): OperatorData {
  if (settings.missing.length > 0)
    throw new DomainError(
      'BAD_USER_INPUT',
      `the operator is not configured: set ${settings.missing.join(', ')} (the seller's identity printed on every invoice); nothing was issued`,
    );
  return settings.operator;
}
