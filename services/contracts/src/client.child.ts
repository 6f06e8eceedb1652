/**
 * One concurrent client for concurrency.test.ts, run in its own process:
 * tsx client.child.ts <db path> <service method> <JSON input>
 * Prints one JSON line: what the service told this client.
 */
import { createSqliteEventStore } from '@cadran/event-store';
import { DomainError } from '@cadran/domain';
import { createContractsService, type ContractsService } from './contracts-service.js';

type Method = 'reserveCapacity' | 'signContract';

const [path, method, input] = process.argv.slice(2) as [string, Method, string];
const store = createSqliteEventStore({ path });
const service: ContractsService = createContractsService({ store });
try {
  const result = await service[method](JSON.parse(input));
  console.log(JSON.stringify({ value: result.value, position: String(result.position) }));
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.log(JSON.stringify({ refused: error.code, message: error.message }));
} finally {
  await store.close();
}
