import { describe, expect, it } from 'vitest';
import type { PartnerRegistered, TenantOnboarded } from '../events.js';
import { specification } from '../specification.js';
import { sequentialIds } from '../testing/index.js';
import { parseRegisterPartner, partnerDecider } from './partner.js';
import { parseOnboardTenant, tenantDecider } from './tenant.js';
import { parseUpdatePartyDetails } from './party-details.js';

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

describe('party details: update', () => {
  const address = {
    line1: '15 rue des Halles',
    line2: null,
    postcode: '75001',
    city: 'Paris',
    countryCode: 'FR',
  };
  const details = parseUpdatePartyDetails(
    { siren: '345 678 901', vatId: 'FR12345678901', postalAddress: address },
    'TENANT',
    'mistral',
  );
  const update = (data = details, now = '2026-03-01T10:00:00Z') => ({
    type: 'UpdatePartyDetails' as const,
    data,
    now,
  });
  const recorded = { ...details, updatedAt: '2026-03-01T10:00:00Z' };
  const given = specification(tenantDecider).given;

  it('records the details of a registered tenant, the e-invoicing address from its SIREN', () => {
    expect(details.electronicAddress).toEqual({ scheme: '0225', value: '345678901' });
    return given([{ type: 'TenantOnboarded', data: mistral }])
      .when(update())
      .then([{ type: 'PartyDetailsUpdated', data: recorded }]);
  });
  it('writes nothing when the details are those in force', () =>
    given([
      { type: 'TenantOnboarded', data: mistral },
      { type: 'PartyDetailsUpdated', data: recorded },
    ])
      .when(update(details, '2026-04-01T00:00:00Z'))
      .then([]));
  it('records a change as a new event, keeping the history', () =>
    given([
      { type: 'TenantOnboarded', data: mistral },
      { type: 'PartyDetailsUpdated', data: recorded },
    ])
      .when(update({ ...details, postalAddress: { ...address, line2: 'Bâtiment B' } }))
      .then([
        {
          type: 'PartyDetailsUpdated',
          data: { ...recorded, postalAddress: { ...address, line2: 'Bâtiment B' } },
        },
      ]));
  it('refuses an unknown party', () =>
    given([])
      .when(update())
      .thenThrows('NOT_FOUND', /tenant mistral does not exist/));
  it("refuses an address outside the party's country", () =>
    given([{ type: 'TenantOnboarded', data: mistral }])
      .when(update({ ...details, postalAddress: { ...address, countryCode: 'DE' } }))
      .thenThrows('BAD_USER_INPUT', /postalAddress.countryCode: expected the party's country FR/));
  const britishPartner = {
    kind: 'PARTNER' as const,
    partyId: 'fluidstack',
    siren: null,
    postalAddress: { ...address, countryCode: 'GB', postcode: 'EC2A 2EX', city: 'London' },
    electronicAddress: { scheme: '0060', value: '219876543' },
  };
  it('records the details of a partner too', () =>
    specification(partnerDecider)
      .given([{ type: 'PartnerRegistered', data: fluidstack }])
      .when(update({ ...details, ...britishPartner }))
      .then([{ type: 'PartyDetailsUpdated', data: { ...recorded, ...britishPartner } }]));
  it('refuses a malformed SIREN or e-invoicing address, naming the field', () => {
    expect(() =>
      parseUpdatePartyDetails({ siren: '1234', postalAddress: address }, 'TENANT', 'm'),
    ).toThrow(/^siren: expected a SIREN of 9 digits/);
    expect(() =>
      parseUpdatePartyDetails(
        { postalAddress: address, electronicAddress: { scheme: '0225', value: 'a@b' } },
        'TENANT',
        'm',
      ),
    ).toThrow(/^electronicAddress.value: expected 1 to 125 letters/);
    expect(() =>
      parseUpdatePartyDetails({ postalAddress: { ...address, city: '' } }, 'TENANT', 'm'),
    ).toThrow(/^postalAddress.city: expected a non-blank text/);
  });
});
