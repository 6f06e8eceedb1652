import type { Database } from 'better-sqlite3';
import type { IncidentImpactView, IncidentView } from './read-model-views.js';
import { instantArg, parseJson, statementCache } from './query-support.js';

type IncidentRow = {
  incident_id: string;
  site_id: string;
  scope: 'SITE' | 'GPUS';
  started_at: string;
  resolved_at: string | null;
  description: string;
  event_ids: string;
};

export type IncidentFilter = {
  siteId?: string;
  from?: string;
  to?: string;
  tenantId?: string;
  partnerId?: string;
};

/**
 * Incidents. An incident touched a tenant when it is site-wide at a site where the tenant has a
 * contract (in any status), or GPU-scoped with an impact on one of its contracts. `partnerId`:
 * those that touched any tenant of the partner.
 */
export function createIncidentQueries(db: Database) {
  const sql = statementCache(db);
  const impactsOf = (incidentId: string) =>
    sql(
      'SELECT contract_id AS contractId, gpu_model AS gpuModel, gpu_count AS gpuCount FROM rm_incident_impacts WHERE incident_id = ? ORDER BY seq',
    ).all(incidentId) as IncidentImpactView[];
  const view = (row: IncidentRow): IncidentView => ({
    id: row.incident_id,
    siteId: row.site_id,
    scope: row.scope,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    description: row.description,
    impacts: impactsOf(row.incident_id),
    eventIds: parseJson<string[]>(row.event_ids),
  });
  const touched = (tenants: string) => `(
    (i.scope = 'SITE' AND EXISTS (SELECT 1 FROM rm_contracts c WHERE c.site_id = i.site_id AND c.tenant_id IN ${tenants}))
    OR EXISTS (SELECT 1 FROM rm_incident_impacts m JOIN rm_contracts c ON c.contract_id = m.contract_id
               WHERE m.incident_id = i.incident_id AND c.tenant_id IN ${tenants}))`;

  return {
    incidents(filter: IncidentFilter = {}): IncidentView[] {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.siteId !== undefined) {
        where.push('i.site_id = ?');
        params.push(filter.siteId);
      }
      if (filter.to !== undefined) {
        where.push('i.started_ms < ?');
        params.push(instantArg('to', filter.to));
      }
      if (filter.from !== undefined) {
        where.push('(i.resolved_ms IS NULL OR i.resolved_ms > ?)');
        params.push(instantArg('from', filter.from));
      }
      if (filter.tenantId !== undefined) {
        where.push(touched('(?)'));
        params.push(filter.tenantId, filter.tenantId);
      }
      if (filter.partnerId !== undefined) {
        where.push(touched('(SELECT tenant_id FROM rm_tenants WHERE partner_id = ?)'));
        params.push(filter.partnerId, filter.partnerId);
      }
      const text = `SELECT i.* FROM rm_incidents i${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY i.started_ms, i.incident_id`;
      return (sql(text).all(...params) as IncidentRow[]).map(view);
    },
    incident(id: string): IncidentView | null {
      const row = sql('SELECT * FROM rm_incidents WHERE incident_id = ?').get(id) as
        IncidentRow | undefined;
      return row ? view(row) : null;
    },
  };
}
