import { describe, expect, it } from 'vitest';
import type { PartnerRegistered, TenantOnboarded } from '../events.js';
import { specification } from '../specification.js';
import { sequentialIds } from '../testing/index.js';
import { parseRegisterPartner, partnerDecider } from './partner.js';
import { parseOnboardTenant, tenantDecider } from './tenant.js';

const fluidstack: PartnerRegistered['data'] = {
  partnerId: 'fluidstack',
  name: 'Fluidstack',
  countryCode: 'GB',
  vatId: 'GB123456789',
  address: null,
};
const mistral: TenantOnboarded['data'] = {
  tenantId: 'mistral',
  name: 'Mistral AI',
  countryCode: 'FR',
  vatId: 'FR12345678901',
  address: '15 rue des Halles, Paris',
  partnerId: 'fluidstack',
};
const onboard = (data = mistral, partnerExists = true) => ({
  type: 'OnboardTenant' as const,
  data,
  context: { partnerExists },
});

describe('partner: register', () => {
  const given = specification(partnerDecider).given;
  it('registers', () =>
    given([])
      .when({ type: 'RegisterPartner', data: fluidstack })
      .then([{ type: 'PartnerRegistered', data: fluidstack }]));
  it('writes nothing for the same partner again', () =>
    given([{ type: 'PartnerRegistered', data: fluidstack }])
      .when({ type: 'RegisterPartner', data: fluidstack })
      .then([]));
  it('refuses another partner under a used id', () =>
    given([{ type: 'PartnerRegistered', data: fluidstack }])
      .when({ type: 'RegisterPartner', data: { ...fluidstack, name: 'Other' } })
      .thenThrows('CONFLICT', /partner fluidstack already exists/));
  it('normalises the VAT number and refuses a bad one', () => {
    expect(
      parseRegisterPartner(
        { name: 'F', countryCode: 'GB', vatId: 'gb 123 456 789' },
        sequentialIds('p'),
      ),
    ).toEqual({
      partnerId: 'p-1',
      name: 'F',
      countryCode: 'GB',
      vatId: 'GB123456789',
      address: null,
    });
    expect(() =>
      parseRegisterPartner({ name: 'F', countryCode: 'GB', vatId: '12' }, sequentialIds()),
    ).toThrow(/^vatId: expected a VAT number/);
  });
});

describe('tenant: onboard', () => {
  const given = specification(tenantDecider).given;
  it('onboards through a partner', () =>
    given([])
      .when(onboard())
      .then([{ type: 'TenantOnboarded', data: mistral }]));
  it('onboards without a partner', () =>
    given([])
      .when(onboard({ ...mistral, partnerId: null }, false))
      .then([{ type: 'TenantOnboarded', data: { ...mistral, partnerId: null } }]));
  it('writes nothing for the same tenant again', () =>
    given([{ type: 'TenantOnboarded', data: mistral }])
      .when(onboard())
      .then([]));
  it('refuses another tenant under a used id', () =>
    given([{ type: 'TenantOnboarded', data: mistral }])
      .when(onboard({ ...mistral, countryCode: 'DE' }))
      .thenThrows('CONFLICT', /tenant mistral already exists/));
  it('refuses an unknown partner', () =>
    given([])
      .when(onboard(mistral, false))
      .thenThrows('NOT_FOUND', /partnerId: no partner fluidstack/));
  it('parses the input', () => {
    expect(
      parseOnboardTenant({ id: 'mistral', name: 'Mistral AI', countryCode: 'FR' }, sequentialIds()),
    ).toEqual({
      tenantId: 'mistral',
      name: 'Mistral AI',
      countryCode: 'FR',
      vatId: null,
      address: null,
      partnerId: null,
    });
    expect(() =>
      parseOnboardTenant({ name: 'M', countryCode: 'FR', partnerId: 'a b' }, sequentialIds()),
    ).toThrow(/^partnerId: expected an id/);
  });
});
