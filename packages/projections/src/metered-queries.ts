import type { Database } from 'better-sqlite3';
import type { EnergyBucketView, MeteredRecordView, UsageBucketView } from './read-model-views.js';
import { firstHourFrom, hourStartMs } from './hour-buckets.js';
import { fromMicro } from './micro-units.js';
import { limitArg, rangeArgs, statementCache } from './query-support.js';
import { formatInstant } from '@cadran/domain';

type BucketRow = { hour: bigint; gpu_model?: string; micro: bigint; records: bigint };
type RecordRow = {
  record_id: string;
  gpu_model?: string;
  started_ms: number;
  ended_ms: number;
  quantity: string;
  event_id: string;
};

const recordView = (row: RecordRow): MeteredRecordView => ({
  recordId: row.record_id,
  gpuModel: row.gpu_model ?? null,
  startedAt: formatInstant(row.started_ms),
  endedAt: formatInstant(row.ended_ms),
  quantity: row.quantity,
  eventId: row.event_id,
});

export type RecordQuery = {
  contractId: string;
  from: string;
  to: string;
  gpuModel?: string;
  after?: string;
  limit: number;
};

/**
 * What billing reads: a contract's usage and energy per UTC hour (recordCount: records with a
 * share in that hour), its records for provenance (those with a part in [from, to): a record
 * belongs whole to its contract and is split only at period boundaries), and usage attributed to
 * no contract.
 */
export function createMeteredQueries(db: Database) {
  const sql = statementCache(db);
  const hours = (from: string, to: string) => {
    const { fromMs, toMs } = rangeArgs(from, to);
    return [firstHourFrom(fromMs), firstHourFrom(toMs)] as const;
  };
  const records = (table: string, query: RecordQuery, withModel: boolean) => {
    const { fromMs, toMs } = rangeArgs(query.from, query.to);
    const limit = limitArg(query.limit);
    const model = withModel && query.gpuModel !== undefined ? ' AND gpu_model = @model' : '';
    const text = `SELECT record_id, ${withModel ? 'gpu_model, ' : ''}started_ms, ended_ms, quantity, event_id FROM ${table}
      WHERE contract_id = @contract AND record_id > @after AND started_ms < @to AND ended_ms > @from${model}
      ORDER BY record_id LIMIT @limit`;
    const params = {
      contract: query.contractId,
      after: query.after ?? '',
      from: fromMs,
      to: toMs,
      limit,
    };
    const rows = sql(text).all(model ? { ...params, model: query.gpuModel } : params);
    return (rows as RecordRow[]).map(recordView);
  };

  return {
    usageBuckets(contractId: string, from: string, to: string): UsageBucketView[] {
      const rows = sql(
        `SELECT hour, gpu_model, sum(quantity_micro) AS micro, sum(record_count) AS records FROM rm_usage_hourly
         WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY hour, gpu_model ORDER BY hour, gpu_model`,
      )
        .safeIntegers(true)
        .all(contractId, ...hours(from, to)) as BucketRow[];
      return rows.map((r) => ({
        gpuModel: r.gpu_model!,
        hourStart: formatInstant(hourStartMs(Number(r.hour))),
        gpuHours: fromMicro(r.micro),
        recordCount: Number(r.records),
      }));
    },
    energyBuckets(contractId: string, from: string, to: string): EnergyBucketView[] {
      const rows = sql(
        `SELECT hour, sum(quantity_micro) AS micro, sum(record_count) AS records FROM rm_energy_hourly
         WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY hour ORDER BY hour`,
      )
        .safeIntegers(true)
        .all(contractId, ...hours(from, to)) as BucketRow[];
      return rows.map((r) => ({
        hourStart: formatInstant(hourStartMs(Number(r.hour))),
        kwh: fromMicro(r.micro),
        recordCount: Number(r.records),
      }));
    },
    usageRecords: (query: RecordQuery) => records('rm_usage_records', query, true),
    /** Sorted ids only, `limit` at a time: one ordered scan of the contract's key for digests. */
    meteredRecordIds(query: RecordQuery & { kind: 'usage' | 'energy' }): string[] {
      const { fromMs, toMs } = rangeArgs(query.from, query.to);
      const withModel = query.kind === 'usage' && query.gpuModel !== undefined;
      return sql(
        `SELECT record_id FROM ${query.kind === 'usage' ? 'rm_usage_records' : 'rm_energy_records'}
         WHERE contract_id = ? AND record_id > ? AND started_ms < ? AND ended_ms > ?${withModel ? ' AND gpu_model = ?' : ''}
         ORDER BY record_id LIMIT ${limitArg(query.limit)}`,
      )
        .pluck()
        .all(
          query.contractId,
          query.after ?? '',
          toMs,
          fromMs,
          ...(withModel ? [query.gpuModel] : []),
        ) as string[];
    },
    /** Whether the contract has a record with a part in [from, to) (usage or energy). */
    hasMeteredRecords(contractId: string, from: string, to: string): boolean {
      const { fromMs, toMs } = rangeArgs(from, to);
      return ['usage', 'energy'].some(
        (kind) =>
          sql(
            `SELECT 1 FROM rm_${kind}_records WHERE contract_id = ? AND started_ms >= ? - coalesce(
               (SELECT longest_ms FROM rm_${kind}_longest WHERE contract_id = ?), 0) AND started_ms < ? AND ended_ms > ? LIMIT 1`,
          ).get(contractId, fromMs, contractId, toMs, fromMs) !== undefined,
      );
    },
    energyRecords: (query: Omit<RecordQuery, 'gpuModel'>) =>
      records('rm_energy_records', query, false),
    unbilledUsage(filter: { tenantId?: string; siteId?: string } = {}) {
      const rows = sql(
        `SELECT tenant_id, site_id, gpu_model, sum(quantity_micro) AS micro, count(*) AS records FROM rm_usage_records
         WHERE contract_id = '' AND (@tenant IS NULL OR tenant_id = @tenant) AND (@site IS NULL OR site_id = @site)
         GROUP BY tenant_id, site_id, gpu_model ORDER BY tenant_id, site_id, gpu_model`,
      )
        .safeIntegers(true)
        .all({ tenant: filter.tenantId ?? null, site: filter.siteId ?? null }) as {
        tenant_id: string;
        site_id: string;
        gpu_model: string;
        micro: bigint;
        records: bigint;
      }[];
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        siteId: r.site_id,
        gpuModel: r.gpu_model,
        gpuHours: fromMicro(r.micro),
        recordCount: Number(r.records),
      }));
    },
  };
}
