import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { parseRegisterSite } from './site/site-commands.js';
import { sequentialIds } from './test-fixtures.js';

const site = {
  id: 'bru-1',
  name: 'Bruyères',
  countryCode: 'fr',
  timeZone: 'Europe/Paris',
  powerCapacityKw: '44000.50',
  gpuInventory: [{ gpuModel: 'GB300', count: 13824 }],
};

function refusal(input: unknown): DomainError {
  try {
    parseRegisterSite(input, sequentialIds());
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('field validation', () => {
  it('normalises country codes and decimals', () => {
    const parsed = parseRegisterSite(site, sequentialIds());
    expect(parsed.countryCode).toBe('FR');
    expect(parsed.powerCapacityKw).toBe('44000.5');
  });

  it('generates an id when none is given', () => {
    expect(parseRegisterSite({ ...site, id: undefined }, sequentialIds('site')).siteId).toBe('site-1');
  });

  it.each([
    [{ id: 'bad id!' }, 'id', /1 to 64 letters, digits/],
    [{ id: 'x'.repeat(65) }, 'id', /1 to 64/],
    [{ name: '  ' }, 'name', /non-blank text/],
    [{ countryCode: 'XX' }, 'countryCode', /ISO 3166-1 alpha-2.*got "XX"/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /IANA time zone/],
    [{ powerCapacityKw: '1e3' }, 'powerCapacityKw', /decimal string/],
    [{ powerCapacityKw: 'NaN' }, 'powerCapacityKw', /decimal string/],
    [{ powerCapacityKw: 'Infinity' }, 'powerCapacityKw', /decimal string/],
    [{ powerCapacityKw: '0' }, 'powerCapacityKw', /greater than 0/],
    [{ powerCapacityKw: 44000 }, 'powerCapacityKw', /decimal string.*got 44000/],
    [{ gpuInventory: [{ gpuModel: 'GB300', count: -3 }] }, 'gpuInventory[0].count', /integer from 0 to 10000000, got -3/],
    [{ gpuInventory: [{ gpuModel: 'GB300', count: 1.5 }] }, 'gpuInventory[0].count', /integer/],
    [
      { gpuInventory: [{ gpuModel: 'GB300', count: 1 }, { gpuModel: 'GB300', count: 2 }] },
      'gpuInventory[1].gpuModel',
      /each GPU model at most once/,
    ],
    [{ gpuInventory: undefined }, 'gpuInventory', /expected a list, got nothing/],
  ])('refuses %j naming %s', (override, field, message) => {
    const error = refusal({ ...site, ...override });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('refuses a missing name with the field and what was got', () => {
    const { name: _n, ...rest } = site;
    expect(refusal(rest).message).toBe('name: expected a non-blank text of at most 200 characters, got nothing');
  });
});
