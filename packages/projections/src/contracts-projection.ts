import type { Database, Statement } from 'better-sqlite3';
import {
  CONTRACT_EVENT_TYPES,
  evolveContract,
  fromStoredAs,
  initialContractState,
  type ContractState,
  type DraftedContract,
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
    eventTypes: CONTRACT_EVENT_TYPES,
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
      const domainEvent = fromStoredAs(event, CONTRACT_EVENT_TYPES);
      if (domainEvent === undefined) return;
      const contractId = domainEvent.data.contractId;
      const row = select.get(contractId);
      const before: ContractState = row ? storedContract(row.state) : initialContractState();
      const state = evolveContract(before, domainEvent);
      if (state.status === 'NONE') return; // events of a contract never drafted: nothing to show
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
        state.status,
        JSON.stringify(state),
        JSON.stringify(eventIds),
        JSON.stringify(rateCardEventIds),
      );
    },
  };
}

export type ContractRow = { state: string; event_ids: string; rate_card_event_ids: string };

/** The shape rows had before ContractState was a union (fields null until set). */
type UnversionedState = {
  drafted: DraftedContract['drafted'];
  signedAt: string | null;
  termination: { effectiveAt: string; reason: string; terminatedAt: string } | null;
  amendments: DraftedContract['amendments'];
};

/** The state column of rm_contracts; a row written before the union is read in the union's shape. */
export function storedContract(json: string): DraftedContract {
  const stored = JSON.parse(json) as DraftedContract | UnversionedState;
  if ('status' in stored) return stored;
  const { drafted, signedAt, termination, amendments } = stored;
  if (termination !== null)
    return { status: 'TERMINATED', drafted, amendments, signedAt, termination };
  if (signedAt !== null) return { status: 'SIGNED', drafted, amendments, signedAt };
  return { status: 'DRAFT', drafted, amendments };
}
