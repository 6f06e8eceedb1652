import { describe, it } from 'vitest';
import { eventStoreContract } from './contract/event-store-contract.js';

const connectionString = process.env.ESDB_CONNECTION_STRING;

if (connectionString === undefined || connectionString === '') {
  const reason =
    'EventStoreDB contract skipped: ESDB_CONNECTION_STRING is not set (no EventStoreDB server here). ' +
    'Set it, e.g. ESDB_CONNECTION_STRING="esdb://localhost:2113?tls=false", to run the contract against a server.';
  console.info(reason);
  describe.skip('event store contract: EventStoreDB', () => {
    it(reason, () => undefined);
  });
} else {
  eventStoreContract({
    name: 'EventStoreDB',
    location: () => ({ adapter: 'esdb', connectionString }),
    detectsReappends: false,
  });
}
