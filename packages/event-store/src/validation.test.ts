import { describe, expect, it } from 'vitest';
import { EventStoreInputError } from './errors.js';
import { checkAppend } from './validation.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventStoreInputError);
    return error as EventStoreInputError;
  }
  throw new Error('expected a refusal');
};
const ok = [{ type: 'ContractSigned', data: { amount: '12.50' } }];

describe('append input validation', () => {
  it.each([
    ['', 'streamName'],
    ['a'.repeat(201), 'streamName'],
    ['has space', 'streamName'],
    ['$all', 'streamName'],
    ['é', 'streamName'],
  ])('refuses stream name %j naming %s', (stream, field) => {
    const error = refusal(() => checkAppend(stream, ok, undefined));
    expect(error.field).toBe(field);
    expect(error.accepted).toContain("'$' not first");
  });

  it('accepts the documented stream name charset', () => {
    expect(checkAppend('contract:Site_1.a-b$2', ok, { expectedRevision: 3n })).toBe(3n);
    expect(checkAppend('a'.repeat(200), ok, undefined)).toBe('any');
  });

  it.each([
    [[], 'events'],
    ['nope', 'events'],
    [[null], 'events[0]'],
    [[{ type: '', data: {} }], 'events[0].type'],
    [[{ type: 'A', data: [] }], 'events[0].data'],
    [[{ type: 'A', data: null }], 'events[0].data'],
    [[{ type: 'A', data: { at: new Date() } }], 'events[0].data.at'],
    [[{ type: 'A', data: { n: 1n } }], 'events[0].data.n'],
    [[{ type: 'A', data: { list: [1, undefined] } }], 'events[0].data.list[1]'],
    [[{ type: 'A', data: { f: () => 1 } }], 'events[0].data.f'],
    [[{ type: 'A', data: { x: Infinity } }], 'events[0].data.x'],
    [[{ type: 'A', data: {}, metadata: 'm' }], 'events[0].metadata'],
    [[{ type: 'A', data: {}, metadata: { actor: 7 } }], 'events[0].metadata.actor'],
    [[{ id: 'not-a-uuid', type: 'A', data: {} }], 'events[0].id'],
  ])('refuses events %# naming %s', (events, field) => {
    expect(refusal(() => checkAppend('s', events, undefined)).field).toBe(field);
  });

  it('refuses a cyclic data object by its path', () => {
    const data: Record<string, unknown> = {};
    data.self = data;
    expect(refusal(() => checkAppend('s', [{ type: 'A', data }], undefined)).field).toMatch(
      /^events\[0\]\.data(\.self)+$/,
    );
  });

  it.each([[-1n], [1], ['latest']])('refuses expected revision %s', (expectedRevision) => {
    expect(refusal(() => checkAppend('s', ok, { expectedRevision } as never)).field).toBe(
      'expectedRevision',
    );
  });
});
