import Decimal from 'decimal.js';
import { IANAZone } from 'luxon';
import { badInput } from '@cadran/domain';
import type { OperatorData } from './events.js';

/** The fixed indemnity for recovery costs owed by a late payer (Code de commerce, art. D441-5). */
export const RECOVERY_INDEMNITY = '40.00';

export type OperatorIdentity = Omit<OperatorData, 'countryCode' | 'recoveryIndemnity'>;

/** Demo defaults: a fictitious operator; set the CADRAN_OPERATOR_* variables in production. */
export const DEMO_OPERATOR: OperatorIdentity = {
  name: 'Cadran Compute SAS',
  address: '12 rue de la Boétie, 75008 Paris, France',
  siren: '912345678',
  vatId: 'FR74912345678',
  timeZone: 'Europe/Paris',
  latePaymentPenaltyRatePercent: '12.15',
};

const ENV = {
  name: 'CADRAN_OPERATOR_NAME',
  address: 'CADRAN_OPERATOR_ADDRESS',
  siren: 'CADRAN_OPERATOR_SIREN',
  vatId: 'CADRAN_OPERATOR_VAT_ID',
  timeZone: 'CADRAN_OPERATOR_TIME_ZONE',
  latePaymentPenaltyRatePercent: 'CADRAN_LATE_PAYMENT_PENALTY_RATE_PERCENT',
} as const;

/** Checks an operator identity; throws BAD_USER_INPUT naming the setting. */
export function operatorData(
  identity: OperatorIdentity,
  names: Record<keyof OperatorIdentity, string> = ENV,
): OperatorData {
  for (const key of ['name', 'address'] as const) {
    if (typeof identity[key] !== 'string' || identity[key].trim() === '')
      throw badInput(names[key], 'a non-blank text', identity[key]);
  }
  if (!/^\d{9}$/.test(identity.siren))
    throw badInput(names.siren, 'a SIREN of 9 digits such as "912345678"', identity.siren);
  if (!/^FR[0-9A-Z]{2}\d{9}$/.test(identity.vatId)) {
    throw badInput(names.vatId, 'a French VAT number such as "FR74912345678"', identity.vatId);
  }
  if (!IANAZone.isValidZone(identity.timeZone))
    throw badInput(names.timeZone, 'an IANA time zone such as "Europe/Paris"', identity.timeZone);
  const rate = identity.latePaymentPenaltyRatePercent;
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(rate))
    throw badInput(names.latePaymentPenaltyRatePercent, 'a percent such as "12.15"', rate);
  return {
    name: identity.name.trim(),
    address: identity.address.trim(),
    siren: identity.siren,
    vatId: identity.vatId,
    countryCode: 'FR',
    timeZone: identity.timeZone,
    latePaymentPenaltyRatePercent: new Decimal(rate).toFixed(2),
    recoveryIndemnity: RECOVERY_INDEMNITY,
  };
}

/** The operator from CADRAN_OPERATOR_* variables, each falling back to the demo default. */
export function operatorFromEnv(env: NodeJS.ProcessEnv = process.env): OperatorData {
  const pick = (key: keyof OperatorIdentity) => {
    const value = env[ENV[key]];
    return value === undefined || value.trim() === '' ? DEMO_OPERATOR[key] : value.trim();
  };
  return operatorData({
    name: pick('name'),
    address: pick('address'),
    siren: pick('siren'),
    vatId: pick('vatId'),
    timeZone: pick('timeZone'),
    latePaymentPenaltyRatePercent: pick('latePaymentPenaltyRatePercent'),
  });
}
