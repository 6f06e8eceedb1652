import type { Principal } from '@cadran/auth';
import type { ReadModelQueries } from '@cadran/projections';
import type { Scope } from './authorization.js';
import type {
  CommandMeta,
  ContractHistory,
  Invoicing,
  Receivables,
  SelfService,
  WriteSide,
} from './ports.js';

/** What every resolver gets for one request. */
export type GatewayContext = {
  principal: Principal;
  scope: Scope;
  queries: ReadModelQueries;
  /** The read models' position now, when the platform tells it (for caching). */
  readPosition: (() => bigint) | undefined;
  writeSide: WriteSide;
  invoicing: Invoicing | undefined;
  selfService: SelfService | undefined;
  receivables: Receivables | undefined;
  contractHistory: ContractHistory | undefined;
  meta: CommandMeta;
  now: () => Date;
  /** Notes a position this request wrote (reported in extensions.position) and waits until the read models have applied it. */
  wrote(position: bigint): Promise<void>;
  /** The greatest position this request wrote, if any. */
  readonly writtenPosition: () => bigint | null;
};
