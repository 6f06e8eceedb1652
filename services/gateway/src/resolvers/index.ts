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

type RootResolver = (
  parent: unknown,
  args: Record<string, unknown>,
  ctx: GatewayContext,
) => unknown;

/** Every root field passes the authorization table first; refusals of the write side keep their code. */
const guarded = (
  type: 'Query' | 'Mutation',
  resolvers: Record<string, RootResolver>,
): Record<string, RootResolver> =>
  Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => {
      const operation = `${type}.${name}`;
      const guard: RootResolver = async (parent, args, ctx) => {
        assertAllowed(ctx.principal, operation);
        try {
          return await resolve(parent, args, ctx);
        } catch (error) {
          throw toApiError(error);
        }
      };
      return [name, guard];
    }),
  );

export const resolvers = {
  DateTime,
  Decimal,
  Period,
  Query: guarded('Query', {
    ...queryResolvers,
    ...invoicingQueryResolvers,
    ...selfServiceQueryResolvers,
    ...receivablesQueryResolvers,
  } as Record<string, RootResolver>),
  Mutation: guarded('Mutation', {
    ...mutationResolvers,
    ...invoicingMutationResolvers,
    ...selfServiceMutationResolvers,
    ...receivablesMutationResolvers,
  } as Record<string, RootResolver>),
  ...typeResolvers,
  ...invoicingTypeResolvers,
  ...selfServiceTypeResolvers,
  ...receivablesTypeResolvers,
  Invoice: { ...invoicingTypeResolvers.Invoice, ...receivablesTypeResolvers.Invoice },
};
