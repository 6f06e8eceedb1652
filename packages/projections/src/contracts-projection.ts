import type { Database, Statement } from 'better-sqlite3';
import {
  contractStatus,
  evolveContract,
  initialContractState,
  type ContractEvent,
  type ContractState,
} from '@cadran/domain';
import { dropTables, type Projection } from './projection.js';

const TABLES = ['rm_contracts'] as const;

/**
 * Contracts: the domain's own ContractState (folded with evolveContract), plus columns to filter
 * on, the stream's event ids, and which event carried each rate card (key "" for the drafted one).
 */
export function createContractsProjection(): Projection {
  let select: Statement<[string], ContractRow>;
  let upsert: Statement;
  return {
    name: 'contracts',
    eventTypes: ['ContractDrafted', 'ContractSigned', 'ContractAmended', 'ContractTerminated'],
    tables: TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS rm_contracts (
          contract_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, site_id TEXT NOT NULL,
          bill_to TEXT NOT NULL, partner_id TEXT, status TEXT NOT NULL,
          state TEXT NOT NULL, event_ids TEXT NOT NULL, rate_card_event_ids TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rm_contracts_by_tenant ON rm_contracts (tenant_id);
        CREATE INDEX IF NOT EXISTS rm_contracts_by_site ON rm_contracts (site_id);
      `);
      select = db.prepare(
        'SELECT state, event_ids, rate_card_event_ids FROM rm_contracts WHERE contract_id = ?',
      );
      upsert = db.prepare('INSERT OR REPLACE INTO rm_contracts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    },
    reset: (db) => dropTables(db, TABLES),
    apply(event) {
      const domainEvent = { type: event.type, data: event.data } as unknown as ContractEvent;
      const contractId = domainEvent.data.contractId;
      const row = select.get(contractId);
      const before: ContractState = row
        ? (JSON.parse(row.state) as ContractState)
        : initialContractState();
      const state = evolveContract(before, domainEvent);
      if (!state.drafted) return; // events of a contract never drafted: nothing to show
      const eventIds = [...(row ? (JSON.parse(row.event_ids) as string[]) : []), event.id];
      const rateCardEventIds = row
        ? (JSON.parse(row.rate_card_event_ids) as Record<string, string>)
        : {};
      if (domainEvent.type === 'ContractDrafted') rateCardEventIds[''] = event.id;
      if (domainEvent.type === 'ContractAmended')
        rateCardEventIds[domainEvent.data.amendmentId] = event.id;
      const d = state.drafted;
      upsert.run(
        contractId,
        d.tenantId,
        d.siteId,
        d.billTo,
        d.partnerId,
        contractStatus(state),
        JSON.stringify(state),
        JSON.stringify(eventIds),
        JSON.stringify(rateCardEventIds),
      );
    },
  };
}

export type ContractRow = { state: string; event_ids: string; rate_card_event_ids: string };
