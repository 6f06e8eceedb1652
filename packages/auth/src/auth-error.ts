export type AuthErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'BAD_CONFIGURATION';

/** The one error type of this package; `code` tells callers which HTTP status or GraphQL code to answer with. */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isAuthError = (error: unknown): error is AuthError => error instanceof AuthError;
