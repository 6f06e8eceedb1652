import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { eventStoreContract } from './contract/event-store-contract.js';

const directory = mkdtempSync(join(tmpdir(), 'cadran-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

eventStoreContract({
  name: 'SQLite',
  location: () => ({ adapter: 'sqlite', path: join(directory, `log-${++files}.db`) }),
  detectsReappends: true,
});
