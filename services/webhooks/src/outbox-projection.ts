import type { Database, Statement } from 'better-sqlite3';
import type { DomainEvent, WebhookOwnerKind } from '@cadran/domain';
import { formatInstant, toMs } from '@cadran/domain';
import type { RecordedEvent } from '@cadran/event-store';
import { dropTables, type Projection } from '@cadran/projections';
import {
  CATALOGUE_EVENT_TYPES,
  concerns,
  incidentOpenedAudience,
  notificationsOf,
  type CatalogueLookups,
  type CatalogueOptions,
  type ContractParties,
} from './catalogue.js';
import { audienceOf, notificationBody, type Notification } from './notification.js';

export const WEBHOOK_TABLES = [
  'wh_endpoints',
  'wh_contracts',
  'wh_incidents',
  'wh_issued',
  'wh_commitments',
  'wh_outbox',
  'wh_attempts',
] as const;

const ENDPOINT_EVENTS = [
  'WebhookEndpointRegistered',
  'WebhookEndpointPaused',
  'WebhookEndpointResumed',
  'WebhookReplayRequested',
  'WebhookEndpointRemoved',
];
const SCOPING_EVENTS = [
  'ContractDrafted',
  'ContractSigned',
  'ContractTerminated',
  'CapacityReserved',
  'ReservationCancelled',
  'PowerCommitted',
  'ContractCapacityReleased',
];

const DAY_MS = 86_400_000;
/** Notices before a reservation or power commitment ends, nearest last. */
export const ENDING_NOTICES = [
  { label: '30d', ms: 30 * DAY_MS },
  { label: '7d', ms: 7 * DAY_MS },
] as const;

type EndpointRow = {
  endpoint_id: string;
  owner_kind: WebhookOwnerKind;
  owner_id: string | null;
  event_types: string;
};
type ContractRow = {
  contract_id: string;
  tenant_id: string;
  partner_id: string | null;
  site_id: string;
  time_zone: string;
};

/**
 * The webhooks' own read model, fed from the log like any projection: who is registered, the
 * contracts, incidents, issued periods and commitments needed to tell whom a fact concerns, and
 * the outbox: one row per notification and endpoint, in log order. The rows are written in the
 * transaction that moves the checkpoint, so a crash neither loses nor doubles a notification.
 */
