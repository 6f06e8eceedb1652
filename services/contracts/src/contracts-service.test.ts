import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, commandDigest, toStored, type DomainErrorCode } from '@cadran/domain';
import { expectRefused } from '@cadran/domain/testing';
import { rateCardInput, seed, setUp } from './contracts.test-support.js';

let env: ReturnType<typeof setUp>;
beforeEach(async () => {
  env = setUp();
  await seed(env.service);
});
afterEach(() => env.tearDown());

type Fields = Record<string, unknown>;
const march = { startsAt: '2026-03-01T00:00:00+01:00', endsAt: '2026-04-01T00:00:00+02:00' };

/** A draft for mistral at bru-1 from 2026-01-01 UTC at the worked rate card, unless overridden. */
const draft = (fields: Fields) =>
  env.service.draftContract({
    tenantId: 'mistral',
    siteId: 'bru-1',
    startsAt: '2026-01-01T00:00:00Z',
    rateCard: rateCardInput,
    ...fields,
  });
/** One H200 on c-mistral for March, unless overridden. */
const reserve = (fields: Fields) =>
  env.service.reserveCapacity({
    contractId: 'c-mistral',
    gpuModel: 'H200',
    gpuCount: 1,
    ...march,
    ...fields,
  });
/** The worked rate card on c-mistral, unless overridden. */
const amend = (fields: Fields) =>
  env.service.amendContract({ contractId: 'c-mistral', rateCard: rateCardInput, ...fields });
const terminate = (id: string, effectiveAt: string, reason = 'x') =>
  env.service.terminateContract({ id, effectiveAt, reason });

/** Site par-2 (8 H200) and mistral's unsigned contract c-par there. */
async function contractAtParis2() {
  await env.service.registerSite({
    id: 'par-2',
    name: 'Paris 2',
    countryCode: 'FR',
    timeZone: 'Europe/Paris',
    powerCapacityKw: '100',
    gpuInventory: [{ gpuModel: 'H200', count: 8 }],
  });
  await draft({ id: 'c-par', siteId: 'par-2' });
}

