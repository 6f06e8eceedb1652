export * from './errors.js';
export * from './events.js';
export * from './event-codec.js';
export * from './streams.js';
export * from './instant.js';
export * from './accepted-years.js';
export * from './decider.js';
export * from './id-generator.js';
export * from './command-handler.js';
export { isId, isTimeZone, ID_ACCEPTED } from './fields.js';
export { COUNTRY_CODES } from './country-codes.js';
export * from './contract/rate-card.js';
export * from './contract/contract-state.js';
export * from './contract/contract-commands.js';
export * from './contract/contract-decider.js';
export * from './contract/contract-history.js';
export * from './site/site-state.js';
export * from './site/site-commands.js';
export * from './site/site-decider.js';
export * from './party/partner.js';
export * from './party/tenant.js';
export * from './party/party-details.js';
export * from './incident/incident.js';
export * from './usage/usage-records.js';
export * from './usage/record-bounds.js';
export * from './usage/attribution.js';
export { commandDigest } from './idempotency.js';
export * from './id-claim/id-claim.js';
export * from './tenancy/active-term.js';
export * from './tenancy/tenancy-state.js';
export * from './tenancy/tenancy-commands.js';
export * from './tenancy/tenancy-decider.js';
export { overlappingClaims } from './tenancy/tenancy-decide.js';
export * from './site/held-reservations.js';
export * from './webhook/webhook-endpoint.js';
export * from './alert/alert-rule.js';
export * from './control-characters.js';
export {
  bru1,
  workedPartnerDetails,
  workedRateCardInput,
  workedTenantDetails,
} from './worked-example.js';
