import type { SiteRegistered } from './events.js';

/**
 * The setting of the worked examples (design/worked-examples.md): published once, so that
 * the platform's demo and every workspace's tests load the same site and rate card.
 */

/** The rate card of the worked examples as worked-examples.md writes it (two decimals), without an SLA schedule. */
export const workedRateCardInput = {
  gpuRates: [
    { gpuModel: 'GB300', reservedPricePerGpuHour: '3.10', onDemandPricePerGpuHour: '4.20' },
    { gpuModel: 'H200', reservedPricePerGpuHour: '2.20', onDemandPricePerGpuHour: '3.00' },
  ],
  powerPricePerKwMonth: '145',
  energyPricePerKwh: '0.115',
  pue: '1.20',
};

/** Site bru-1: GB300 × 13824, H200 × 2048, 44 MW, Europe/Paris. */
export const bru1: SiteRegistered['data'] = {
  siteId: 'bru-1',
  name: 'Bruyères-le-Châtel',
  countryCode: 'FR',
  timeZone: 'Europe/Paris',
  powerCapacityKw: '44000',
  gpuInventory: [
    { gpuModel: 'GB300', count: 13824 },
    { gpuModel: 'H200', count: 2048 },
  ],
};

/** Partner fluidstack's (GB) details for e-invoicing. */
export const workedPartnerDetails = {
  vatId: 'GB123456789',
  postalAddress: {
    line1: '1 Canada Square',
    postcode: 'E14 5AB',
    city: 'London',
    countryCode: 'GB',
  },
  electronicAddress: { scheme: '0060', value: '219876543' },
};

/** A French tenant's details for e-invoicing (mistral's in the demo). */
export const workedTenantDetails = {
  siren: '345678901',
  vatId: 'FR12345678901',
  postalAddress: {
    line1: '15 rue des Halles',
    postcode: '75001',
    city: 'Paris',
    countryCode: 'FR',
  },
};
