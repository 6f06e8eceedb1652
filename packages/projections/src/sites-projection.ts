import type { Database, Statement } from 'better-sqlite3';
import { dataOf } from './event-data.js';
import { dropTables, type Projection } from './projection.js';

const TABLES = [
  'rm_sites',
  'rm_site_gpus',
  'rm_reservations',
  'rm_power_commitments',
  'rm_capacity_releases',
] as const;

/**
 * Sites with their inventory, and their capacity ledger: reservations and power commitments.
 * `held_until_ms` is when one stops holding capacity: its end, cut by a cancellation or a release.
 */
export function createSitesProjection(): Projection {
  let s: Record<
    | 'insertSite'
    | 'insertGpu'
    | 'insertReservation'
    | 'cancelReservation'
    | 'insertCommitment'
    | 'insertRelease'
    | 'selectRelease'
    | 'releaseReservations'
    | 'releaseCommitments',
    Statement
  >;
  /**
   * The row of a reservation or a power commitment: its id, contract, site and tenant, what it
   * holds, its term and how long it is held. One recorded after its contract's release is
   * released from the start.
   */
  const holdingRow = (
    id: string,
    d: { contractId: string; siteId: string; tenantId: string; startsAt: string; endsAt: string },
    holds: readonly (string | number)[],
    eventId: string,
  ) => {
    const release = s.selectRelease.get(d.contractId) as ReleaseRow | undefined;
    const endsMs = Date.parse(d.endsAt);
    return [
      id,
      d.contractId,
      d.siteId,
      d.tenantId,
      ...holds,
      d.startsAt,
      Date.parse(d.startsAt),
      d.endsAt,
      endsMs,
      release?.effective_at ?? null,
      release === undefined ? endsMs : Math.min(endsMs, release.effective_ms),
      JSON.stringify(release === undefined ? [eventId] : [eventId, release.event_id]),
    ] as const;
  };
  return {
    name: 'sites',
    eventTypes: [
      'SiteRegistered',
      'CapacityReserved',
      'ReservationCancelled',
      'PowerCommitted',
      'ContractCapacityReleased',
    ],
    tables: TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS rm_sites (
          site_id TEXT PRIMARY KEY, name TEXT NOT NULL, country_code TEXT NOT NULL, time_zone TEXT NOT NULL,
          power_capacity_kw TEXT NOT NULL, event_id TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rm_site_gpus (
          site_id TEXT NOT NULL, gpu_model TEXT NOT NULL, installed INTEGER NOT NULL,
          PRIMARY KEY (site_id, gpu_model)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS rm_reservations (
          reservation_id TEXT PRIMARY KEY, contract_id TEXT NOT NULL, site_id TEXT NOT NULL, tenant_id TEXT NOT NULL,
          gpu_model TEXT NOT NULL, gpu_count INTEGER NOT NULL,
          starts_at TEXT NOT NULL, starts_ms INTEGER NOT NULL, ends_at TEXT NOT NULL, ends_ms INTEGER NOT NULL,
          cancelled_at TEXT, released_at TEXT, held_until_ms INTEGER NOT NULL, event_ids TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rm_reservations_by_contract ON rm_reservations (contract_id);
        CREATE INDEX IF NOT EXISTS rm_reservations_by_site ON rm_reservations (site_id, starts_ms);
        CREATE TABLE IF NOT EXISTS rm_power_commitments (
          commitment_id TEXT PRIMARY KEY, contract_id TEXT NOT NULL, site_id TEXT NOT NULL, tenant_id TEXT NOT NULL,
          kw TEXT NOT NULL, starts_at TEXT NOT NULL, starts_ms INTEGER NOT NULL, ends_at TEXT NOT NULL, ends_ms INTEGER NOT NULL,
          released_at TEXT, held_until_ms INTEGER NOT NULL, event_ids TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rm_power_commitments_by_contract ON rm_power_commitments (contract_id);
        CREATE INDEX IF NOT EXISTS rm_power_commitments_by_site ON rm_power_commitments (site_id, starts_ms);
        CREATE TABLE IF NOT EXISTS rm_capacity_releases (
          contract_id TEXT PRIMARY KEY, effective_at TEXT NOT NULL, effective_ms INTEGER NOT NULL, event_id TEXT NOT NULL
        );
      `);
      s = {
        insertSite: db.prepare('INSERT OR REPLACE INTO rm_sites VALUES (?, ?, ?, ?, ?, ?)'),
        insertGpu: db.prepare('INSERT OR REPLACE INTO rm_site_gpus VALUES (?, ?, ?)'),
        insertReservation: db.prepare(
          'INSERT OR REPLACE INTO rm_reservations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
        ),
        cancelReservation: db.prepare(
          `UPDATE rm_reservations SET cancelled_at = ?, held_until_ms = min(held_until_ms, ?),
             event_ids = json_insert(event_ids, '$[#]', ?) WHERE reservation_id = ?`,
        ),
        insertCommitment: db.prepare(
          'INSERT OR REPLACE INTO rm_power_commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
        insertRelease: db.prepare(
          'INSERT OR REPLACE INTO rm_capacity_releases VALUES (?, ?, ?, ?)',
        ),
        selectRelease: db.prepare(
          'SELECT effective_at, effective_ms, event_id FROM rm_capacity_releases WHERE contract_id = ?',
        ),
        releaseReservations: releaseHoldings(db, 'rm_reservations'),
        releaseCommitments: releaseHoldings(db, 'rm_power_commitments'),
      };
    },
    reset: (db) => dropTables(db, TABLES),
    apply(event) {
      switch (event.type) {
        case 'SiteRegistered': {
          const d = dataOf(event, 'SiteRegistered');
          s.insertSite.run(
            d.siteId,
            d.name,
            d.countryCode,
            d.timeZone,
            d.powerCapacityKw,
            event.id,
          );
          for (const gpu of d.gpuInventory) s.insertGpu.run(d.siteId, gpu.gpuModel, gpu.count);
          return;
        }
        case 'CapacityReserved': {
          const d = dataOf(event, 'CapacityReserved');
          s.insertReservation.run(
            ...holdingRow(d.reservationId, d, [d.gpuModel, d.gpuCount], event.id),
          );
          return;
        }
        case 'ReservationCancelled': {
          const d = dataOf(event, 'ReservationCancelled');
          s.cancelReservation.run(
            d.cancelledAt,
            Date.parse(d.cancelledAt),
            event.id,
            d.reservationId,
          );
          return;
        }
        case 'PowerCommitted': {
          const d = dataOf(event, 'PowerCommitted');
          s.insertCommitment.run(...holdingRow(d.commitmentId, d, [d.kw], event.id));
          return;
        }
        case 'ContractCapacityReleased': {
          const d = dataOf(event, 'ContractCapacityReleased');
          const ms = Date.parse(d.effectiveAt);
          s.insertRelease.run(d.contractId, d.effectiveAt, ms, event.id);
          s.releaseReservations.run(d.effectiveAt, ms, event.id, d.contractId);
          s.releaseCommitments.run(d.effectiveAt, ms, event.id, d.contractId);
          return;
        }
      }
    },
  };
}

/** Releases a contract's reservations or commitments: (releasedAt, releasedMs, eventId, contractId). */
const releaseHoldings = (db: Database, table: 'rm_reservations' | 'rm_power_commitments') =>
  db.prepare(
    `UPDATE ${table} SET released_at = ?, held_until_ms = min(held_until_ms, ?),
       event_ids = json_insert(event_ids, '$[#]', ?) WHERE contract_id = ?`,
  );

type ReleaseRow = { effective_at: string; effective_ms: number; event_id: string };
