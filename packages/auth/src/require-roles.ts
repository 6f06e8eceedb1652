import type { RequestHandler, Response } from 'express';
import { AuthError, isAuthError } from './auth-error.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

/** Throws AuthError FORBIDDEN unless the principal's role is one of `roles`. */
export const assertRole = (principal: Principal, roles: readonly Role[]): void => {
  if (!roles.includes(principal.role)) {
    throw new AuthError(
      'FORBIDDEN',
      `role ${principal.role} may not do this; accepted roles: ${roles.join(', ')}`,
    );
  }
};

/**
 * Express middleware: authenticates the bearer token and checks its role, then puts the principal
 * in `res.locals.principal` (read it with `principalOf(res)`).
 * Answers 401 with `WWW-Authenticate: Bearer` or 403, each with `{ error: { code, message } }`.
 */
export const requireRoles =
  (authenticator: Authenticator, roles: readonly Role[]): RequestHandler =>
  async (req, res, next) => {
    try {
      const principal = await authenticator.authenticate(req.headers.authorization);
      assertRole(principal, roles);
      res.locals.principal = principal;
    } catch (error) {
      if (!isAuthError(error)) return next(error);
      if (error.code === 'UNAUTHENTICATED') {
        const challenge =
          req.headers.authorization === undefined
            ? 'Bearer realm="cadran"'
            : 'Bearer realm="cadran", error="invalid_token"';
        res.set('WWW-Authenticate', challenge);
      }
      res
        .status(error.code === 'FORBIDDEN' ? 403 : 401)
        .json({ error: { code: error.code, message: error.message } });
      return;
    }
    next();
  };

/** The principal that `requireRoles` authenticated for this response. */
export const principalOf = (res: Response): Principal => {
  const principal = (res.locals as { principal?: Principal }).principal;
  if (principal === undefined)
    throw new Error('no principal on this request: is requireRoles mounted before this handler?');
  return principal;
};
