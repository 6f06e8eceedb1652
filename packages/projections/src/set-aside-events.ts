import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@cadran/event-store';

/** An event a read model could not apply, kept aside so that the others go on (docs/events.md). */
export type SetAsideEvent = {
  /** The runner (checkpoint name) whose read model refused it. */
  runner: string;
  /** The event's position in the log, as a decimal string. */
  position: string;
  eventId: string;
  eventType: string;
  streamName: string;
  /** The read model that could not apply it. */
  projection: string;
  reason: string;
  setAsideAt: string;
};

const REASON_MAX = 1000;

/** The `set_aside_events` table, beside the checkpoints: not a read model, so a rebuild keeps it until replaced. */
export function createSetAsideEvents(db: Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS set_aside_events (
    runner TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
    stream_name TEXT NOT NULL, projection TEXT NOT NULL, reason TEXT NOT NULL, set_aside_at TEXT NOT NULL,
    PRIMARY KEY (runner, position)
  ) WITHOUT ROWID`);
  const upsert = db.prepare(
    `INSERT INTO set_aside_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET projection = excluded.projection, reason = excluded.reason, set_aside_at = excluded.set_aside_at`,
  );
  const remove = db.prepare('DELETE FROM set_aside_events WHERE runner = ? AND position = ?');
  const clear = db.prepare('DELETE FROM set_aside_events WHERE runner = ?');
  const list = db.prepare(
    `SELECT runner, CAST(position AS TEXT) AS position, event_id AS eventId, event_type AS eventType,
       stream_name AS streamName, projection, reason, set_aside_at AS setAsideAt
     FROM set_aside_events WHERE @runner IS NULL OR runner = @runner ORDER BY runner, position`,
  );
  return {
    add(runner: string, event: RecordedEvent, projection: string, reason: string): SetAsideEvent {
      const entry: SetAsideEvent = {
        runner,
        position: event.globalPosition.toString(),
        eventId: event.id,
        eventType: event.type,
        streamName: event.streamName,
        projection,
        reason: reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX)}…` : reason,
        setAsideAt: new Date().toISOString(),
      };
      upsert.run(
        runner,
        event.globalPosition,
        entry.eventId,
        entry.eventType,
        entry.streamName,
        projection,
        entry.reason,
        entry.setAsideAt,
      );
      return entry;
    },
    remove: (runner: string, position: bigint) => void remove.run(runner, position),
    clear: (runner: string) => void clear.run(runner),
    /** Every runner's, or one runner's, in log order. */
    list: (runner?: string) => list.all({ runner: runner ?? null }) as SetAsideEvent[],
  };
}

export type SetAsideEvents = ReturnType<typeof createSetAsideEvents>;

/** Every set-aside event of a database (the read side's view, for ADMIN and health). */
export function listSetAsideEvents(db: Database): SetAsideEvent[] {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'set_aside_events'")
    .get();
  return exists === undefined ? [] : createSetAsideEvents(db).list();
}
