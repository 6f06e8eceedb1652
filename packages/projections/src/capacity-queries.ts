import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import type {
  CapacityCommitmentView,
  GpuCapacityView,
  PowerCommitmentView,
  ReservationView,
  SiteCapacityView,
} from './read-model-views.js';
import { instantArg, parseJson, statementCache, whereEqual } from './query-support.js';

type ReservationRow = {
  reservation_id: string;
  contract_id: string;
  site_id: string;
  tenant_id: string;
  gpu_model: string;
  gpu_count: number;
  starts_at: string;
  ends_at: string;
  cancelled_at: string | null;
  released_at: string | null;
  event_ids: string;
};
type CommitmentRow = Omit<
  ReservationRow,
  'reservation_id' | 'gpu_model' | 'gpu_count' | 'cancelled_at'
> & {
  commitment_id: string;
  kw: string;
};

const reservationView = (r: ReservationRow): ReservationView => ({
  id: r.reservation_id,
  contractId: r.contract_id,
  siteId: r.site_id,
  tenantId: r.tenant_id,
  gpuModel: r.gpu_model,
  gpuCount: r.gpu_count,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  cancelledAt: r.cancelled_at,
  releasedAt: r.released_at,
  eventIds: parseJson<string[]>(r.event_ids),
});

const commitmentView = (c: CommitmentRow): PowerCommitmentView => ({
  id: c.commitment_id,
  contractId: c.contract_id,
  siteId: c.site_id,
  tenantId: c.tenant_id,
  kw: c.kw,
  startsAt: c.starts_at,
  endsAt: c.ends_at,
  releasedAt: c.released_at,
  eventIds: parseJson<string[]>(c.event_ids),
});

const sumKw = (rows: { kw: string }[]) =>
  rows.reduce((sum, row) => sum.plus(row.kw), new Decimal(0)).toFixed();

const byContractAndSite = (filter: { contractId?: string; siteId?: string }) =>
  whereEqual({ contract_id: filter.contractId, site_id: filter.siteId });

/**
 * Reservations, power commitments and what they hold at an instant. One holds capacity over
 * [startsAt, min(endsAt, cancelledAt, releasedAt)): the `held_until_ms` column.
 */
