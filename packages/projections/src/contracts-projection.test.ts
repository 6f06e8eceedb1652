import { describe, expect, it } from 'vitest';
import { fold, contractDecider } from '@cadran/domain';
import { drafted, signed } from '@cadran/domain/testing';
import { storedContract } from './contracts-projection.js';

describe('rm_contracts state column', () => {
  const contract = drafted().data;
  const terminated = {
    effectiveAt: '2026-06-30T22:00:00Z',
    reason: 'moving out',
    terminatedAt: '2026-05-01T00:00:00Z',
  };

  it('reads back the union it stores', () => {
    const state = fold(contractDecider, [drafted(), signed()]);
    expect(storedContract(JSON.stringify(state))).toEqual(state);
  });

  it('reads a row written before the state was a union', () => {
    const legacy = (signedAt: string | null, termination: typeof terminated | null) =>
      storedContract(JSON.stringify({ drafted: contract, signedAt, termination, amendments: [] }));
    expect(legacy(null, null)).toEqual({ status: 'DRAFT', drafted: contract, amendments: [] });
    expect(legacy('2025-12-02T00:00:00Z', null)).toMatchObject({
      status: 'SIGNED',
      signedAt: '2025-12-02T00:00:00Z',
    });
    expect(legacy(null, terminated)).toMatchObject({
      status: 'TERMINATED',
      signedAt: null,
      termination: terminated,
    });
  });
});
