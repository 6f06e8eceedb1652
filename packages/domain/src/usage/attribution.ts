import { activeInterval, type ContractState } from '../contract/contract-state.js';
import { toMs } from '../instant.js';

/**
 * The contract active for the tenant at the site at `startedAt` (signed, in term, not yet
 * terminated), or null: the record is kept as unbilled usage.
 */
export function attributeRecord(
  contracts: readonly ContractState[],
  record: { tenantId: string; siteId: string; startedAt: string },
): string | null {
  const at = toMs(record.startedAt);
  for (const contract of contracts) {
    const drafted = contract.drafted;
    if (!drafted || drafted.tenantId !== record.tenantId || drafted.siteId !== record.siteId) continue;
    const active = activeInterval(contract);
    if (active && active.start <= at && at < active.end) return drafted.contractId;
  }
  return null;
}
