import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { DomainError } from './errors.js';
import { decimalCheck } from './fields.js';
import { parseRegisterSite } from './site/site-commands.js';
import { sequentialIds } from './testing/index.js';

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
    expect(parseRegisterSite({ ...site, id: undefined }, sequentialIds('site')).siteId).toBe(
      'site-1',
    );
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
    [
      { gpuInventory: [{ gpuModel: 'GB300', count: -3 }] },
      'gpuInventory[0].count',
      /integer from 0 to 10000000, got -3/,
    ],
    [{ gpuInventory: [{ gpuModel: 'GB300', count: 1.5 }] }, 'gpuInventory[0].count', /integer/],
    [
      {
        gpuInventory: [
          { gpuModel: 'GB300', count: 1 },
          { gpuModel: 'GB300', count: 2 },
        ],
      },
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
    expect(refusal(rest).message).toBe(
      'name: expected a non-blank text of at most 200 characters, got nothing',
    );
  });
});

describe('decimal check', () => {
  const nonNegative = decimalCheck({ min: '0' });
  /** What the check must give: Decimal's canonical form of a plain decimal at least 0. */
  const reference = (text: string) =>
    /^-?\d{1,30}(\.\d{1,20})?$/.test(text) && new Decimal(text).gte(0)
      ? new Decimal(text).toFixed()
      : undefined;

  it('gives Decimal canonical form, taking canonical text as it is', () => {
    const parts = ['0', '00', '1', '10', '007', '12', '1'.repeat(30), '1'.repeat(31), ''];
    const fractions = [
      '',
      '.',
      '.0',
      '.5',
      '.50',
      '.25',
      '.05',
      '.' + '9'.repeat(20),
      '.' + '9'.repeat(21),
    ];
    for (const sign of ['', '-', '+']) {
      for (const whole of parts) {
        for (const fraction of fractions) {
          const text = `${sign}${whole}${fraction}`;
          expect(nonNegative(text), text).toBe(reference(text));
        }
      }
    }
    expect(nonNegative(12.5)).toBeUndefined();
  });

  it('checks other bounds with Decimal', () => {
    expect(decimalCheck({ minExclusive: '0' })('0')).toBeUndefined();
    expect(decimalCheck({ max: '10' })('10.0000000000000000001')).toBeUndefined();
    expect(decimalCheck({ min: '1' })('1.50')).toBe('1.5');
  });
});
