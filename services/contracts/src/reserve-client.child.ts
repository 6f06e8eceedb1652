/**
 * One concurrent client for concurrency.test.ts, run in its own process:
 * tsx reserve-client.child.ts <db path> <reservation id> <gpu count>
 * Prints one JSON line: what the service told this client.
 */
import { createSqliteEventStore } from '@cadran/event-store';
import { DomainError } from '@cadran/domain';
import { createContractsService } from './contracts-service.js';

const [path, reservationId, gpuCount] = process.argv.slice(2);
const store = createSqliteEventStore({ path: path! });
const service = createContractsService({ store });
try {
  const result = await service.reserveCapacity({
    id: reservationId,
    contractId: 'c-mistral',
    gpuModel: 'H200',
    gpuCount: Number(gpuCount),
    startsAt: '2026-03-01T00:00:00Z',
    endsAt: '2026-04-01T00:00:00Z',
  });
  console.log(JSON.stringify({ reservationId, granted: result.value.gpuCount, position: String(result.position) }));
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.log(JSON.stringify({ reservationId, refused: error.code, message: error.message }));
} finally {
  await store.close();
}