/** Two overlapping drafts of kyutai at bru-1, and a signing of c-k1 that crashed after its tenancy claim. */
async function interruptedSigning() {
  await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
  await draft({ id: 'c-k1', tenantId: 'kyutai', startsAt: '2026-03-01T00:00:00Z' });
  await draft({ id: 'c-k2', tenantId: 'kyutai', startsAt: '2026-04-01T00:00:00Z' });
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
    const again = await draft({ id: 'c-mistral', startsAt: '2026-01-01T00:00:00+01:00' });
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
    const granted = await reserve({ id: 'r-1', gpuModel: 'GB300', gpuCount: 12800 });
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
      reserve({ id: 'r-2', gpuModel: 'GB300', gpuCount: 2048 }),
      'CONFLICT',
      /^site bru-1 has 1024 GB300 free from 2026-02-28T23:00:00Z, 2048 asked$/,
    );
    expect(await env.store.headPosition()).toBe(head);
  });

  it('frees capacity from a cancellation on', async () => {
    const february = { startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' };
    await reserve({ id: 'r-1', gpuCount: 2048, ...february });
    const cancelled = await env.service.cancelReservation({ id: 'r-1', reason: 'downsizing' });
    expect(cancelled.value.cancelledAt).toBe('2026-02-15T00:00:00Z');
    await expectRefused(
      reserve({ id: 'r-2', startsAt: '2026-02-10T00:00:00Z', endsAt: '2026-02-20T00:00:00Z' }),
      'CONFLICT',
      /has 0 H200 free from 2026-02-10T00:00:00Z/,
    );
    const later = await reserve({
      id: 'r-3',
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
    await reserve({ id: 'r-1', gpuCount: 2048 });
    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '44000', ...march });
    const t = await terminate('c-mistral', '2026-03-15T00:00:00Z', 'moving out');
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
    const again = await terminate('c-mistral', '2026-03-15T00:00:00Z', 'moving out');
    expect(again.written).toBe(0);

    await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
    await draft({ id: 'c-kyutai', tenantId: 'kyutai', startsAt: '2026-03-01T00:00:00Z' });
    const fromTheTermination = { startsAt: '2026-03-15T00:00:00Z', endsAt: '2026-03-16T00:00:00Z' };
    await expectRefused(
      reserve({
        id: 'r-k1',
        contractId: 'c-kyutai',
        startsAt: '2026-03-14T00:00:00Z',
        endsAt: '2026-03-16T00:00:00Z',
      }),
      'CONFLICT',
      /has 0 H200 free from 2026-03-14T00:00:00Z/,
    );
    const after = await reserve({
      id: 'r-k2',
      contractId: 'c-kyutai',
      gpuCount: 2048,
      ...fromTheTermination,
    });
    expect(after.written).toBe(1);
    const power = await env.service.commitPower({
      id: 'p-k',
      contractId: 'c-kyutai',
      kw: '44000',
      ...fromTheTermination,
    });
    expect(power.value.kw).toBe('44000');
  });

  it('signs at most one active contract per tenant and site', async () => {
    await draft({ id: 'c-2', startsAt: '2026-06-01T00:00:00Z' });
    await expectRefused(
      env.service.signContract({ id: 'c-2' }),
      'CONFLICT',
      /tenant mistral already has contract c-mistral active at site bru-1/,
    );
    await terminate('c-mistral', '2026-06-01T00:00:00Z', 'renewal');
    expect((await env.service.signContract({ id: 'c-2' })).value.status).toBe('SIGNED');
  });

  it('amends the rate card from an instant', async () => {
    const amended = await amend({
      id: 'a-1',
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
    await expectRefused(draft({ tenantId: 'nobody' }), 'NOT_FOUND', /no tenant nobody/);
    await expectRefused(reserve({ contractId: 'nope' }), 'NOT_FOUND', /no contract nope/);
    await expectRefused(
      env.service.signContract({ id: 'nope' }),
      'NOT_FOUND',
      /contract nope does not exist/,
    );
    await reserve({ id: 'r-1' });
    await contractAtParis2();
    await expectRefused(
      reserve({ id: 'r-1', contractId: 'c-par' }),
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
    await terminate('c-k1', '2026-06-01T00:00:00Z', 'never signed');
    expect((await env.store.readStream('tenancy-kyutai.bru-1')).at(-1)).toMatchObject({
      type: 'ContractDeactivated',
      data: { effectiveAt: '2026-03-01T00:00:00Z' },
    });
    expect((await env.service.signContract({ id: 'c-k2' })).value.status).toBe('SIGNED');
  });

  it('keeps reservation and commitment ids unique across sites through their id streams', async () => {
    const asked = { id: 'r-9', gpuCount: 8 };
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
      reserve({ ...asked, gpuCount: 9 }),
      'CONFLICT',
      /^reservation r-9 already exists with other details/,
    );
    const completed = await reserve(asked);
    expect(completed.written).toBe(1);
    expect((await reserve(asked)).written).toBe(0);
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
    await contractAtParis2();
    await expectRefused(
      env.service.commitPower({ id: 'p-1', contractId: 'c-par', kw: '10', ...march }),
      'CONFLICT',
      /^power commitment p-1 already exists at site bru-1/,
    );
  });

  it('refuses an amendment dropping the rate of a GPU model a running reservation holds', async () => {
    await reserve({ id: 'r-1', gpuModel: 'GB300', gpuCount: 8 });
    const withoutGb300 = {
      ...rateCardInput,
      gpuRates: rateCardInput.gpuRates.filter((r) => r.gpuModel !== 'GB300'),
    };
    const fromMidMarch = { id: 'a-1', effectiveAt: '2026-03-15T00:00:00Z', rateCard: withoutGb300 };
    await expectRefused(
      amend(fromMidMarch),
      'CONFLICT',
      /^reservation r-1 holds GB300 until 2026-03-31T22:00:00Z; amendment a-1 in force from 2026-03-15T00:00:00Z has no rate for GB300/,
    );
    const fromTheEnd = { id: 'a-2', effectiveAt: '2026-03-31T22:00:00Z', rateCard: withoutGb300 };
    expect((await amend(fromTheEnd)).written).toBe(1);
    await env.service.cancelReservation({ id: 'r-1', reason: 'downsizing' });
    expect((await amend(fromMidMarch)).written).toBe(1);
  });

  it('leaves no trace in the log for any kind of refusal', async () => {
    await contractAtParis2();
    await draft({ id: 'c-2', startsAt: '2026-06-01T00:00:00Z' });
    await draft({ id: 'c-t', startsAt: '2026-06-01T00:00:00Z' });
    await terminate('c-t', '2026-07-01T00:00:00Z', 'dropped');
    await reserve({ id: 'r-1', gpuModel: 'GB300', gpuCount: 13824 });
    await env.service.commitPower({ id: 'p-1', contractId: 'c-mistral', kw: '44000', ...march });
    await amend({ id: 'a-1', effectiveAt: '2026-05-01T00:00:00Z' });
    const site = {
      name: 'X',
      countryCode: 'FR',
      timeZone: 'UTC',
      powerCapacityKw: '1',
      gpuInventory: [],
    };
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
      ['bad contract', () => draft({ startsAt: 'soon' }), 'BAD_USER_INPUT'],
      ['unknown tenant', () => draft({ tenantId: 'nobody' }), 'NOT_FOUND'],
      ['unknown site', () => draft({ siteId: 'nowhere' }), 'NOT_FOUND'],
      [
        'contract id reused',
        () => draft({ id: 'c-mistral', startsAt: '2027-01-01T00:00:00Z' }),
        'CONFLICT',
      ],
      ['sign unknown', () => env.service.signContract({ id: 'nope' }), 'NOT_FOUND'],
      ['sign overlapping', () => env.service.signContract({ id: 'c-2' }), 'CONFLICT'],
      ['sign terminated', () => env.service.signContract({ id: 'c-t' }), 'CONFLICT'],
      [
        'amend unknown',
        () => amend({ contractId: 'nope', effectiveAt: '2026-05-01T00:00:00Z' }),
        'NOT_FOUND',
      ],
      [
        'amend outside the term',
        () => amend({ effectiveAt: '2025-01-01T00:00:00Z' }),
        'BAD_USER_INPUT',
      ],
      [
        'amendment id reused',
        () => amend({ id: 'a-1', effectiveAt: '2026-06-01T00:00:00Z' }),
        'CONFLICT',
      ],
      [
        'amend after the termination',
        () => amend({ contractId: 'c-t', effectiveAt: '2026-08-01T00:00:00Z' }),
        'CONFLICT',
      ],
      [
        'amend dropping a reserved model',
        () =>
          amend({
            effectiveAt: '2026-03-10T00:00:00Z',
            rateCard: { ...rateCardInput, gpuRates: [] },
          }),
        'CONFLICT',
      ],
      ['terminate unknown', () => terminate('nope', '2026-06-01T00:00:00Z'), 'NOT_FOUND'],
      ['terminate at another instant', () => terminate('c-t', '2026-06-15T00:00:00Z'), 'CONFLICT'],
      ['bad reservation', () => reserve({ gpuCount: 0 }), 'BAD_USER_INPUT'],
      ['reserve for an unknown contract', () => reserve({ contractId: 'nope' }), 'NOT_FOUND'],
      ['reserve beyond the capacity', () => reserve({ gpuModel: 'GB300' }), 'CONFLICT'],
      ['reserve an unpriced model', () => reserve({ gpuModel: 'B200' }), 'BAD_USER_INPUT'],
      [
        'reserve outside the term',
        () => reserve({ startsAt: '2025-06-01T00:00:00Z' }),
        'BAD_USER_INPUT',
      ],
      [
        'reserve on a contract terminated unsigned',
        () => reserve({ contractId: 'c-t' }),
        'CONFLICT',
      ],
      ['reservation id reused', () => reserve({ id: 'r-1' }), 'CONFLICT'],
      [
        'reservation id used at another site',
        () => reserve({ id: 'r-1', contractId: 'c-par' }),
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
      reserve({ gpuCount: -3 }),
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
