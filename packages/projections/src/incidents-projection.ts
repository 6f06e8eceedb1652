import type { Database, Statement } from 'better-sqlite3';
import { dataOf } from './event-data.js';
import { dropTables, type Projection } from './projection.js';

const TABLES = ['rm_incidents', 'rm_incident_impacts'] as const;

/** Incidents and the GPUs they took down per contract. An open incident has resolved_ms NULL. */
export function createIncidentsProjection(): Projection {
  let insertIncident: Statement;
  let insertImpact: Statement;
  let resolve: Statement;
  return {
    name: 'incidents',
    eventTypes: ['IncidentOpened', 'IncidentResolved'],
    tables: TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS rm_incidents (
          incident_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, scope TEXT NOT NULL,
          started_at TEXT NOT NULL, started_ms INTEGER NOT NULL, resolved_at TEXT, resolved_ms INTEGER,
          description TEXT NOT NULL, event_ids TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rm_incidents_by_site ON rm_incidents (site_id, started_ms);
        CREATE TABLE IF NOT EXISTS rm_incident_impacts (
          incident_id TEXT NOT NULL, seq INTEGER NOT NULL, contract_id TEXT NOT NULL,
          gpu_model TEXT NOT NULL, gpu_count INTEGER NOT NULL, PRIMARY KEY (incident_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS rm_incident_impacts_by_contract ON rm_incident_impacts (contract_id);
      `);
      insertIncident = db.prepare(
        'INSERT OR REPLACE INTO rm_incidents VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
      );
      insertImpact = db.prepare(
        'INSERT OR REPLACE INTO rm_incident_impacts VALUES (?, ?, ?, ?, ?)',
      );
      resolve = db.prepare(
        `UPDATE rm_incidents SET resolved_at = ?, resolved_ms = ?, event_ids = json_insert(event_ids, '$[#]', ?)
         WHERE incident_id = ?`,
      );
    },
    reset: (db) => dropTables(db, TABLES),
    apply(event) {
      if (event.type === 'IncidentOpened') {
        const d = dataOf(event, 'IncidentOpened');
        insertIncident.run(
          d.incidentId,
          d.siteId,
          d.scope,
          d.startedAt,
          Date.parse(d.startedAt),
          d.description,
          JSON.stringify([event.id]),
        );
        d.impacts.forEach((impact, seq) =>
          insertImpact.run(d.incidentId, seq, impact.contractId, impact.gpuModel, impact.gpuCount),
        );
      } else {
        const d = dataOf(event, 'IncidentResolved');
        resolve.run(d.resolvedAt, Date.parse(d.resolvedAt), event.id, d.incidentId);
      }
    },
  };
}
