import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, commandDigest, toStored, type DomainErrorCode } from '@cadran/domain';
import { expectRefused } from '@cadran/domain/testing';
import { rateCardInput, seed, setUp } from './test-setup.js';

let env: ReturnType<typeof setUp>;
beforeEach(async () => {
  env = setUp();
  await seed(env.service);
});
afterEach(() => env.tearDown());

/** Two overlapping drafts of kyutai at bru-1, and a signing of c-k1 that crashed after its tenancy claim. */
async function interruptedSigning() {
  await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
  await env.service.draftContract({
    id: 'c-k1',
    tenantId: 'kyutai',
    siteId: 'bru-1',
    startsAt: '2026-03-01T00:00:00Z',
    rateCard: rateCardInput,
  });
  await env.service.draftContract({
    id: 'c-k2',
    tenantId: 'kyutai',
    siteId: 'bru-1',
    startsAt: '2026-04-01T00:00:00Z',
    rateCard: rateCardInput,
  });
  await env.store.appendToStream(
    'tenancy-kyutai.bru-1',
    [
      toStored({
        type: 'ContractActivated',
        data: {
          contractId: 'c-k1',
          tenantId: 'kyutai',
          siteId: 'bru-1',
          startsAt: '2026-03-01T00:00:00Z',
          endsAt: null,
        },
      }),
    ],
    { expectedRevision: 'no_stream' },
  );
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
      ['tenancy-mistral.bru-1', 'ContractActivated'],
      ['contract-c-mistral', 'ContractSigned'],
    ]);
    expect(log.every((e) => e.metadata.schemaVersion === 1)).toBe(true);
  });

  it('returns the same entity and writes nothing for a repeated create, and the position to read it at', async () => {
    const before = await env.store.headPosition();
    const again = await env.service.draftContract({
      id: 'c-mistral',
      tenantId: 'mistral',
      siteId: 'bru-1',
      startsAt: '2026-01-01T00:00:00+01:00',
      rateCard: rateCardInput,
    });
    expect(again.written).toBe(0);
    expect(again.value.status).toBe('SIGNED');
    expect(again.position).toBe(before);
    expect(await env.store.headPosition()).toBe(before);
    await expectRefused(
      env.service.registerSite({
        id: 'bru-1',
        name: 'Other',
        countryCode: 'FR',
        timeZone: 'UTC',
        powerCapacityKw: '1',
        gpuInventory: [],
      }),
      'CONFLICT',
      /site bru-1 already exists/,
    );
  });

  it('reserves capacity, refuses beyond what is left, and leaves no trace of a refusal', async () => {
    const granted = await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'GB300',
      gpuCount: 12800,
      ...march,
    });
    expect(granted.value).toMatchObject({
      reservationId: 'r-1',
      siteId: 'bru-1',
      tenantId: 'mistral',
      gpuCount: 12800,
      startsAt: '2026-02-28T23:00:00Z',
      cancelledAt: null,
    });
    expect(granted.position).toBe(await env.store.headPosition());
    const head = await env.store.headPosition();
    await expectRefused(
      env.service.reserveCapacity({
        id: 'r-2',
        contractId: 'c-mistral',
        gpuModel: 'GB300',
        gpuCount: 2048,
        ...march,
      }),
      'CONFLICT',
      /^site bru-1 has 1024 GB300 free from 2026-02-28T23:00:00Z, 2048 asked$/,
    );
    expect(await env.store.headPosition()).toBe(head);
  });

  it('frees capacity from a cancellation on', async () => {
    await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'H200',
      gpuCount: 2048,
      startsAt: '2026-02-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
    });
    const cancelled = await env.service.cancelReservation({ id: 'r-1', reason: 'downsizing' });
    expect(cancelled.value.cancelledAt).toBe('2026-02-15T00:00:00Z');
    await expectRefused(
      env.service.reserveCapacity({
        id: 'r-2',
        contractId: 'c-mistral',
        gpuModel: 'H200',
        gpuCount: 1,
        startsAt: '2026-02-10T00:00:00Z',
        endsAt: '2026-02-20T00:00:00Z',
      }),
      'CONFLICT',
      /has 0 H200 free from 2026-02-10T00:00:00Z/,
    );
    const later = await env.service.reserveCapacity({
      id: 'r-3',
      contractId: 'c-mistral',
      gpuModel: 'H200',
      gpuCount: 2048,
      startsAt: '2026-02-15T00:00:00Z',
      endsAt: '2026-03-01T00:00:00Z',
    });
    expect(later.written).toBe(1);
    await expectRefused(
      env.service.cancelReservation({ id: 'nope', reason: 'x' }),
      'NOT_FOUND',
      /no reservation nope/,
    );
  });

  it('terminates a contract and releases its capacity from the termination instant', async () => {
    await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'H200',
      gpuCount: 2048,
      ...march,
    });
    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '44000', ...march });
    const t = await env.service.terminateContract({
      id: 'c-mistral',
      effectiveAt: '2026-03-15T00:00:00Z',
      reason: 'moving out',
    });
    expect(t.value.status).toBe('TERMINATED');
    expect(t.written).toBe(3);
    const site = await env.store.readStream('site-bru-1');
    expect(site.at(-1)).toMatchObject({
      type: 'ContractCapacityReleased',
      data: { contractId: 'c-mistral', effectiveAt: '2026-03-15T00:00:00Z' },
    });
    const tenancy = await env.store.readStream('tenancy-mistral.bru-1');
    expect(tenancy.at(-1)).toMatchObject({
      type: 'ContractDeactivated',
      data: { contractId: 'c-mistral', effectiveAt: '2026-03-15T00:00:00Z' },
    });
    const again = await env.service.terminateContract({
      id: 'c-mistral',
      effectiveAt: '2026-03-15T00:00:00Z',
      reason: 'moving out',
    });
    expect(again.written).toBe(0);

    await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
    await env.service.draftContract({
      id: 'c-kyutai',
      tenantId: 'kyutai',
      siteId: 'bru-1',
      startsAt: '2026-03-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await expectRefused(
      env.service.reserveCapacity({
        id: 'r-k1',
        contractId: 'c-kyutai',
        gpuModel: 'H200',
        gpuCount: 1,
        startsAt: '2026-03-14T00:00:00Z',
        endsAt: '2026-03-16T00:00:00Z',
      }),
      'CONFLICT',
      /has 0 H200 free from 2026-03-14T00:00:00Z/,
    );
    const after = await env.service.reserveCapacity({
      id: 'r-k2',
      contractId: 'c-kyutai',
      gpuModel: 'H200',
      gpuCount: 2048,
      startsAt: '2026-03-15T00:00:00Z',
      endsAt: '2026-03-16T00:00:00Z',
    });
    expect(after.written).toBe(1);
    const power = await env.service.commitPower({
      id: 'p-k',
      contractId: 'c-kyutai',
      kw: '44000',
      startsAt: '2026-03-15T00:00:00Z',
      endsAt: '2026-03-16T00:00:00Z',
    });
    expect(power.value.kw).toBe('44000');
  });

  it('signs at most one active contract per tenant and site', async () => {
    await env.service.draftContract({
      id: 'c-2',
      tenantId: 'mistral',
      siteId: 'bru-1',
      startsAt: '2026-06-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await expectRefused(
      env.service.signContract({ id: 'c-2' }),
      'CONFLICT',
      /tenant mistral already has contract c-mistral active at site bru-1/,
    );
    await env.service.terminateContract({
      id: 'c-mistral',
      effectiveAt: '2026-06-01T00:00:00Z',
      reason: 'renewal',
    });
    expect((await env.service.signContract({ id: 'c-2' })).value.status).toBe('SIGNED');
  });

  it('amends the rate card from an instant', async () => {
    const amended = await env.service.amendContract({
      id: 'a-1',
      contractId: 'c-mistral',
      effectiveAt: '2026-04-01T00:00:00+02:00',
      rateCard: { ...rateCardInput, powerPricePerKwMonth: '150' },
    });
    expect(amended.value.rateCards.map((c) => c.rateCard.powerPricePerKwMonth)).toEqual([
      '145',
      '150',
    ]);
  });

  it('refuses unknown references and ids used at another site', async () => {
    await expectRefused(
      env.service.onboardTenant({ name: 'X', countryCode: 'FR', partnerId: 'nobody' }),
      'NOT_FOUND',
      /no partner nobody/,
    );
    await expectRefused(
      env.service.draftContract({
        tenantId: 'nobody',
        siteId: 'bru-1',
        startsAt: '2026-01-01T00:00:00Z',
        rateCard: rateCardInput,
      }),
      'NOT_FOUND',
      /no tenant nobody/,
    );
    await expectRefused(
      env.service.reserveCapacity({ contractId: 'nope', gpuModel: 'H200', gpuCount: 1, ...march }),
      'NOT_FOUND',
      /no contract nope/,
    );
    await expectRefused(
      env.service.signContract({ id: 'nope' }),
      'NOT_FOUND',
      /contract nope does not exist/,
    );
    await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'H200',
      gpuCount: 1,
      ...march,
    });
    await env.service.registerSite({
      id: 'par-2',
      name: 'Paris 2',
      countryCode: 'FR',
      timeZone: 'Europe/Paris',
      powerCapacityKw: '100',
      gpuInventory: [{ gpuModel: 'H200', count: 8 }],
    });
    await env.service.draftContract({
      id: 'c-par',
      tenantId: 'mistral',
      siteId: 'par-2',
      startsAt: '2026-01-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await expectRefused(
      env.service.reserveCapacity({
        id: 'r-1',
        contractId: 'c-par',
        gpuModel: 'H200',
        gpuCount: 1,
        ...march,
      }),
      'CONFLICT',
      /reservation r-1 already exists at site bru-1/,
    );
  });

  it('completes a signing interrupted after the tenancy claim, and never bills the claim alone', async () => {
    await interruptedSigning();
    const log = await env.store.readAll();
    expect(log.some((e) => e.type === 'ContractSigned' && e.data.contractId === 'c-k1')).toBe(
      false,
    );
    await expectRefused(
      env.service.signContract({ id: 'c-k2' }),
      'CONFLICT',
      /tenant kyutai already has contract c-k1 active at site bru-1/,
    );

    const completed = await env.service.signContract({ id: 'c-k1' });
    expect(completed.written).toBe(1);
    expect(completed.value.status).toBe('SIGNED');
    expect((await env.store.readStream('tenancy-kyutai.bru-1')).map((e) => e.type)).toEqual([
      'ContractActivated',
    ]);
    expect((await env.service.signContract({ id: 'c-k1' })).written).toBe(0);
  });

  it('frees the claim of a contract terminated before its interrupted signing completed', async () => {
    await interruptedSigning();
    await env.service.terminateContract({
      id: 'c-k1',
      effectiveAt: '2026-06-01T00:00:00Z',
      reason: 'never signed',
    });
    expect((await env.store.readStream('tenancy-kyutai.bru-1')).at(-1)).toMatchObject({
      type: 'ContractDeactivated',
      data: { effectiveAt: '2026-03-01T00:00:00Z' },
    });
    expect((await env.service.signContract({ id: 'c-k2' })).value.status).toBe('SIGNED');
  });

  it('keeps reservation and commitment ids unique across sites through their id streams', async () => {
    const asked = { id: 'r-9', contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 8, ...march };
    // The crash: the id claim is written, CapacityReserved is not.
    const data = {
      reservationId: 'r-9',
      contractId: 'c-mistral',
      gpuModel: 'H200',
      gpuCount: 8,
      startsAt: '2026-02-28T23:00:00Z',
      endsAt: '2026-03-31T22:00:00Z',
    };
    await env.store.appendToStream('reservation-r-9', [
      toStored({
        type: 'ReservationIdClaimed',
        data: {
          reservationId: 'r-9',
          siteId: 'bru-1',
          contractId: 'c-mistral',
          commandDigest: commandDigest(data),
        },
      }),
    ]);
    await expectRefused(
      env.service.reserveCapacity({ ...asked, gpuCount: 9 }),
      'CONFLICT',
      /^reservation r-9 already exists with other details/,
    );
    const completed = await env.service.reserveCapacity(asked);
    expect(completed.written).toBe(1);
    expect((await env.service.reserveCapacity(asked)).written).toBe(0);
    expect((await env.store.readStream('reservation-r-9')).map((e) => e.type)).toEqual([
      'ReservationIdClaimed',
    ]);
    expect(
      (await env.service.cancelReservation({ id: 'r-9', reason: 'found through its id stream' }))
        .value.cancelledAt,
    ).toBe('2026-02-15T00:00:00Z');

    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '10', ...march });
    expect(
      (await env.store.readStream('power-commitment-p-1')).map((e) => [e.type, e.data.siteId]),
    ).toEqual([['PowerCommitmentIdClaimed', 'bru-1']]);
    await env.service.registerSite({
      id: 'par-2',
      name: 'Paris 2',
      countryCode: 'FR',
      timeZone: 'Europe/Paris',
      powerCapacityKw: '100',
      gpuInventory: [{ gpuModel: 'H200', count: 8 }],
    });
    await env.service.draftContract({
      id: 'c-par',
      tenantId: 'mistral',
      siteId: 'par-2',
      startsAt: '2026-01-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await expectRefused(
      env.service.commitPower({ id: 'p-1', contractId: 'c-par', kw: '10', ...march }),
      'CONFLICT',
      /^power commitment p-1 already exists at site bru-1/,
    );
  });

  it('refuses an amendment dropping the rate of a GPU model a running reservation holds', async () => {
    await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'GB300',
      gpuCount: 8,
      ...march,
    });
    const withoutGb300 = {
      ...rateCardInput,
      gpuRates: rateCardInput.gpuRates.filter((r) => r.gpuModel !== 'GB300'),
    };
    await expectRefused(
      env.service.amendContract({
        id: 'a-1',
        contractId: 'c-mistral',
        effectiveAt: '2026-03-15T00:00:00Z',
        rateCard: withoutGb300,
      }),
      'CONFLICT',
      /^reservation r-1 holds GB300 until 2026-03-31T22:00:00Z; amendment a-1 in force from 2026-03-15T00:00:00Z has no rate for GB300/,
    );
    expect(
      (
        await env.service.amendContract({
          id: 'a-2',
          contractId: 'c-mistral',
          effectiveAt: '2026-03-31T22:00:00Z',
          rateCard: withoutGb300,
        })
      ).written,
    ).toBe(1);
    await env.service.cancelReservation({ id: 'r-1', reason: 'downsizing' });
    expect(
      (
        await env.service.amendContract({
          id: 'a-1',
          contractId: 'c-mistral',
          effectiveAt: '2026-03-15T00:00:00Z',
          rateCard: withoutGb300,
        })
      ).written,
    ).toBe(1);
  });

  it('leaves no trace in the log for any kind of refusal', async () => {
    await env.service.registerSite({
      id: 'par-2',
      name: 'Paris 2',
      countryCode: 'FR',
      timeZone: 'Europe/Paris',
      powerCapacityKw: '100',
      gpuInventory: [{ gpuModel: 'H200', count: 8 }],
    });
    await env.service.draftContract({
      id: 'c-par',
      tenantId: 'mistral',
      siteId: 'par-2',
      startsAt: '2026-01-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await env.service.draftContract({
      id: 'c-2',
      tenantId: 'mistral',
      siteId: 'bru-1',
      startsAt: '2026-06-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await env.service.draftContract({
      id: 'c-t',
      tenantId: 'mistral',
      siteId: 'bru-1',
      startsAt: '2026-06-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    await env.service.terminateContract({
      id: 'c-t',
      effectiveAt: '2026-07-01T00:00:00Z',
      reason: 'dropped',
    });
    await env.service.reserveCapacity({
      id: 'r-1',
      contractId: 'c-mistral',
      gpuModel: 'GB300',
      gpuCount: 13824,
      ...march,
    });
    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '44000', ...march });
    await env.service.amendContract({
      id: 'a-1',
      contractId: 'c-mistral',
      effectiveAt: '2026-05-01T00:00:00Z',
      rateCard: rateCardInput,
    });
    const site = {
      name: 'X',
      countryCode: 'FR',
      timeZone: 'UTC',
      powerCapacityKw: '1',
      gpuInventory: [],
    };
    const reserve = { contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 1, ...march };
    const refusals: [string, () => Promise<unknown>, DomainErrorCode][] = [
      [
        'bad site',
        () => env.service.registerSite({ ...site, powerCapacityKw: '0' }),
        'BAD_USER_INPUT',
      ],
      ['site id reused', () => env.service.registerSite({ ...site, id: 'bru-1' }), 'CONFLICT'],
      [
        'bad partner',
        () => env.service.registerPartner({ name: '', countryCode: 'FR' }),
        'BAD_USER_INPUT',
      ],
      [
        'partner id reused',
        () => env.service.registerPartner({ id: 'fluidstack', name: 'Other', countryCode: 'FR' }),
        'CONFLICT',
      ],
      [
        'unknown partner',
        () => env.service.onboardTenant({ name: 'X', countryCode: 'FR', partnerId: 'nobody' }),
        'NOT_FOUND',
      ],
      [
        'tenant id reused',
        () => env.service.onboardTenant({ id: 'mistral', name: 'Other', countryCode: 'FR' }),
        'CONFLICT',
      ],
      [
        'bad contract',
        () =>
          env.service.draftContract({
            tenantId: 'mistral',
            siteId: 'bru-1',
            startsAt: 'soon',
            rateCard: rateCardInput,
          }),
        'BAD_USER_INPUT',
      ],
      [
        'unknown tenant',
        () =>
          env.service.draftContract({
            tenantId: 'nobody',
            siteId: 'bru-1',
            startsAt: '2026-01-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'NOT_FOUND',
      ],
      [
        'unknown site',
        () =>
          env.service.draftContract({
            tenantId: 'mistral',
            siteId: 'nowhere',
            startsAt: '2026-01-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'NOT_FOUND',
      ],
      [
        'contract id reused',
        () =>
          env.service.draftContract({
            id: 'c-mistral',
            tenantId: 'mistral',
            siteId: 'bru-1',
            startsAt: '2027-01-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'CONFLICT',
      ],
      ['sign unknown', () => env.service.signContract({ id: 'nope' }), 'NOT_FOUND'],
      ['sign overlapping', () => env.service.signContract({ id: 'c-2' }), 'CONFLICT'],
      ['sign terminated', () => env.service.signContract({ id: 'c-t' }), 'CONFLICT'],
      [
        'amend unknown',
        () =>
          env.service.amendContract({
            contractId: 'nope',
            effectiveAt: '2026-05-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'NOT_FOUND',
      ],
      [
        'amend outside the term',
        () =>
          env.service.amendContract({
            contractId: 'c-mistral',
            effectiveAt: '2025-01-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'BAD_USER_INPUT',
      ],
      [
        'amendment id reused',
        () =>
          env.service.amendContract({
            id: 'a-1',
            contractId: 'c-mistral',
            effectiveAt: '2026-06-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'CONFLICT',
      ],
      [
        'amend after the termination',
        () =>
          env.service.amendContract({
            contractId: 'c-t',
            effectiveAt: '2026-08-01T00:00:00Z',
            rateCard: rateCardInput,
          }),
        'CONFLICT',
      ],
      [
        'amend dropping a reserved model',
        () =>
          env.service.amendContract({
            contractId: 'c-mistral',
            effectiveAt: '2026-03-10T00:00:00Z',
            rateCard: { ...rateCardInput, gpuRates: [] },
          }),
        'CONFLICT',
      ],
      [
        'terminate unknown',
        () =>
          env.service.terminateContract({
            id: 'nope',
            effectiveAt: '2026-06-01T00:00:00Z',
            reason: 'x',
          }),
        'NOT_FOUND',
      ],
      [
        'terminate at another instant',
        () =>
          env.service.terminateContract({
            id: 'c-t',
            effectiveAt: '2026-06-15T00:00:00Z',
            reason: 'x',
          }),
        'CONFLICT',
      ],
      [
        'bad reservation',
        () => env.service.reserveCapacity({ ...reserve, gpuCount: 0 }),
        'BAD_USER_INPUT',
      ],
      [
        'reserve for an unknown contract',
        () => env.service.reserveCapacity({ ...reserve, contractId: 'nope' }),
        'NOT_FOUND',
      ],
      [
        'reserve beyond the capacity',
        () => env.service.reserveCapacity({ ...reserve, gpuModel: 'GB300' }),
        'CONFLICT',
      ],
      [
        'reserve an unpriced model',
        () => env.service.reserveCapacity({ ...reserve, gpuModel: 'B200' }),
        'BAD_USER_INPUT',
      ],
      [
        'reserve outside the term',
        () => env.service.reserveCapacity({ ...reserve, startsAt: '2025-06-01T00:00:00Z' }),
        'BAD_USER_INPUT',
      ],
      [
        'reserve on a contract terminated unsigned',
        () => env.service.reserveCapacity({ ...reserve, contractId: 'c-t' }),
        'CONFLICT',
      ],
      [
        'reservation id reused',
        () => env.service.reserveCapacity({ ...reserve, id: 'r-1' }),
        'CONFLICT',
      ],
      [
        'reservation id used at another site',
        () => env.service.reserveCapacity({ ...reserve, id: 'r-1', contractId: 'c-par' }),
        'CONFLICT',
      ],
      [
        'cancel unknown',
        () => env.service.cancelReservation({ id: 'nope', reason: 'x' }),
        'NOT_FOUND',
      ],
      [
        'commit beyond the capacity',
        () => env.service.commitPower({ contractId: 'c-mistral', kw: '1', ...march }),
        'CONFLICT',
      ],
      [
        'commitment id used at another site',
        () => env.service.commitPower({ id: 'p-1', contractId: 'c-par', kw: '1', ...march }),
        'CONFLICT',
      ],
      [
        'bad commitment',
        () => env.service.commitPower({ contractId: 'c-mistral', kw: 'lots', ...march }),
        'BAD_USER_INPUT',
      ],
    ];
    const head = await env.store.headPosition();
    for (const [kind, command, code] of refusals) {
      const error = await command().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, kind).toBeInstanceOf(DomainError);
      expect((error as DomainError).code, kind).toBe(code);
      expect(await env.store.headPosition(), kind).toBe(head);
    }
  });

  it('refuses bad input naming the field', async () => {
    await expectRefused(
      env.service.reserveCapacity({
        contractId: 'c-mistral',
        gpuModel: 'H200',
        gpuCount: -3,
        ...march,
      }),
      'BAD_USER_INPUT',
      /^gpuCount: expected an integer from 1 to 10000000, got -3$/,
    );
    await expectRefused(
      env.service.commitPower({ contractId: 'c-mistral', kw: 'lots', ...march }),
      'BAD_USER_INPUT',
      /^kw: expected a decimal string/,
    );
  });
});
