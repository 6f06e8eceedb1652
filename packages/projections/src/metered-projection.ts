import type { Database, Statement } from 'better-sqlite3';
import { storedRecordFault } from '@cadran/domain';
import type { RecordedEvent } from '@cadran/event-store';
import { dataOf } from './event-data.js';
import { dropTables, type Projection } from './projection.js';
import { hourOf, splitOverHours } from './hour-buckets.js';
import { toMicro } from './micro-units.js';

/** Usage (per GPU model) or energy (no model): the two metered kinds share one shape. */
export type MeteredKind = {
  table: 'usage' | 'energy';
  eventType: 'GpuUsageRecorded' | 'EnergyRecorded';
  quantityField: 'gpuHours' | 'kwh';
  hasModel: boolean;
};

export const USAGE: MeteredKind = {
  table: 'usage',
  eventType: 'GpuUsageRecorded',
  quantityField: 'gpuHours',
  hasModel: true,
};
export const ENERGY: MeteredKind = {
  table: 'energy',
  eventType: 'EnergyRecorded',
  quantityField: 'kwh',
  hasModel: false,
};

type MeteredData = {
  recordId: string;
  tenantId: string;
  siteId: string;
  gpuModel?: string;
  startedAt: string;
  endedAt: string;
  contractId: string | null;
} & Record<string, string | null>;

type TenantPending = { tenant: string; model: string; hour: number; micro: number };

type Pending = {
  tenant: string;
  hour: number;
  site: string;
  model: string;
  contract: string;
  micro: number;
  count: number;
};

/** The tables of a metered kind, for its queries. */
export function meteredTables(kind: Pick<MeteredKind, 'table'>) {
  return {
    hourly: `rm_${kind.table}_hourly`,
    records: `rm_${kind.table}_records`,
    /** Per contract, its longest record in ms: bounds the scan for records reaching an instant. */
    longest: `rm_${kind.table}_longest`,
  };
}

/**
 * Metered records, twice: one row per record (provenance, paging, digests) and sums per tenant,
 * UTC hour, site, model and contract ('' = unbilled), in micro-units; for usage, also sums per
 * tenant, model and hour (what the tenant usage report reads: one short index range per bucket
 * and model). A record spanning several hours is split pro rata of time, exactly. Within a batch
 * the sums are gathered in memory and written once per key in `flush`. A record id seen again
 * for the same contract is ignored.
 */
