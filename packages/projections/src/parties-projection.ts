import type { Database, Statement } from 'better-sqlite3';
import { dataOf } from './event-data.js';
import { dropTables, type Projection } from './projection.js';

const TABLES = ['rm_partners', 'rm_tenants', 'rm_party_details'] as const;

/** Partners and tenants, and their details for legal documents (the latest in force). */
export function createPartiesProjection(): Projection {
  let insertPartner: Statement;
  let insertTenant: Statement;
  let upsertDetails: Statement;
  let updatePartner: Statement;
  let updateTenant: Statement;
  return {
    name: 'parties',
    eventTypes: ['PartnerRegistered', 'TenantOnboarded', 'PartyDetailsUpdated'],
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
        CREATE TABLE IF NOT EXISTS rm_party_details (
          kind TEXT NOT NULL, party_id TEXT NOT NULL, details TEXT NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (kind, party_id)
        );
      `);
      upsertDetails = db.prepare('INSERT OR REPLACE INTO rm_party_details VALUES (?, ?, ?, ?)');
      updatePartner = db.prepare('UPDATE rm_partners SET vat_id = ? WHERE partner_id = ?');
      updateTenant = db.prepare('UPDATE rm_tenants SET vat_id = ? WHERE tenant_id = ?');
      insertPartner = db.prepare('INSERT OR REPLACE INTO rm_partners VALUES (?, ?, ?, ?, ?, ?)');
      insertTenant = db.prepare('INSERT OR REPLACE INTO rm_tenants VALUES (?, ?, ?, ?, ?, ?, ?)');
    },
    reset: (db) => dropTables(db, TABLES),
    apply(event) {
      if (event.type === 'PartyDetailsUpdated') {
        const d = dataOf(event, 'PartyDetailsUpdated');
        upsertDetails.run(d.kind, d.partyId, JSON.stringify(d), event.id);
        // The VAT number is one detail among others; pricing reads it from the party's row.
        (d.kind === 'TENANT' ? updateTenant : updatePartner).run(d.vatId, d.partyId);
      } else if (event.type === 'PartnerRegistered') {
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
