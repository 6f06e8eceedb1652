/**
 * Benchmark child, the ceiling: `tsx bare-insert.ts <lines> <per commit>` inserts the events an
 * NDJSON body of that many usage lines makes (the same data and metadata text) with a bare
 * better-sqlite3 loop, into the event store's table shape with a unique index on the record id
 * (random UUIDs, as metering systems send them), synchronous=FULL, and prints {"rows_per_s"}.
 * No validation, no registry, no HTTP: what SQLite itself allows for those rows.
 */
import { randomUUID } from 'node:crypto';
import { Sqlite } from '@cadran/event-store';
import { tempDir } from '../reference-data.test-support.js';
import { usageLine } from './bench-records.js';

const lines = Number(process.argv[2] ?? 1_000_000);
const perCommit = Number(process.argv[3] ?? 1_000);
const temp = tempDir('cadran-bench-bare-');
try {
  const db = new Sqlite(temp.file('bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE events (position INTEGER PRIMARY KEY, stream_key INTEGER NOT NULL, revision INTEGER NOT NULL,
      id BLOB NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL);
    CREATE UNIQUE INDEX events_by_stream ON events (stream_key, revision);
    CREATE UNIQUE INDEX events_by_id ON events (id);`);
  const insert = db.prepare<[number, number, Buffer, string, string]>(
    "INSERT INTO events (stream_key, revision, id, type, data, metadata) VALUES (?, ?, ?, 'GpuUsageRecorded', ?, ?)",
  );
  let revision = 0;
  const commit = db.transaction((rows: [Buffer, string][]) => {
    const metadata = JSON.stringify({ schemaVersion: 1, recordedAt: new Date().toISOString() });
    for (const [id, data] of rows) insert.run(1, revision++, id, data, metadata);
  });
  let seconds = 0;
  for (let start = 0; start < lines; start += perCommit) {
    const rows: [Buffer, string][] = [];
    for (let n = start; n < Math.min(start + perCommit, lines); n++) {
      const recordId = randomUUID();
      const { id: _id, ...fields } = JSON.parse(usageLine(n, recordId)) as Record<string, string>;
      const data = JSON.stringify({ recordId, ...fields, contractId: 'c-mistral' });
      rows.push([Buffer.from(recordId.replaceAll('-', ''), 'hex'), data]);
    }
    const before = performance.now();
    commit.immediate(rows);
    seconds += (performance.now() - before) / 1000;
  }
  db.close();
  console.log(JSON.stringify({ rows_per_s: lines / seconds }));
} finally {
  temp.remove();
}
