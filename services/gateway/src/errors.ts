import { isAuthError } from '@cadran/auth';
import { clip, isDomainError } from '@cadran/domain';
import { GraphQLError } from 'graphql';

/**
 * The documented codes of the contract, plus READ_MODEL_BEHIND (a read-your-writes wait ran out)
 * and NOT_IMPLEMENTED (a field whose service this build does not include).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'READ_MODEL_BEHIND'
  | 'NOT_IMPLEMENTED';

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, READ_MODEL_BEHIND: 503 };

/** A GraphQL error with its code; request-level ones (401, 503, or `http.status`) also set the HTTP status. */
export const apiError = (
  code: ErrorCode,
  message: string,
  http: { status?: number; headers?: Record<string, string> } = {},
): GraphQLError => {
  const status = http.status ?? STATUS[code];
  const headers = http.headers;
  return new GraphQLError(message, {
    extensions: {
      code,
      ...(status === undefined ? {} : { http: { status, ...(headers ? { headers } : {}) } }),
    },
  });
};

export const notFoundError = (what: string, id: string): GraphQLError =>
  apiError('NOT_FOUND', `${what} ${clip(id)} does not exist`);

/** Refusals of the write side and of authentication keep their code; anything else is left to masking. */
export const toApiError = (error: unknown): unknown => {
  if (error instanceof GraphQLError) return error;
  if (isDomainError(error)) return apiError(error.code, error.message);
  if (isAuthError(error)) {
    return error.code === 'BAD_CONFIGURATION'
      ? error
      : apiError(error.code, error.message, { headers: bearerChallenge(error.code) });
  }
  return error;
};

const bearerChallenge = (code: string): Record<string, string> | undefined =>
  code === 'UNAUTHENTICATED' ? { 'WWW-Authenticate': 'Bearer realm="cadran"' } : undefined;
