/**
 * SIMULATION: metering's record claims on the EventStoreDB adapter, against a SIMULATED
 * EventStoreDB node (@cadran/event-store/simulation), not EventStoreDB. The simulated node, like
 * the server's IndexWriter, does not refuse a known event id at a new slot: a record is written
 * once because it is claimed first (findings 4 and 5 of the EventStoreDB review).
 */
import { createEsdbEventStore, type EventStore, type RecordedEvent } from '@cadran/event-store';
import {
  startSimulatedEsdb,
  type SimulatedEsdbNode,
  type SimulatedRecord,
} from '@cadran/event-store/simulation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeteringService, type MeteringService } from './metering-service.js';
import {
  SITE_ID,
  registerSite,
  seedReferenceData,
  tempDir,
  usageRecord,
} from './reference-data.test-support.js';

let node: SimulatedEsdbNode;
let temp: ReturnType<typeof tempDir>;
const stores: EventStore[] = [];
const services: MeteringService[] = [];

/** One platform instance: its own connection and its own registry file. */
const instance = (registry: string) => {
  const store = createEsdbEventStore({ connectionString: node.connectionString });
  stores.push(store);
  const service = createMeteringService({ store, registryPath: temp.file(registry) });
  services.push(service);
  return service;
};
const records = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, n) => usageRecord(from + n));
const usageIn = (events: readonly SimulatedRecord[], site: string) =>
  events.filter(
    (event) => event.streamName === `usage-${site}` && event.type === 'GpuUsageRecorded',
  );

beforeEach(async () => {
  node = await startSimulatedEsdb();
  temp = tempDir();
  const store = createEsdbEventStore({ connectionString: node.connectionString });
  stores.push(store);
  await seedReferenceData(store);
  await registerSite(store, 'bru-2');
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await node.stop();
  temp.remove();
});

describe('SIMULATION: metering record ids on a simulated EventStoreDB node', () => {
  it('writes a re-sent record once, whichever instance or site it is re-sent to', async () => {
    const a = instance('a.db');
    const b = instance('b.db');
    expect(await a.recordGpuUsage(records(0, 50))).toMatchObject({ accepted: 50, duplicates: 0 });
    const written = node.appendsWritten;

    expect(await a.recordGpuUsage(records(0, 50))).toMatchObject({ accepted: 0, duplicates: 50 });
    // The re-send was found in the claims: no append at all reached the node.
    expect(node.appendsWritten).toBe(written);
    expect(await b.recordGpuUsage(records(40, 60))).toMatchObject({
      accepted: 10,
      duplicates: 10,
    });
    const otherSite = await b.recordGpuUsage([{ ...usageRecord(5), siteId: 'bru-2' }]);
    expect(otherSite).toMatchObject({ accepted: 0, rejected: [{ id: 'u-5', code: 'CONFLICT' }] });

    const site = usageIn(node.records, SITE_ID);
    expect(site.map((record) => record.revision)).toEqual(
      Array.from({ length: 60 }, (_, i) => BigInt(i)),
    );
    expect(usageIn(node.records, 'bru-2')).toEqual([]);
    const ids = (await stores[0]!.readStream(`usage-${SITE_ID}`)).map(
      (event: RecordedEvent) => event.data.recordId,
    );
    expect(new Set(ids).size).toBe(60);
  });
});
