/**
 * A separate process that appends to a store. argv[2]: StoreLocation as JSON; argv[3]: the task as JSON
 * { stream, count, expectedRevision, writer }. Prints "ready", waits for a "go" line on stdin, appends,
 * prints "appending" just before and one JSON result line after.
 */
import { createInterface } from 'node:readline';
import { WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.js';
import { openStore, type StoreLocation } from './store-location.js';

export interface AppendTask {
  stream: string;
  count: number;
  /** 'no_stream' | 'stream_exists' | 'any' | a decimal revision */
  expectedRevision: string;
  writer: string;
}

const location = JSON.parse(process.argv[2] ?? '') as StoreLocation;
const task = JSON.parse(process.argv[3] ?? '') as AppendTask;
const expected: ExpectedRevision = /^\d+$/.test(task.expectedRevision)
  ? BigInt(task.expectedRevision)
  : (task.expectedRevision as ExpectedRevision);
const events = Array.from({ length: task.count }, (_, index) => ({
  type: 'ChildAppended',
  data: { writer: task.writer, index, padding: 'x'.repeat(64) },
}));

const store = await openStore(location);
const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) {
  if (line.trim() === 'go') break;
}
lines.close();
console.log('appending');
try {
  const result = await store.appendToStream(task.stream, events, { expectedRevision: expected });
  console.log(
    JSON.stringify({ ok: true, nextExpectedRevision: String(result.nextExpectedRevision) }),
  );
} catch (error) {
  if (!(error instanceof WrongExpectedRevisionError)) throw error;
  console.log(JSON.stringify({ ok: false, actual: String(error.actual) }));
}
await store.close();
