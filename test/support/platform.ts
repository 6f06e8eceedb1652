import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, loadOrCreateSecret } from '@cadran/auth';
import { DEMO_OPERATOR_ENV } from '@cadran/invoicing';
import { startPlatform, type Platform, type PlatformOptions } from '@cadran/platform';
import { pino } from 'pino';

export type Gql = {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
    extensions?: Record<string, unknown>;
  };
};

export type Started = Platform & {
  dataDir: string;
  token(
    role: string,
    scope?: { tenantId?: string; partnerId?: string; expiresIn?: string | number },
  ): Promise<string>;
  gql(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Gql>;
  /** Stops the platform and deletes its data directory. */
  close(): Promise<void>;
};

/** The real platform in-process on 127.0.0.1, port 0, on a fresh SQLite file in a temp directory. */
export const startTestPlatform = async (
  options: Partial<PlatformOptions> = {},
): Promise<Started> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cadran-e2e-'));
  const platform = await startPlatform({
    dataDir,
    port: 0,
    logger: pino({ level: 'silent' }),
    ...options,
    // A complete (fictitious) operator: issuing refuses without one.
    env: { ...DEMO_OPERATOR_ENV, ...options.env },
  });
  const secret = await loadOrCreateSecret(dataDir);
  const token: Started['token'] = (role, scope = {}) => issueToken({ secret, role, ...scope });
  const gql: Started['gql'] = async (bearer, query, variables, headers = {}) => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Gql['body'],
    };
  };
  return {
    ...platform,
    dataDir,
    token,
    gql,
    close: async () => {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The code of the first error, or 'OK' when the answer has data and no error. */
export const outcome = (result: Gql): string =>
  result.body.errors?.[0]?.extensions?.code ?? (result.body.data ? 'OK' : 'NO DATA');
