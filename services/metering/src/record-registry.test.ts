import { Sqlite } from '@cadran/event-store';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createRecordRegistry } from './record-registry.js';
import { contentDigest, recordEventId } from './record-identity.js';
import { tempDir } from './testing/reference-data.js';

let temp: ReturnType<typeof tempDir>;
const open = () => new Sqlite(temp.file('registry.db'));
const entry = (id: string, content = id) => ({
  eventId: recordEventId('usage', id),
  digest: contentDigest([id, content]),
});

beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.remove());

it('answers from memory before a flush and from the database after one', () => {
  const db = open();
  const registry = createRecordRegistry(db, { flushEvery: 1000 });
  registry.apply('usage-a', undefined, 1n, [entry('r1'), entry('r2')]);
  expect(registry.digest(entry('r1').eventId)).toEqual(entry('r1').digest);
  expect(registry.revision('usage-a')).toBe(1n);
  const other = createRecordRegistry(open());
  expect(other.digest(entry('r1').eventId)).toBeUndefined();
  registry.flush();
  expect(other.digest(entry('r2').eventId)).toEqual(entry('r2').digest);
  expect(other.revision('usage-a')).toBe(1n);
  expect(other.digest(entry('r3').eventId)).toBeUndefined();
  db.close();
});

it('moves a revision only from the one it holds, so it never claims records it lacks', () => {
  const db = open();
  const registry = createRecordRegistry(db, { flushEvery: 1 });
  registry.apply('usage-a', undefined, 4n, [entry('r1')]);
  registry.apply('usage-a', 9n, 12n, [entry('r9')]);
  expect(registry.revision('usage-a')).toBe(4n);
  expect(registry.digest(entry('r9').eventId)).toEqual(entry('r9').digest);
  registry.apply('usage-a', 4n, 8n, [entry('r5')]);
  expect(registry.revision('usage-a')).toBe(8n);
  db.close();
});

it('derives one event id per kind and record id, and a digest that changes with the content', () => {
  expect(recordEventId('usage', 'r1')).toEqual(recordEventId('usage', 'r1'));
  expect(recordEventId('usage', 'r1')).not.toEqual(recordEventId('energy', 'r1'));
  expect(recordEventId('usage', 'r1')).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  // UUIDv5 as RFC 9562 defines it (uuid's v5('r1', namespace) gives the same): ids already in logs stay the same.
  expect(recordEventId('usage', 'r1')).toBe('0524e68d-2ea5-50f3-92e4-d606bef26107');
  expect(recordEventId('energy', 'x-é')).toBe('3a905f1d-e73a-5fa8-b0bd-d8ef5785636c');
  expect(entry('r1', 'a').digest).not.toEqual(entry('r1', 'b').digest);
});
