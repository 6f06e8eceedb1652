import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Database } from 'better-sqlite3';
import {
  badInput,
  handleCommand,
  parseRegisterWebhookEndpoint,
  parseReplayFrom,
  readCreation,
  streams,
  webhookEndpointDecider,
  type CommandMeta,
  type IdGenerator,
  type WebhookEndpointCommand,
  type WebhookOwnerKind,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { createProjectionRunner } from '@cadran/projections';
import type { CatalogueOptions } from './catalogue.js';
import { createDeliverer, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './deliverer.js';
import { endpointSecret } from './endpoint-secret.js';
import { createOutboxProjection } from './outbox-projection.js';

export type WebhooksServiceOptions = {
  store: EventStore;
  /** Where the webhooks' own tables and checkpoint live (the platform's read-model database). */
  db: Database;
  /** The key every endpoint's signing secret is derived from. */
  key: string;
  clock?: () => Date;
  newId?: IdGenerator;
  policy?: Partial<DeliveryPolicy>;
  catalogue?: CatalogueOptions;
  /**
   * Let tenants and partners register endpoints on loopback or private addresses (tests, closed
   * networks). Off by default: the platform would otherwise post into the operator's own network.
   */
  allowPrivateNetworks?: boolean;
  onError?: (error: unknown) => void;
};

export type EndpointOwner = { kind: WebhookOwnerKind; id: string | null };

export type WebhookEndpointView = {
  id: string;
  ownerKind: WebhookOwnerKind;
  ownerId: string | null;
  url: string;
  description: string | null;
  eventTypes: string[];
  status: 'ACTIVE' | 'PAUSED' | 'REMOVED';
  pauseReason: string | null;
  registeredAt: string;
  /** Registered at this log position: the endpoint hears of what comes after. */
  registeredPosition: string;
  secret: string;
};

export type WebhookDeliveryView = {
  notificationId: string;
  type: string;
  position: string;
  status: 'PENDING' | 'DELIVERED';
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  body: string;
};

type EndpointRow = {
  endpoint_id: string;
  owner_kind: WebhookOwnerKind;
  owner_id: string | null;
  url: string;
  description: string | null;
  event_types: string;
  status: 'active' | 'paused' | 'removed';
  pause_reason: string | null;
  registered_at: string;
  registered_position: number | bigint;
};
type OutboxRow = {
  seq: number;
  notification_id: string;
  type: string;
  position: number | bigint;
  body: string;
  delivered_at: string | null;
  attempts: number;
  next_attempt_ms: number;
  last_status: number | null;
  last_error: string | null;
};

const PRIVATE_V4 = [
  /^127\./,
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^0\./,
];
const isPrivateHost = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return PRIVATE_V4.some((range) => range.test(host));
  if (isIP(host) === 6) return host === '::1' || /^f[cd]|^fe80/.test(host);
  return false;
};

export function createWebhooksService(options: WebhooksServiceOptions) {
  const { store, db, key } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  const onError = options.onError ?? (() => undefined);
  const projection = createOutboxProjection(options.catalogue);
  const runner = createProjectionRunner({
    store,
    db,
    projections: [projection],
    name: 'webhooks',
    onError,
  });

  const endpointById = db.prepare('SELECT * FROM wh_endpoints WHERE endpoint_id = ?');
  const endpointsOf = db.prepare(
    `SELECT * FROM wh_endpoints WHERE (@kind IS NULL OR owner_kind = @kind)
       AND (@id IS NULL OR owner_id = @id) ORDER BY registered_position`,
  );
  const outboxPage = db.prepare(
    `SELECT * FROM wh_outbox WHERE endpoint_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );

  const viewOf = (row: EndpointRow): WebhookEndpointView => ({
    id: row.endpoint_id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    status: row.status.toUpperCase() as WebhookEndpointView['status'],
    pauseReason: row.pause_reason,
    registeredAt: row.registered_at,
    registeredPosition: row.registered_position.toString(),
    secret: endpointSecret(key, row.endpoint_id),
  });

  const run = async (
    endpointId: string,
    command: () => WebhookEndpointCommand | Promise<WebhookEndpointCommand>,
    meta?: CommandMeta,
  ) => {
    const handled = await handleCommand(
      store,
      streams.webhookEndpoint(endpointId),
      webhookEndpointDecider,
      command,
      meta,
    );
    return { id: endpointId, position: handled.position, written: handled.written };
  };

  const pause = async (endpointId: string, reason: string, meta?: CommandMeta) =>
    run(
      endpointId,
      () => ({
        type: 'PauseWebhookEndpoint',
        data: { endpointId, reason, pausedAt: clock().toISOString() },
      }),
      meta,
    );

  const deliverer = createDeliverer({
    db,
    projection,
    position: () => runner.position,
    secretOf: (endpointId) => endpointSecret(key, endpointId),
    pause: async (endpointId, reason) => {
      await pause(endpointId, reason, { actor: 'webhooks' });
    },
    now: () => clock().getTime(),
    policy,
    onError,
  });

  return {
    /** Catches the outbox up with the log, then keeps following it and delivering. */
    async start() {
      await runner.start();
      deliverer.start();
    },
    async stop() {
      await deliverer.stop();
      await runner.stop();
    },
    get failure() {
      return runner.failure;
    },
    /** Its subscription's state, as /healthz reports it. */
    get state() {
      return runner.state;
    },
    position: () => runner.position,
    awaitPosition: (position: bigint, timeoutMs: number) =>
      runner.waitForPosition(position, timeoutMs),

    async registerEndpoint(input: unknown, meta?: CommandMeta) {
      const data = parseRegisterWebhookEndpoint(input, newId, clock().toISOString());
      if (
        data.ownerKind !== 'OPERATOR' &&
        !options.allowPrivateNetworks &&
        isPrivateHost(new URL(data.url).hostname)
      )
        throw badInput(
          'url',
          'a public address (loopback and private networks are refused)',
          data.url,
        );
      return run(
        data.endpointId,
        async () => {
          const owner =
            data.ownerId === null
              ? undefined
              : await readCreation(
                  store,
                  data.ownerKind === 'TENANT'
                    ? streams.tenant(data.ownerId)
                    : streams.partner(data.ownerId),
                );
          return {
            type: 'RegisterWebhookEndpoint' as const,
            data,
            context: { ownerExists: data.ownerKind === 'OPERATOR' || owner !== undefined },
          };
        },
        meta,
      );
    },
    pauseEndpoint: (input: { id: string; reason?: string | null }, meta?: CommandMeta) =>
      pause(input.id, input.reason?.trim() || 'paused by its owner', meta),
    resumeEndpoint: (input: { id: string }, meta?: CommandMeta) =>
      run(
        input.id,
        () => ({
          type: 'ResumeWebhookEndpoint',
          data: { endpointId: input.id, resumedAt: clock().toISOString() },
        }),
        meta,
      ),
    replayEndpoint: (input: { id: string; fromPosition: unknown }, meta?: CommandMeta) => {
      const fromPosition = parseReplayFrom(input.fromPosition);
      return run(
        input.id,
        () => ({
          type: 'ReplayWebhookEndpoint',
          data: { endpointId: input.id, fromPosition, requestedAt: clock().toISOString() },
        }),
        meta,
      );
    },
    removeEndpoint: (input: { id: string }, meta?: CommandMeta) =>
      run(
        input.id,
        () => ({
          type: 'RemoveWebhookEndpoint',
          data: { endpointId: input.id, removedAt: clock().toISOString() },
        }),
        meta,
      ),

    endpoint(id: string): WebhookEndpointView | null {
      const row = endpointById.get(id) as EndpointRow | undefined;
      return row ? viewOf(row) : null;
    },
    endpoints(owner: { kind?: WebhookOwnerKind; id?: string } = {}): WebhookEndpointView[] {
      return (
        endpointsOf.all({ kind: owner.kind ?? null, id: owner.id ?? null }) as EndpointRow[]
      ).map(viewOf);
    },
    /** The endpoint's notifications in order, `first` after the cursor `after` (a sequence number). */
    deliveries(endpointId: string, page: { first: number; after?: string | null }) {
      const after = page.after ? Number(page.after) : 0;
      if (!Number.isSafeInteger(after) || after < 0)
        throw badInput('after', 'a cursor returned by an earlier page', page.after);
      const rows = outboxPage.all(endpointId, after, page.first + 1) as OutboxRow[];
      const items: WebhookDeliveryView[] = rows.slice(0, page.first).map((row) => ({
        notificationId: row.notification_id,
        type: row.type,
        position: row.position.toString(),
        status: row.delivered_at === null ? 'PENDING' : 'DELIVERED',
        attempts: row.attempts,
        nextAttemptAt:
          row.delivered_at === null && row.attempts > 0
            ? new Date(row.next_attempt_ms).toISOString()
            : null,
        deliveredAt: row.delivered_at,
        lastStatus: row.last_status,
        lastError: row.last_error,
        body: row.body,
      }));
      const last = rows[page.first - 1];
      return { items, next: rows.length > page.first && last ? String(last.seq) : null };
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
