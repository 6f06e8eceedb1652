import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { loadStream, MAX_ATTEMPTS, runCommand } from './command-handler.js';
import { contractDecider } from './contract/contract-decider.js';
import { toStored } from './event-codec.js';
import { drafted, tempDir, type TempDir } from './testing/index.js';

let dir: TempDir;
let store: SqliteEventStore;
beforeEach(() => {
  dir = tempDir('cadran-command-handler-');
  store = createSqliteEventStore({ path: dir.file('events.db') });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const counter = { initialState: () => 0, evolve: (n: number) => n + 1 };
const note = (n: number) => ({ type: 'Noted', data: { n }, metadata: {} });

describe('loadStream', () => {
  it('skips an event type it does not know instead of folding it', async () => {
    await store.appendToStream('contract-c-mistral', [toStored(drafted())], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('contract-c-mistral', [note(1)], { expectedRevision: 0n });
    const loaded = await loadStream(store, 'contract-c-mistral', contractDecider);
    expect(loaded.state).toMatchObject({ status: 'DRAFT', drafted: { contractId: 'c-mistral' } });
    expect(loaded.revision).toBe(1n);
  });
});

describe('runCommand', () => {
  const cycle = (onCommand: () => Promise<void>) => ({
    subject: 'stream notes',
    load: () =>
      loadStream(store, 'notes', counter, (stored) =>
        stored.type === 'Noted' ? stored : undefined,
      ),
    decide: (n: number) => [note(n)],
    command: async (state: number) => {
      await onCommand();
      return state;
    },
    append: (events: ReturnType<typeof note>[], expectedRevision: bigint | 'no_stream') =>
      store.appendToStream('notes', events, { expectedRevision }),
  });

  it('reads and decides again when another writer appended in between', async () => {
    let rounds = 0;
    const decided = await runCommand(
      cycle(async () => {
        if (++rounds === 1)
          await store.appendToStream('notes', [note(-1)], { expectedRevision: 'no_stream' });
      }),
    );
    expect(rounds).toBe(2);
    expect(decided.state).toBe(1);
    expect(decided.events).toEqual([note(1)]);
    expect((await store.readStream('notes')).map((e) => e.data)).toEqual([{ n: -1 }, { n: 1 }]);
  });

  it(`refuses with CONFLICT after ${MAX_ATTEMPTS} lost races, having written nothing of its own`, async () => {
    let rounds = 0;
    const racing = runCommand(
      cycle(async () => {
        rounds++;
        const last = (await store.readStream('notes')).at(-1)?.streamRevision;
        await store.appendToStream('notes', [note(-1)], { expectedRevision: last ?? 'no_stream' });
      }),
    );
    await expect(racing).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `stream notes kept changing under ${MAX_ATTEMPTS} attempts; nothing was written, try again`,
    });
    expect(rounds).toBe(MAX_ATTEMPTS);
    expect(await store.readStream('notes')).toHaveLength(MAX_ATTEMPTS);
  });
});
