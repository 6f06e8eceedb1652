/**
 * Work that the crash test kills with SIGKILL. argv: path, mode.
 * mode "append": one append of 400,000 events to stream "big"; prints "appending" first.
 * mode "project": runs the counting projection, printing "batch" after each committed batch.
 */
import { createSqliteEventStore } from '../sqlite-event-store.js';
import { startCountingProjection } from './counting-projection.js';

const [path, mode] = process.argv.slice(2);
const store = createSqliteEventStore({ path: path ?? '' });

if (mode === 'append') {
  const events = Array.from({ length: 400_000 }, (_, index) => ({
    type: 'BigAppend',
    data: { index, padding: 'y'.repeat(100) },
  }));
  console.log('appending');
  await store.appendToStream('big', events, { expectedRevision: 'no_stream' });
  console.log('appended');
} else {
  const subscription = startCountingProjection(store, () => {
    console.log('batch');
    // Let the parent's kill land between and inside batches rather than after the end.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  });
  await subscription.caughtUp;
  console.log('caught-up');
}
