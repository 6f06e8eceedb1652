import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';

/** The GraphQL-over-HTTP spec audit of the graphql-http package, against the running platform. */
let platform: Started;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  token = await platform.token('ADMIN');
});
afterAll(() => platform?.close());

const authorizedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** SHOULDs the platform meets and keeps meeting: 400 for a body that is not JSON, under either media type. */
const REQUIRED_SHOULDS = new Set(['BCF8', 'B7N8']);

describe('graphql-http server audit', () => {
  for (const audit of serverAudits({ url: () => platform.graphqlUrl, fetchFn: authorizedFetch })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') || REQUIRED_SHOULDS.has(audit.id)) {
        expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
      } else {
        // SHOULD and MAY: reported, not required.
        expect(['ok', 'warn', 'notice']).toContain(result.status);
      }
    });
  }
});
