import type { Database } from 'better-sqlite3';
import type { PartyDetails, PartyKind } from '@cadran/domain';
import { uuidV7Time } from '@cadran/event-store';
import type { PartnerView, SiteView, TenantView } from './read-model-views.js';
import { statementCache } from './query-support.js';

type SiteRow = {
  site_id: string;
  name: string;
  country_code: string;
  time_zone: string;
  power_capacity_kw: string;
};
type PartyRow = {
  id: string;
  name: string;
  country_code: string;
  vat_id: string | null;
  address: string | null;
  partner_id: string | null;
};

/** Sites, partners and tenants. */
export function createPartyQueries(db: Database) {
  const sql = statementCache(db);
  const gpusOf = (siteId: string) =>
    sql(
      'SELECT gpu_model AS gpuModel, installed AS count FROM rm_site_gpus WHERE site_id = ? ORDER BY gpu_model',
    ).all(siteId) as SiteView['gpuInventory'];
  const siteView = (row: SiteRow): SiteView => ({
    id: row.site_id,
    name: row.name,
    countryCode: row.country_code,
    timeZone: row.time_zone,
    powerCapacityKw: row.power_capacity_kw,
    gpuInventory: gpusOf(row.site_id),
  });
  const partnerView = (row: PartyRow): PartnerView => ({
    id: row.id,
    name: row.name,
    countryCode: row.country_code,
    vatId: row.vat_id,
    address: row.address,
  });
  const tenantView = (row: PartyRow): TenantView => ({
    ...partnerView(row),
    partnerId: row.partner_id,
  });
  const TENANT =
    'SELECT tenant_id AS id, name, country_code, vat_id, address, partner_id FROM rm_tenants';
  const PARTNER = 'SELECT partner_id AS id, name, country_code, vat_id, address FROM rm_partners';

  return {
    sites: () => (sql('SELECT * FROM rm_sites ORDER BY site_id').all() as SiteRow[]).map(siteView),
    site(id: string) {
      const row = sql('SELECT * FROM rm_sites WHERE site_id = ?').get(id) as SiteRow | undefined;
      return row ? siteView(row) : null;
    },
    partners: () => (sql(`${PARTNER} ORDER BY partner_id`).all() as PartyRow[]).map(partnerView),
    partner(id: string) {
      const row = sql(`${PARTNER} WHERE partner_id = ?`).get(id) as PartyRow | undefined;
      return row ? partnerView(row) : null;
    },
    tenants(filter: { partnerId?: string } = {}) {
      const rows =
        filter.partnerId === undefined
          ? sql(`${TENANT} ORDER BY tenant_id`).all()
          : sql(`${TENANT} WHERE partner_id = ? ORDER BY tenant_id`).all(filter.partnerId);
      return (rows as PartyRow[]).map(tenantView);
    },
    partyDetails(kind: PartyKind, id: string): PartyDetails | null {
      const row = sql('SELECT details FROM rm_party_details WHERE kind = ? AND party_id = ?').get(
        kind,
        id,
      ) as { details: string } | undefined;
      return row ? (JSON.parse(row.details) as PartyDetails) : null;
    },
    partyOnboarding(kind: PartyKind, id: string) {
      const row = sql(
        kind === 'TENANT'
          ? 'SELECT event_id FROM rm_tenants WHERE tenant_id = ?'
          : 'SELECT event_id FROM rm_partners WHERE partner_id = ?',
      ).get(id) as { event_id: string } | undefined;
      return row ? { onboardedAt: uuidV7Time(row.event_id) } : null;
    },
    tenant(id: string) {
      const row = sql(`${TENANT} WHERE tenant_id = ?`).get(id) as PartyRow | undefined;
      return row ? tenantView(row) : null;
    },
  };
}
