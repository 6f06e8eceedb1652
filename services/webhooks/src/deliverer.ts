import type { Database } from 'better-sqlite3';
import { signedHeaders } from './endpoint-secret.js';
import type { OutboxProjection } from './outbox-projection.js';

export type DeliveryPolicy = {
  /** How often the outbox is looked at; default 250 ms. */
  tickMs: number;
  /** One attempt's time limit; default 10 s. */
  timeoutMs: number;
  /** The first retry waits this long, each next one twice as long, up to `maxBackoffMs`; default 1 s. */
  baseBackoffMs: number;
  /** Default 1 h. */
  maxBackoffMs: number;
  /** Failed attempts in a row on one notification after which the endpoint is paused; default 10. */
  maxAttempts: number;
  /** How often the "ending in 30 / 7 days" notices are looked for; default 60 s. */
  noticeEveryMs: number;
};

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  tickMs: 250,
  timeoutMs: 10_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 3_600_000,
  maxAttempts: 10,
  noticeEveryMs: 60_000,
};

type HeadRow = {
  seq: number;
  /** Bumped by a replay or a resume: an answer to an older attempt must not mark the row. */
  generation: number;
  endpoint_id: string;
  notification_id: string;
  body: string;
  attempts: number;
  url: string;
};

export type DelivererOptions = {
  db: Database;
  projection: OutboxProjection;
  /** The webhooks runner's checkpoint: the position time-driven notices are filed at. */
  position: () => bigint;
  secretOf: (endpointId: string) => string;
  /** Records that the endpoint is paused (an event); the projection then stops its deliveries. */
  pause: (endpointId: string, reason: string) => Promise<void>;
  now: () => number;
  policy: DeliveryPolicy;
  onError: (error: unknown) => void;
};

const describeFailure = (error: unknown): string =>
  error instanceof Error
    ? `${error.name === 'TimeoutError' ? 'timed out' : error.message}${
        error.cause instanceof Error ? `: ${error.cause.message}` : ''
      }`
    : String(error);

/**
 * Sends each endpoint's outbox in order, one notification at a time: the next one leaves only
 * once the previous one was answered 2xx, so a receiver sees the log's order. A failure is
 * retried with a doubling back-off; after `maxAttempts` failures in a row the endpoint is paused.
 */
export function createDeliverer(options: DelivererOptions) {
  const { db, policy } = options;
  const heads = db.prepare(
    `SELECT o.seq, o.generation, o.endpoint_id, o.notification_id, o.body, o.attempts, e.url
     FROM wh_endpoints e JOIN wh_outbox o ON o.seq = (
       SELECT min(seq) FROM wh_outbox WHERE endpoint_id = e.endpoint_id AND delivered_at IS NULL)
     WHERE e.status = 'active' AND o.next_attempt_ms <= ?`,
  );
  const delivered = db.prepare(
    `UPDATE wh_outbox SET delivered_at = ?, attempts = attempts + 1, last_status = ?, last_error = NULL
     WHERE seq = ? AND generation = ?`,
  );
  const failed = db.prepare(
    `UPDATE wh_outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_status = ?, last_error = ?
     WHERE seq = ? AND generation = ?`,
  );
  const attempt = db.prepare(
    `INSERT INTO wh_attempts (endpoint_id, notification_id, attempt, at, status, error, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let lastNotices = -Infinity;
  const sending = new Set<Promise<void>>();

  const backoff = (attempts: number) =>
    Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));

  async function send(row: HeadRow): Promise<void> {
    const startedMs = options.now();
    const at = new Date(startedMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cadran-Webhooks/1',
          ...signedHeaders(options.secretOf(row.endpoint_id), row.notification_id, at, row.body),
        },
        body: row.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status > 299) error = `answered HTTP ${status}`;
    } catch (caught) {
      error = describeFailure(caught);
    }
    const attemptNo = row.attempts + 1;
    const endedMs = options.now();
    attempt.run(
      row.endpoint_id,
      row.notification_id,
      attemptNo,
      at.toISOString(),
      status,
      error,
      endedMs - startedMs,
    );
    if (error === null) {
      delivered.run(new Date(endedMs).toISOString(), status, row.seq, row.generation);
      return;
    }
    const counted = failed.run(
      endedMs + backoff(attemptNo),
      status,
      error,
      row.seq,
      row.generation,
    );
    if (counted.changes > 0 && attemptNo >= policy.maxAttempts)
      await options.pause(
        row.endpoint_id,
        `${attemptNo} failed attempts in a row to deliver ${row.notification_id}; last: ${error}`,
      );
  }

  function tick() {
    const now = options.now();
    if (now - lastNotices >= policy.noticeEveryMs) {
      lastNotices = now;
      db.transaction(() => options.projection.enqueueDueNotices(now, options.position()))();
    }
    for (const row of heads.all(now) as HeadRow[]) {
      if (inFlight.has(row.endpoint_id)) continue;
      inFlight.add(row.endpoint_id);
      const job = send(row)
        .catch(options.onError)
        .finally(() => {
          inFlight.delete(row.endpoint_id);
          sending.delete(job);
        });
      sending.add(job);
    }
  }

  const loop = () => {
    if (!running) return;
    try {
      tick();
    } catch (error) {
      options.onError(error);
    }
    timer = setTimeout(loop, policy.tickMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop();
    },
    /** Stops looking at the outbox and waits for the attempts under way. */
    async stop() {
      running = false;
      clearTimeout(timer);
      await Promise.allSettled([...sending]);
    },
  };
}