export function createCapacityQueries(db: Database) {
  const sql = statementCache(db);
  const ACTIVE = 'starts_ms <= @at AND held_until_ms > @at';

  /** A table of holdings (reservations or power commitments): by contract and site, or one by id. */
  const holdings = <Row, View>(
    table: 'rm_reservations' | 'rm_power_commitments',
    idColumn: 'reservation_id' | 'commitment_id',
    view: (row: Row) => View,
  ) => ({
    list(filter: { contractId?: string; siteId?: string }): View[] {
      const { where, params } = byContractAndSite(filter);
      const rows = sql(`SELECT * FROM ${table}${where} ORDER BY starts_ms, ${idColumn}`).all(
        ...params,
      );
      return (rows as Row[]).map(view);
    },
    byId(id: string): View | null {
      const row = sql(`SELECT * FROM ${table} WHERE ${idColumn} = ?`).get(id) as Row | undefined;
      return row ? view(row) : null;
    },
  });
  const reservations = holdings('rm_reservations', 'reservation_id', reservationView);
  const commitments = holdings('rm_power_commitments', 'commitment_id', commitmentView);

  return {
    reservations: reservations.list,
    reservation: reservations.byId,
    powerCommitments: commitments.list,
    powerCommitment: commitments.byId,

    /** Installed from the inventory; reserved = active reservations at `at`; available = installed − reserved. */
    siteCapacity(siteId: string, at: string): SiteCapacityView | null {
      const atMs = instantArg('at', at);
      const site = sql('SELECT power_capacity_kw FROM rm_sites WHERE site_id = ?').get(siteId) as
        { power_capacity_kw: string } | undefined;
      if (site === undefined) return null;
      const installed = sql('SELECT gpu_model, installed FROM rm_site_gpus WHERE site_id = ?').all(
        siteId,
      ) as {
        gpu_model: string;
        installed: number;
      }[];
      const reserved = sql(
        `SELECT gpu_model, sum(gpu_count) AS reserved FROM rm_reservations WHERE site_id = @site AND ${ACTIVE} GROUP BY gpu_model`,
      ).all({ at: atMs, site: siteId }) as { gpu_model: string; reserved: number }[];
      const commitments = sql(
        `SELECT kw FROM rm_power_commitments WHERE site_id = @site AND ${ACTIVE}`,
      ).all({ at: atMs, site: siteId }) as {
        kw: string;
      }[];
      const models = new Map<string, GpuCapacityView>();
      for (const row of installed)
        models.set(row.gpu_model, {
          gpuModel: row.gpu_model,
          installed: row.installed,
          reserved: 0,
          available: row.installed,
        });
      for (const row of reserved) {
        const gpu = models.get(row.gpu_model) ?? {
          gpuModel: row.gpu_model,
          installed: 0,
          reserved: 0,
          available: 0,
        };
        gpu.reserved = row.reserved;
        gpu.available = gpu.installed - row.reserved;
        models.set(row.gpu_model, gpu);
      }
      return {
        siteId,
        at,
        powerCapacityKw: site.power_capacity_kw,
        committedKw: sumKw(commitments),
        gpus: [...models.values()].sort((a, b) =>
          a.gpuModel < b.gpuModel ? -1 : a.gpuModel > b.gpuModel ? 1 : 0,
        ),
      };
    },

    /**
     * Per contract holding capacity at `at`: reserved GPUs by model and committed kW. `partnerId`
     * is the tenant's partner. Contracts holding nothing at `at` are left out.
     */
    capacityCommitments(filter: {
      partnerId?: string;
      siteId?: string;
      at: string;
    }): CapacityCommitmentView[] {
      const atMs = instantArg('at', filter.at);
      const where = [
        filter.siteId === undefined ? '' : ' AND h.site_id = @site',
        filter.partnerId === undefined ? '' : ' AND t.partner_id = @partner',
      ].join('');
      const params = {
        at: atMs,
        ...(filter.siteId === undefined ? {} : { site: filter.siteId }),
        ...(filter.partnerId === undefined ? {} : { partner: filter.partnerId }),
      };
      const from = (
        table: string,
      ) => `FROM ${table} h LEFT JOIN rm_tenants t ON t.tenant_id = h.tenant_id
        WHERE h.starts_ms <= @at AND h.held_until_ms > @at${where}`;
      const gpus = sql(
        `SELECT h.contract_id, h.site_id, h.tenant_id, t.partner_id, h.gpu_model, sum(h.gpu_count) AS count
         ${from('rm_reservations')} GROUP BY h.contract_id, h.gpu_model ORDER BY h.gpu_model`,
      ).all(params) as HeldRow[];
      const power = sql(
        `SELECT h.contract_id, h.site_id, h.tenant_id, t.partner_id, h.kw ${from('rm_power_commitments')}`,
      ).all(params) as HeldRow[];
      const byContract = new Map<string, CapacityCommitmentView & { kw: { kw: string }[] }>();
      const entry = (row: HeldRow) => {
        let view = byContract.get(row.contract_id);
        if (view === undefined) {
          view = {
            siteId: row.site_id,
            partnerId: row.partner_id,
            tenantId: row.tenant_id,
            contractId: row.contract_id,
            reservedGpus: [],
            committedKw: '0',
            kw: [],
          };
          byContract.set(row.contract_id, view);
        }
        return view;
      };
      for (const row of gpus)
        entry(row).reservedGpus.push({ gpuModel: row.gpu_model!, count: row.count! });
      for (const row of power) entry(row).kw.push({ kw: row.kw! });
      return [...byContract.values()]
        .map(({ kw, ...view }) => ({ ...view, committedKw: sumKw(kw) }))
        .sort((a, b) => compareText(a.siteId, b.siteId) || compareText(a.contractId, b.contractId));
    },
  };
}

type HeldRow = {
  contract_id: string;
  site_id: string;
  tenant_id: string;
  partner_id: string | null;
  gpu_model?: string;
  count?: number;
  kw?: string;
};

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