export function createOutboxProjection(options: CatalogueOptions = {}) {
  let s: Record<string, Statement> = {};
  let lookups: CatalogueLookups;

  const toParties = (row: ContractRow): ContractParties => ({
    contractId: row.contract_id,
    tenantId: row.tenant_id,
    partnerId: row.partner_id,
    siteId: row.site_id,
    billingTimeZone: row.time_zone,
  });

  const enqueue = (notification: Notification) => {
    const body = notificationBody(notification);
    for (const endpoint of s.liveEndpoints!.all() as EndpointRow[]) {
      const types = JSON.parse(endpoint.event_types) as string[];
      if (types.length > 0 && !types.includes(notification.type)) continue;
      if (!concerns({ kind: endpoint.owner_kind, id: endpoint.owner_id }, notification.audience))
        continue;
      s.enqueue!.run(
        endpoint.endpoint_id,
        notification.id,
        notification.type,
        notification.position,
        body,
      );
    }
  };

  const applyScoping = (event: DomainEvent) => {
    switch (event.type) {
      case 'ContractDrafted': {
        const d = event.data;
        s.contract!.run(
          d.contractId,
          d.tenantId,
          d.billTo === 'PARTNER' ? d.partnerId : null,
          d.siteId,
          d.billingTimeZone,
          toMs(d.startsAt),
          d.endsAt === null ? null : toMs(d.endsAt),
        );
        return;
      }
      case 'ContractSigned':
        s.signContract!.run(event.data.contractId);
        return;
      case 'ContractTerminated':
        s.endContract!.run({ at: toMs(event.data.effectiveAt), id: event.data.contractId });
        return;
      case 'CapacityReserved':
      case 'PowerCommitted': {
        const [kind, id] =
          event.type === 'CapacityReserved'
            ? ['reservation', event.data.reservationId]
            : ['power_commitment', event.data.commitmentId];
        s.commitment!.run(kind, id, event.data.contractId, toMs(event.data.endsAt));
        return;
      }
      case 'ReservationCancelled':
        s.cancelCommitment!.run('reservation', event.data.reservationId);
        return;
      case 'ContractCapacityReleased':
        s.releaseCommitments!.run(toMs(event.data.effectiveAt), event.data.contractId);
        return;
      default:
        return;
    }
  };

  const applyEndpoint = (event: DomainEvent, position: bigint) => {
    switch (event.type) {
      case 'WebhookEndpointRegistered': {
        const d = event.data;
        s.endpoint!.run(
          d.endpointId,
          d.ownerKind,
          d.ownerId,
          d.url,
          d.description,
          JSON.stringify(d.eventTypes),
          d.registeredAt,
          position,
        );
        return;
      }
      case 'WebhookEndpointPaused':
        s.endpointStatus!.run('paused', event.data.reason, event.data.endpointId);
        return;
      case 'WebhookEndpointResumed':
        s.endpointStatus!.run('active', null, event.data.endpointId);
        s.retryNow!.run(event.data.endpointId);
        return;
      case 'WebhookReplayRequested':
        s.replay!.run(event.data.endpointId, BigInt(event.data.fromPosition));
        return;
      case 'WebhookEndpointRemoved':
        s.endpointStatus!.run('removed', null, event.data.endpointId);
        return;
      default:
        return;
    }
  };

  const projection: Projection & {
    /** Due "ending in 30 / 7 days" notices at `nowMs`, enqueued once each (call inside a transaction). */
    enqueueDueNotices(nowMs: number, position: bigint): number;
  } = {
    name: 'webhooks',
    eventTypes: [...new Set([...ENDPOINT_EVENTS, ...SCOPING_EVENTS, ...CATALOGUE_EVENT_TYPES])],
    tables: WEBHOOK_TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS wh_endpoints (
          endpoint_id TEXT PRIMARY KEY, owner_kind TEXT NOT NULL, owner_id TEXT, url TEXT NOT NULL,
          description TEXT, event_types TEXT NOT NULL, registered_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', pause_reason TEXT,
          registered_position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS wh_contracts (
          contract_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, partner_id TEXT, site_id TEXT NOT NULL,
          time_zone TEXT NOT NULL, starts_at_ms INTEGER NOT NULL, ends_at_ms INTEGER,
          signed INTEGER NOT NULL DEFAULT 0, last_invoice_id TEXT);
        CREATE INDEX IF NOT EXISTS wh_contracts_site ON wh_contracts (site_id);
        CREATE TABLE IF NOT EXISTS wh_incidents (
          incident_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, audience TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS wh_issued (
          contract_id TEXT NOT NULL, period TEXT NOT NULL, PRIMARY KEY (contract_id, period));
        CREATE TABLE IF NOT EXISTS wh_commitments (
          kind TEXT NOT NULL, id TEXT NOT NULL, contract_id TEXT NOT NULL, ends_at_ms INTEGER NOT NULL,
          cancelled INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, id));
        CREATE TABLE IF NOT EXISTS wh_outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, endpoint_id TEXT NOT NULL, notification_id TEXT NOT NULL,
          type TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL, delivered_at TEXT,
          attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms INTEGER NOT NULL DEFAULT 0,
          last_status INTEGER, last_error TEXT, generation INTEGER NOT NULL DEFAULT 0,
          UNIQUE (endpoint_id, notification_id));
        CREATE INDEX IF NOT EXISTS wh_outbox_pending ON wh_outbox (endpoint_id, delivered_at, seq);
        CREATE TABLE IF NOT EXISTS wh_attempts (
          id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint_id TEXT NOT NULL, notification_id TEXT NOT NULL,
          attempt INTEGER NOT NULL, at TEXT NOT NULL, status INTEGER, error TEXT, duration_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS wh_attempts_endpoint ON wh_attempts (endpoint_id, id);
      `);
      // Outboxes made before rows had a generation (replays and resumes bump it).
      const columns = db.prepare('PRAGMA table_info(wh_outbox)').all() as { name: string }[];
      if (!columns.some((column) => column.name === 'generation'))
        db.exec('ALTER TABLE wh_outbox ADD COLUMN generation INTEGER NOT NULL DEFAULT 0');
      s = {
        endpoint: db.prepare(
          `INSERT OR IGNORE INTO wh_endpoints
             (endpoint_id, owner_kind, owner_id, url, description, event_types, registered_at, registered_position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        endpointStatus: db.prepare(
          'UPDATE wh_endpoints SET status = ?, pause_reason = ? WHERE endpoint_id = ?',
        ),
        liveEndpoints: db.prepare(
          "SELECT endpoint_id, owner_kind, owner_id, event_types FROM wh_endpoints WHERE status != 'removed'",
        ),
        retryNow: db.prepare(
          `UPDATE wh_outbox SET attempts = 0, next_attempt_ms = 0, generation = generation + 1
           WHERE endpoint_id = ? AND delivered_at IS NULL`,
        ),
        replay: db.prepare(
          `UPDATE wh_outbox SET delivered_at = NULL, attempts = 0, next_attempt_ms = 0, generation = generation + 1
           WHERE endpoint_id = ? AND position >= ?`,
        ),
        enqueue: db.prepare(
          `INSERT OR IGNORE INTO wh_outbox (endpoint_id, notification_id, type, position, body)
           VALUES (?, ?, ?, ?, ?)`,
        ),
        contract: db.prepare(
          `INSERT OR IGNORE INTO wh_contracts (contract_id, tenant_id, partner_id, site_id, time_zone, starts_at_ms, ends_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ),
        signContract: db.prepare('UPDATE wh_contracts SET signed = 1 WHERE contract_id = ?'),
        endContract: db.prepare(
          'UPDATE wh_contracts SET ends_at_ms = min(coalesce(ends_at_ms, @at), @at) WHERE contract_id = @id',
        ),
        contractById: db.prepare('SELECT * FROM wh_contracts WHERE contract_id = ?'),
        contractsAtSite: db.prepare(
          `SELECT * FROM wh_contracts WHERE site_id = @site AND signed = 1 AND starts_at_ms <= @at
             AND (ends_at_ms IS NULL OR ends_at_ms > @at) ORDER BY contract_id`,
        ),
        incident: db.prepare('INSERT OR IGNORE INTO wh_incidents VALUES (?, ?, ?)'),
        incidentById: db.prepare(
          'SELECT site_id, audience FROM wh_incidents WHERE incident_id = ?',
        ),
        issued: db.prepare('INSERT OR IGNORE INTO wh_issued VALUES (?, ?)'),
        lastInvoice: db.prepare(
          'UPDATE wh_contracts SET last_invoice_id = ? WHERE contract_id = ?',
        ),
        issuedFor: db.prepare(
          `SELECT c.last_invoice_id AS invoiceId FROM wh_issued i JOIN wh_contracts c USING (contract_id)
           WHERE i.contract_id = ? AND i.period = ?`,
        ),
        commitment: db.prepare(
          'INSERT OR IGNORE INTO wh_commitments (kind, id, contract_id, ends_at_ms) VALUES (?, ?, ?, ?)',
        ),
        cancelCommitment: db.prepare(
          'UPDATE wh_commitments SET cancelled = 1 WHERE kind = ? AND id = ?',
        ),
        releaseCommitments: db.prepare(
          'UPDATE wh_commitments SET ends_at_ms = min(ends_at_ms, ?) WHERE contract_id = ?',
        ),
        endingWithin: db.prepare(
          `SELECT m.kind, m.id, m.ends_at_ms AS endsAtMs, c.contract_id, c.tenant_id, c.partner_id, c.site_id, c.time_zone
           FROM wh_commitments m JOIN wh_contracts c USING (contract_id)
           WHERE m.cancelled = 0 AND m.ends_at_ms > ? AND m.ends_at_ms <= ?`,
        ),
      };
      lookups = {
        contract: (contractId) => {
          const row = s.contractById!.get(contractId) as ContractRow | undefined;
          return row && toParties(row);
        },
        contractsAtSite: (siteId, at) =>
          (s.contractsAtSite!.all({ site: siteId, at: toMs(at) }) as ContractRow[]).map(toParties),
        incidentAudience: (incidentId) => {
          const row = s.incidentById!.get(incidentId) as
            { site_id: string; audience: string } | undefined;
          return row && { siteId: row.site_id, audience: JSON.parse(row.audience) };
        },
        issuedFor: (contractId, period) =>
          (s.issuedFor!.get(contractId, period) as { invoiceId: string | null } | undefined)
            ?.invoiceId ?? undefined,
      };
    },
    reset(db: Database) {
      dropTables(db, WEBHOOK_TABLES);
    },
    apply(event: RecordedEvent) {
      const domain = { type: event.type, data: event.data } as DomainEvent;
      applyEndpoint(domain, event.globalPosition);
      applyScoping(domain);
      for (const notification of notificationsOf(event, lookups, options)) enqueue(notification);
      if (domain.type === 'IncidentOpened') {
        const audience = incidentOpenedAudience(domain.data, lookups);
        s.incident!.run(domain.data.incidentId, domain.data.siteId, JSON.stringify(audience));
      }
      if (event.type === 'InvoiceIssued') {
        const data = event.data as {
          invoiceId: string;
          draft: { contractId: string; period: string };
        };
        s.issued!.run(data.draft.contractId, data.draft.period);
        s.lastInvoice!.run(data.invoiceId, data.draft.contractId);
      }
    },
    enqueueDueNotices(nowMs: number, position: bigint) {
      let enqueued = 0;
      const widest = ENDING_NOTICES[0].ms;
      const rows = s.endingWithin!.all(nowMs, nowMs + widest) as (ContractRow & {
        kind: 'reservation' | 'power_commitment';
        id: string;
        endsAtMs: number;
      })[];
      for (const row of rows) {
        const notice = [...ENDING_NOTICES].reverse().find((n) => row.endsAtMs - nowMs <= n.ms)!;
        const idField = row.kind === 'reservation' ? 'reservationId' : 'commitmentId';
        const notification: Notification = {
          id: `${row.kind}.ending:${row.id}:${notice.label}`,
          type: row.kind === 'reservation' ? 'reservation.ending' : 'power_commitment.ending',
          position,
          occurredAt: formatInstant(nowMs),
          audience: audienceOf({ tenantId: row.tenant_id, partnerId: row.partner_id }),
          data: {
            [idField]: row.id,
            contractId: row.contract_id,
            tenantId: row.tenant_id,
            siteId: row.site_id,
            endsAt: formatInstant(row.endsAtMs),
            notice: notice.label,
          },
        };
        enqueue(notification);
        enqueued++;
      }
      return enqueued;
    },
  };
  return projection;
}

export type OutboxProjection = ReturnType<typeof createOutboxProjection>;
