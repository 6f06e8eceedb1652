import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { redeemLinkCode } from './console-links.js';

/** Where `vite build` writes the console (never committed: built by the package's postinstall). */
export const CONSOLE_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
export const SIGN_IN_PATH = '/console/sign-in';

/** Paths the console never answers, even for a browser asking for HTML. */
const NOT_THE_CONSOLE = /^\/(graphql|v1|healthz)(\/|\?|$)/;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
    "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The web console at `/` (same origin as /graphql): its built files, index.html for any other
 * page a browser asks for (the console routes in the browser), and the exchange of a one-time
 * link's code for its token.
 */
export const createConsoleRouter = ({
  dataDir,
  distDir = CONSOLE_DIST,
}: {
  dataDir: string;
  distDir?: string;
}): Router => {
  const router = express.Router();
  router.post(SIGN_IN_PATH, express.json({ limit: '1kb' }), async (request, response) => {
    const redeemed = await redeemLinkCode(dataDir, (request.body as { code?: unknown })?.code);
    response.set('cache-control', 'no-store');
    if (redeemed.ok) response.json({ token: redeemed.token });
    else
      response.status(401).json({ error: { code: 'UNAUTHENTICATED', message: redeemed.problem } });
  });

  const index = join(distDir, 'index.html');
  router.use((_request, response, next) => {
    response.set(SECURITY_HEADERS);
    next();
  });
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false }));
  router.get(/.*/, (request, response, next) => {
    if (NOT_THE_CONSOLE.test(request.path) || !request.accepts('html')) return next();
    if (!existsSync(index)) {
      response
        .status(503)
        .type('text/plain')
        .send(
          'The web console is not built. Run `pnpm install` (it builds it) or `pnpm --filter @cadran/console build`, then reload.\n',
        );
      return;
    }
    response.set('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return router;
};