export function createMeteredProjection(kind: MeteredKind): Projection {
  const hourly = `rm_${kind.table}_hourly`;
  const records = `rm_${kind.table}_records`;
  const model = kind.hasModel ? 'gpu_model TEXT NOT NULL,' : '';
  const modelKey = kind.hasModel ? ', gpu_model' : '';
  const tenants = `rm_${kind.table}_tenants`;
  const byTenant = `rm_${kind.table}_tenant_hourly`;
  const longest = meteredTables(kind).longest;
  const tables = [hourly, records, tenants, longest, ...(kind.hasModel ? [byTenant] : [])];
  let insertRecord: Statement;
  let upsertHour: Statement;
  let upsertTenant: Statement;
  let upsertTenantHour: Statement;
  let upsertLongest: Statement;
  /** contract → its longest record (ms) in this batch: how far back a record may start and still reach an instant. */
  const longestPending = new Map<string, number>();
  const pending = new Map<string, Pending>();
  const tenantPending = new Map<string, TenantPending>();
  /** tenant → the position of the last event that changed its sums: a version for result caches. */
  const touched = new Map<string, number>();

  const addToTenant = (tenant: string, model: string, hour: number, micro: number) => {
    const key = `${tenant}\u0000${model}\u0000${hour}`;
    const entry = tenantPending.get(key);
    if (entry === undefined) tenantPending.set(key, { tenant, model, hour, micro });
    else if (Number.isSafeInteger(entry.micro + micro)) entry.micro += micro;
    else {
      upsertTenantHour.run(entry.tenant, entry.model, entry.hour, entry.micro);
      entry.micro = micro;
    }
  };

  /** Writes an hourly sum; for usage, adds it to the tenant's (fewer keys than per record). */
  const write = (p: Pending) => {
    if (kind.hasModel) {
      upsertHour.run(p.tenant, p.hour, p.site, p.model, p.contract, p.micro, p.count);
      addToTenant(p.tenant, p.model, p.hour, p.micro);
    } else upsertHour.run(p.tenant, p.hour, p.site, p.contract, p.micro, p.count);
  };

  const add = (d: MeteredData, model: string, contract: string, hour: number, micro: number) => {
    const key = `${d.tenantId}\u0000${hour}\u0000${d.siteId}\u0000${model}\u0000${contract}`;
    const entry = pending.get(key);
    if (entry === undefined) {
      pending.set(key, {
        tenant: d.tenantId,
        hour,
        site: d.siteId,
        model,
        contract,
        micro,
        count: 1,
      });
    } else if (Number.isSafeInteger(entry.micro + micro)) {
      entry.micro += micro;
      entry.count += 1;
    } else {
      write(entry);
      entry.micro = micro;
      entry.count = 1;
    }
  };

  return {
    name: kind.table,
    eventTypes: [kind.eventType],
    tables,
    setup(db: Database) {
      const hadTables = db
        .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)")
        .pluck()
        .get(hourly, byTenant) as number;
      const hadLongest =
        db
          .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)")
          .pluck()
          .get(records, longest) === 2;
      db.exec(`
        CREATE TABLE IF NOT EXISTS ${hourly} (
          tenant_id TEXT NOT NULL, hour INTEGER NOT NULL, site_id TEXT NOT NULL, ${model}
          contract_id TEXT NOT NULL, quantity_micro INTEGER NOT NULL, record_count INTEGER NOT NULL,
          PRIMARY KEY (tenant_id, hour, site_id${modelKey}, contract_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ${hourly}_by_contract ON ${hourly} (contract_id, hour${modelKey});
        CREATE TABLE IF NOT EXISTS ${records} (
          contract_id TEXT NOT NULL, record_id TEXT NOT NULL, tenant_id TEXT NOT NULL, site_id TEXT NOT NULL, ${model}
          started_ms INTEGER NOT NULL, ended_ms INTEGER NOT NULL,
          quantity TEXT NOT NULL, quantity_micro INTEGER NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (contract_id, record_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ${tenants} (tenant_id TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ${records}_by_start ON ${records} (contract_id, started_ms);
        CREATE TABLE IF NOT EXISTS ${longest} (contract_id TEXT PRIMARY KEY, longest_ms INTEGER NOT NULL) WITHOUT ROWID;
      `);
      // Read models written before this table existed: derived once from the records.
      if (!hadLongest)
        db.exec(`INSERT OR REPLACE INTO ${longest} SELECT contract_id, max(ended_ms - started_ms)
          FROM ${records} GROUP BY contract_id`);
      upsertLongest = db.prepare(
        `INSERT INTO ${longest} VALUES (?, ?)
         ON CONFLICT DO UPDATE SET longest_ms = max(longest_ms, excluded.longest_ms)`,
      );
      if (kind.hasModel) {
        db.exec(`CREATE TABLE IF NOT EXISTS ${byTenant} (
          tenant_id TEXT NOT NULL, gpu_model TEXT NOT NULL, hour INTEGER NOT NULL, quantity_micro INTEGER NOT NULL,
          PRIMARY KEY (tenant_id, gpu_model, hour)
        ) WITHOUT ROWID`);
        // Read models written before this table existed: derived once from the hourly sums.
        if (hadTables === 1)
          db.exec(`INSERT INTO ${byTenant} SELECT tenant_id, gpu_model, hour, sum(quantity_micro)
            FROM ${hourly} GROUP BY tenant_id, gpu_model, hour`);
        upsertTenantHour = db.prepare(
          `INSERT INTO ${byTenant} VALUES (?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET quantity_micro = quantity_micro + excluded.quantity_micro`,
        );
      }
      upsertTenant = db.prepare(
        `INSERT INTO ${tenants} VALUES (?, ?) ON CONFLICT DO UPDATE SET position = excluded.position`,
      );
      const columns = kind.hasModel ? 10 : 9;
      insertRecord = db.prepare(
        `INSERT OR IGNORE INTO ${records} VALUES (${Array(columns).fill('?').join(', ')})`,
      );
      upsertHour = db.prepare(
        `INSERT INTO ${hourly} VALUES (${Array(kind.hasModel ? 7 : 6)
          .fill('?')
          .join(', ')})
         ON CONFLICT DO UPDATE SET quantity_micro = quantity_micro + excluded.quantity_micro,
           record_count = record_count + excluded.record_count`,
      );
    },
    reset: (db) => dropTables(db, tables),
    apply(event: RecordedEvent) {
      const d = dataOf(event, kind.eventType) as MeteredData;
      const fault = storedRecordFault(d, kind.quantityField);
      if (fault !== undefined) throw new Error(fault);
      const quantity = d[kind.quantityField]!;
      const micro = toMicro(quantity);
      const startMs = Date.parse(d.startedAt);
      const endMs = Date.parse(d.endedAt);
      const contract = d.contractId ?? '';
      const gpuModel = d.gpuModel ?? '';
      const inserted = kind.hasModel
        ? insertRecord.run(
            contract,
            d.recordId,
            d.tenantId,
            d.siteId,
            gpuModel,
            startMs,
            endMs,
            quantity,
            micro,
            event.id,
          )
        : insertRecord.run(
            contract,
            d.recordId,
            d.tenantId,
            d.siteId,
            startMs,
            endMs,
            quantity,
            micro,
            event.id,
          );
      if (inserted.changes === 0) return;
      touched.set(d.tenantId, Number(event.globalPosition));
      if (endMs - startMs > (longestPending.get(contract) ?? 0))
        longestPending.set(contract, endMs - startMs);
      const first = hourOf(startMs);
      if (first === hourOf(endMs - 1)) add(d, gpuModel, contract, first, micro);
      else
        for (const share of splitOverHours(micro, startMs, endMs))
          add(d, gpuModel, contract, share.hour, share.micro);
    },
    flush() {
      for (const entry of pending.values()) write(entry);
      for (const e of tenantPending.values())
        upsertTenantHour.run(e.tenant, e.model, e.hour, e.micro);
      for (const [tenant, position] of touched) upsertTenant.run(tenant, position);
      for (const [contract, ms] of longestPending) upsertLongest.run(contract, ms);
      pending.clear();
      tenantPending.clear();
      touched.clear();
      longestPending.clear();
    },
    discard() {
      pending.clear();
      tenantPending.clear();
      touched.clear();
      longestPending.clear();
    },
  };
}
