import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from '@cadran/domain';
import { rateCardInput, seed, setUp } from './test-setup.js';

let env: ReturnType<typeof setUp>;
beforeEach(async () => {
  env = setUp();
  await seed(env.service);
});
afterEach(() => env.tearDown());

async function refused(promise: Promise<unknown>, code: DomainErrorCode, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(message);
}

const march = { startsAt: '2026-03-01T00:00:00+01:00', endsAt: '2026-04-01T00:00:00+02:00' };

describe('contracts service on SQLite', () => {
  it('writes the seed as events in their streams, with a schema version', async () => {
    const log = await env.store.readAll();
    expect(log.map((e) => [e.streamName, e.type])).toEqual([
      ['site-bru-1', 'SiteRegistered'],
      ['partner-fluidstack', 'PartnerRegistered'],
      ['tenant-mistral', 'TenantOnboarded'],
      ['contract-c-mistral', 'ContractDrafted'],
      ['contract-c-mistral', 'ContractSigned'],
    ]);
    expect(log.every((e) => e.metadata.schemaVersion === 1)).toBe(true);
  });

  it('returns the same entity and writes nothing for a repeated create, and the position to read it at', async () => {
    const before = await env.store.headPosition();
    const again = await env.service.draftContract({ id: 'c-mistral', tenantId: 'mistral', siteId: 'bru-1', startsAt: '2026-01-01T00:00:00+01:00', rateCard: rateCardInput });
    expect(again.written).toBe(0);
    expect(again.value.status).toBe('SIGNED');
    expect(again.position).toBe(before);
    expect(await env.store.headPosition()).toBe(before);
    await refused(env.service.registerSite({ id: 'bru-1', name: 'Other', countryCode: 'FR', timeZone: 'UTC', powerCapacityKw: '1', gpuInventory: [] }), 'CONFLICT', /site bru-1 already exists/);
  });

  it('reserves capacity, refuses beyond what is left, and leaves no trace of a refusal', async () => {
    const granted = await env.service.reserveCapacity({ id: 'r-1', contractId: 'c-mistral', gpuModel: 'GB300', gpuCount: 12800, ...march });
    expect(granted.value).toMatchObject({ reservationId: 'r-1', siteId: 'bru-1', tenantId: 'mistral', gpuCount: 12800, startsAt: '2026-02-28T23:00:00Z', cancelledAt: null });
    expect(granted.position).toBe(await env.store.headPosition());
    const head = await env.store.headPosition();
    await refused(
      env.service.reserveCapacity({ id: 'r-2', contractId: 'c-mistral', gpuModel: 'GB300', gpuCount: 2048, ...march }),
      'CONFLICT',
      /^site bru-1 has 1024 GB300 free from 2026-02-28T23:00:00Z, 2048 asked$/,
    );
    expect(await env.store.headPosition()).toBe(head);
  });

  it('frees capacity from a cancellation on', async () => {
    await env.service.reserveCapacity({ id: 'r-1', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 2048, startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' });
    const cancelled = await env.service.cancelReservation({ id: 'r-1', reason: 'downsizing' });
    expect(cancelled.value.cancelledAt).toBe('2026-02-15T00:00:00Z');
    await refused(
      env.service.reserveCapacity({ id: 'r-2', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 1, startsAt: '2026-02-10T00:00:00Z', endsAt: '2026-02-20T00:00:00Z' }),
      'CONFLICT',
      /has 0 H200 free from 2026-02-10T00:00:00Z/,
    );
    const later = await env.service.reserveCapacity({ id: 'r-3', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 2048, startsAt: '2026-02-15T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' });
    expect(later.written).toBe(1);
    await refused(env.service.cancelReservation({ id: 'nope', reason: 'x' }), 'NOT_FOUND', /no reservation nope/);
  });

  it('terminates a contract and releases its capacity from the termination instant', async () => {
    await env.service.reserveCapacity({ id: 'r-1', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 2048, ...march });
    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '44000', ...march });
    const t = await env.service.terminateContract({ id: 'c-mistral', effectiveAt: '2026-03-15T00:00:00Z', reason: 'moving out' });
    expect(t.value.status).toBe('TERMINATED');
    expect(t.written).toBe(2);
    const site = await env.store.readStream('site-bru-1');
    expect(site.at(-1)).toMatchObject({ type: 'ContractCapacityReleased', data: { contractId: 'c-mistral', effectiveAt: '2026-03-15T00:00:00Z' } });
    const again = await env.service.terminateContract({ id: 'c-mistral', effectiveAt: '2026-03-15T00:00:00Z', reason: 'moving out' });
    expect(again.written).toBe(0);

    await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
    await env.service.draftContract({ id: 'c-kyutai', tenantId: 'kyutai', siteId: 'bru-1', startsAt: '2026-03-01T00:00:00Z', rateCard: rateCardInput });
    await refused(
      env.service.reserveCapacity({ id: 'r-k1', contractId: 'c-kyutai', gpuModel: 'H200', gpuCount: 1, startsAt: '2026-03-14T00:00:00Z', endsAt: '2026-03-16T00:00:00Z' }),
      'CONFLICT',
      /has 0 H200 free from 2026-03-14T00:00:00Z/,
    );
    const after = await env.service.reserveCapacity({ id: 'r-k2', contractId: 'c-kyutai', gpuModel: 'H200', gpuCount: 2048, startsAt: '2026-03-15T00:00:00Z', endsAt: '2026-03-16T00:00:00Z' });
    expect(after.written).toBe(1);
    const power = await env.service.commitPower({ id: 'p-k', contractId: 'c-kyutai', kw: '44000', startsAt: '2026-03-15T00:00:00Z', endsAt: '2026-03-16T00:00:00Z' });
    expect(power.value.kw).toBe('44000');
  });

  it('signs at most one active contract per tenant and site', async () => {
    await env.service.draftContract({ id: 'c-2', tenantId: 'mistral', siteId: 'bru-1', startsAt: '2026-06-01T00:00:00Z', rateCard: rateCardInput });
    await refused(env.service.signContract({ id: 'c-2' }), 'CONFLICT', /tenant mistral already has contract c-mistral active at site bru-1/);
    await env.service.terminateContract({ id: 'c-mistral', effectiveAt: '2026-06-01T00:00:00Z', reason: 'renewal' });
    expect((await env.service.signContract({ id: 'c-2' })).value.status).toBe('SIGNED');
  });

  it('amends the rate card from an instant', async () => {
    const amended = await env.service.amendContract({ id: 'a-1', contractId: 'c-mistral', effectiveAt: '2026-04-01T00:00:00+02:00', rateCard: { ...rateCardInput, powerPricePerKwMonth: '150' } });
    expect(amended.value.rateCards.map((c) => c.rateCard.powerPricePerKwMonth)).toEqual(['145', '150']);
  });

  it('refuses unknown references and ids used at another site', async () => {
    await refused(env.service.onboardTenant({ name: 'X', countryCode: 'FR', partnerId: 'nobody' }), 'NOT_FOUND', /no partner nobody/);
    await refused(env.service.draftContract({ tenantId: 'nobody', siteId: 'bru-1', startsAt: '2026-01-01T00:00:00Z', rateCard: rateCardInput }), 'NOT_FOUND', /no tenant nobody/);
    await refused(env.service.reserveCapacity({ contractId: 'nope', gpuModel: 'H200', gpuCount: 1, ...march }), 'NOT_FOUND', /no contract nope/);
    await refused(env.service.signContract({ id: 'nope' }), 'NOT_FOUND', /contract nope does not exist/);
    await env.service.reserveCapacity({ id: 'r-1', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 1, ...march });
    await env.service.registerSite({ id: 'par-2', name: 'Paris 2', countryCode: 'FR', timeZone: 'Europe/Paris', powerCapacityKw: '100', gpuInventory: [{ gpuModel: 'H200', count: 8 }] });
    await env.service.draftContract({ id: 'c-par', tenantId: 'mistral', siteId: 'par-2', startsAt: '2026-01-01T00:00:00Z', rateCard: rateCardInput });
    await refused(env.service.reserveCapacity({ id: 'r-1', contractId: 'c-par', gpuModel: 'H200', gpuCount: 1, ...march }), 'CONFLICT', /reservation r-1 already exists at site bru-1/);
  });

  it('refuses bad input naming the field', async () => {
    await refused(env.service.reserveCapacity({ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: -3, ...march }), 'BAD_USER_INPUT', /^gpuCount: expected an integer from 1 to 10000000, got -3$/);
    await refused(env.service.commitPower({ contractId: 'c-mistral', kw: 'lots', ...march }), 'BAD_USER_INPUT', /^kw: expected a decimal string/);
  });
});
