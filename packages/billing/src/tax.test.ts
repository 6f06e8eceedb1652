import { describe, expect, it } from 'vitest';
import { OUTSIDE_EU_MENTION, REVERSE_CHARGE_MENTION, taxFor } from './tax.js';

describe('taxFor (operator established in France)', () => {
  it.each([
    [{ countryCode: 'FR', vatId: 'FR12345678901' }, 'FR_DOMESTIC', '20', null],
    [{ countryCode: 'FR', vatId: null }, 'FR_DOMESTIC', '20', null],
    [{ countryCode: 'MC', vatId: 'FR00000000000' }, 'FR_DOMESTIC', '20', null],
    [{ countryCode: 'DE', vatId: 'DE123456789' }, 'EU_REVERSE_CHARGE', '0', REVERSE_CHARGE_MENTION],
    [{ countryCode: 'gr', vatId: 'EL123456789' }, 'EU_REVERSE_CHARGE', '0', REVERSE_CHARGE_MENTION],
    [{ countryCode: 'DE', vatId: '  ' }, 'EU_WITHOUT_VAT_NUMBER', '20', null],
    [{ countryCode: 'IT' }, 'EU_WITHOUT_VAT_NUMBER', '20', null],
    [{ countryCode: 'GB', vatId: 'GB123456789' }, 'OUTSIDE_EU', '0', OUTSIDE_EU_MENTION],
    [{ countryCode: 'US' }, 'OUTSIDE_EU', '0', OUTSIDE_EU_MENTION],
    [{ countryCode: 'CH', vatId: 'CHE-123.456.789' }, 'OUTSIDE_EU', '0', OUTSIDE_EU_MENTION],
  ])('%j → %s %s %%', (party, regime, ratePercent, mention) => {
    expect(taxFor({ name: 'X', ...party })).toEqual({ regime, ratePercent, mention });
  });

  it('prints the mentions exactly', () => {
    expect(REVERSE_CHARGE_MENTION).toBe(
      'Autoliquidation par le preneur – articles 44 et 196 de la directive 2006/112/CE',
    );
    expect(OUTSIDE_EU_MENTION).toBe('TVA non applicable – art. 259-1 du CGI');
  });

  it('refuses a malformed country and a foreign operator', () => {
    expect(() => taxFor({ name: 'X', countryCode: 'France' })).toThrow(
      /billTo.countryCode: expected an ISO 3166-1 alpha-2/,
    );
    expect(() => taxFor({ name: 'X', countryCode: 'FR' }, 'DE')).toThrow(/operatorCountry/);
  });
});
