import { assertAllowed } from '../authorization.js';
import type { GatewayContext } from '../context.js';
import { toApiError } from '../errors.js';
import { DateTime, Decimal, Period } from '../scalars.js';
import {
  invoicingMutationResolvers,
  invoicingQueryResolvers,
  invoicingTypeResolvers,
} from './invoicing.js';
import { mutationResolvers } from './mutation.js';
import {
  selfServiceMutationResolvers,
  selfServiceQueryResolvers,
  selfServiceTypeResolvers,
} from './self-service.js';
import {
  receivablesMutationResolvers,
  receivablesQueryResolvers,
  receivablesTypeResolvers,
} from './receivables.js';
import { queryResolvers } from './query.js';
import { typeResolvers } from './types.js';

/** A root field's resolver, its arguments typed from the schema (generated/resolvers-types.ts). */
type RootResolver<Args> = (parent: unknown, args: Args, ctx: GatewayContext) => unknown;

/** Every root field passes the authorization table first; refusals of the write side keep their code. */
const guarded = <Resolvers extends Record<string, RootResolver<never>>>(
  type: 'Query' | 'Mutation',
  resolvers: Resolvers,
): Resolvers => {
  const guard =
    <Args>(name: string, resolve: RootResolver<Args>): RootResolver<Args> =>
    async (parent, args, ctx) => {
      assertAllowed(ctx.principal, `${type}.${name}`);
      try {
        return await resolve(parent, args, ctx);
      } catch (error) {
        throw toApiError(error);
      }
    };
  const entries = Object.entries(resolvers).map(([name, resolve]) => [name, guard(name, resolve)]);
  return Object.fromEntries(entries) as Resolvers;
};

export const resolvers = {
  DateTime,
  Decimal,
  Period,
  Query: guarded('Query', {
    ...queryResolvers,
    ...invoicingQueryResolvers,
    ...selfServiceQueryResolvers,
    ...receivablesQueryResolvers,
  }),
  Mutation: guarded('Mutation', {
    ...mutationResolvers,
    ...invoicingMutationResolvers,
    ...selfServiceMutationResolvers,
    ...receivablesMutationResolvers,
  }),
  ...typeResolvers,
  ...invoicingTypeResolvers,
  ...selfServiceTypeResolvers,
  ...receivablesTypeResolvers,
  Invoice: { ...invoicingTypeResolvers.Invoice, ...receivablesTypeResolvers.Invoice },
};
