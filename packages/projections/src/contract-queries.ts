import type { Database } from 'better-sqlite3';
import { rateCardSegments, terminationOf } from '@cadran/domain';
import type { ContractStatusView, ContractView } from './read-model-views.js';
import { parseJson, statementCache, whereEqual } from './query-support.js';
import { storedContract, type ContractRow } from './contracts-projection.js';

/** The view of a contract, from the domain's ContractState and the ids of the events that made it. */
export function contractViewOf(row: ContractRow): ContractView {
  const state = storedContract(row.state);
  const { drafted } = state;
  const rateCardEventIds = parseJson<Record<string, string>>(row.rate_card_event_ids);
  return {
    id: drafted.contractId,
    tenantId: drafted.tenantId,
    billTo: drafted.billTo,
    partnerId: drafted.partnerId,
    siteId: drafted.siteId,
    status: state.status,
    startsAt: drafted.startsAt,
    endsAt: drafted.endsAt,
    terminatedAt: terminationOf(state)?.effectiveAt ?? null,
    billingTimeZone: drafted.billingTimeZone,
    paymentTermsDays: drafted.paymentTermsDays,
    currency: drafted.currency,
    rateCards: rateCardSegments(state).map((segment) => ({
      effectiveAt: segment.effectiveAt,
      amendmentId: segment.amendmentId,
      eventId: rateCardEventIds[segment.amendmentId ?? '']!,
      ...segment.rateCard,
    })),
    eventIds: parseJson<string[]>(row.event_ids),
  };
}

export type ContractFilter = {
  tenantId?: string;
  partnerId?: string;
  siteId?: string;
  status?: ContractStatusView;
};

/** Contracts; `partnerId` matches contracts billed to the partner and those of its tenants. */
export function createContractQueries(db: Database) {
  const sql = statementCache(db);
  const COLUMNS = 'SELECT state, event_ids, rate_card_event_ids FROM rm_contracts';
  return {
    contracts(filter: ContractFilter = {}): ContractView[] {
      const { where, params } = whereEqual(
        { tenant_id: filter.tenantId, site_id: filter.siteId, status: filter.status },
        filter.partnerId === undefined
          ? []
          : [
              {
                condition:
                  '(partner_id = ? OR tenant_id IN (SELECT tenant_id FROM rm_tenants WHERE partner_id = ?))',
                params: [filter.partnerId, filter.partnerId],
              },
            ],
      );
      const text = `${COLUMNS}${where} ORDER BY contract_id`;
      return (sql(text).all(...params) as ContractRow[]).map(contractViewOf);
    },
    contract(id: string): ContractView | null {
      const row = sql(`${COLUMNS} WHERE contract_id = ?`).get(id) as ContractRow | undefined;
      return row ? contractViewOf(row) : null;
    },
  };
}
