import type { Database, Statement } from 'better-sqlite3';
import { dataOf } from './event-data.js';
import { dropTables, type Projection } from './projection.js';

const TABLES = ['rm_partners', 'rm_tenants'] as const;

/** Partners and tenants. */
export function createPartiesProjection(): Projection {
  let insertPartner: Statement;
  let insertTenant: Statement;
  return {
    name: 'parties',
    eventTypes: ['PartnerRegistered', 'TenantOnboarded'],
    tables: TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS rm_partners (
          partner_id TEXT PRIMARY KEY, name TEXT NOT NULL, country_code TEXT NOT NULL,
          vat_id TEXT, address TEXT, event_id TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rm_tenants (
          tenant_id TEXT PRIMARY KEY, name TEXT NOT NULL, country_code TEXT NOT NULL,
          vat_id TEXT, address TEXT, partner_id TEXT, event_id TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rm_tenants_by_partner ON rm_tenants (partner_id);
      `);
      insertPartner = db.prepare('INSERT OR REPLACE INTO rm_partners VALUES (?, ?, ?, ?, ?, ?)');
      insertTenant = db.prepare('INSERT OR REPLACE INTO rm_tenants VALUES (?, ?, ?, ?, ?, ?, ?)');
    },
    reset: (db) => dropTables(db, TABLES),
    apply(event) {
      if (event.type === 'PartnerRegistered') {
        const d = dataOf(event, 'PartnerRegistered');
        insertPartner.run(d.partnerId, d.name, d.countryCode, d.vatId, d.address, event.id);
      } else {
        const d = dataOf(event, 'TenantOnboarded');
        insertTenant.run(
          d.tenantId,
          d.name,
          d.countryCode,
          d.vatId,
          d.address,
          d.partnerId,
          event.id,
        );
      }
    },
  };
}
