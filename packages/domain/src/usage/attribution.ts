import { activeInterval, type ContractState } from '../contract/contract-state.js';
import { toMs } from '../instant.js';

/**
 * The tenant's contracts at the site, ready to attribute many records: for an instant, the
 * contract active then (signed, in term, not yet terminated), or null.
 */
export function attributionAt(
  contracts: readonly ContractState[],
  pair: { tenantId: string; siteId: string },
): (atMs: number) => string | null {
  const terms: { contractId: string; start: number; end: number }[] = [];
  for (const contract of contracts) {
    if (contract.status === 'NONE') continue;
    const { drafted } = contract;
    if (drafted.tenantId !== pair.tenantId || drafted.siteId !== pair.siteId) continue;
    const active = activeInterval(contract);
    if (active) terms.push({ contractId: drafted.contractId, ...active });
  }
  return (atMs) => {
    for (const term of terms) if (term.start <= atMs && atMs < term.end) return term.contractId;
    return null;
  };
}

/**
 * The contract active for the tenant at the site at `startedAt` (signed, in term, not yet
 * terminated), or null: the record is kept as unbilled usage.
 */
export function attributeRecord(
  contracts: readonly ContractState[],
  record: { tenantId: string; siteId: string; startedAt: string },
): string | null {
  return attributionAt(contracts, record)(toMs(record.startedAt));
}
