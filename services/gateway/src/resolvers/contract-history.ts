import type { ContractView } from '@cadran/projections';
import type { GatewayContext } from '../context.js';
import { apiError } from '../errors.js';

/**
 * `Contract.history`: the contract's events from its own stream. A contract reaches this field only
 * through the queries that already kept it to the reader's scope (`contract`, `contracts`, ...).
 */
export const contractHistory = async (contract: ContractView, _: unknown, ctx: GatewayContext) => {
  if (ctx.contractHistory === undefined)
    throw apiError('NOT_IMPLEMENTED', 'contract history is not part of this platform build');
  const events = await ctx.contractHistory.contractHistory(contract.id);
  return events.map((event) => ({
    ...event,
    revision: Number(event.revision),
    position: event.position.toString(),
  }));
};
