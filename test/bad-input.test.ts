import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';

/** Each bad request: the documented code, the right HTTP status, a message saying what was wrong; never a crash. */
let platform: Started;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ limits: { cost: 100 } });
  admin = await platform.token('ADMIN');
});
afterAll(() => platform?.close());

type Case = {
  name: string;
  body?: string;
  token?: () => Promise<string | undefined> | string | undefined;
  headers?: Record<string, string>;
  status: number;
  code: string;
  message: RegExp;
};

const json = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });
const nested = (depth: number): string =>
  depth === 0 ? 'id' : `contracts { tenant { ${nested(depth - 1)} } }`;

const CASES: Case[] = [
  {
    name: 'a subscription (none is served), answered without a 500 or a stack trace',
    body: json('subscription { x }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /^subscriptions are not served; accepted: query and mutation operations$/,
  },
  {
    name: 'malformed document',
    body: json('{ sites { id '),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Syntax Error: Expected Name/,
  },
  {
    name: 'unknown field, no suggestion',
    body: json('{ site { nam } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /^(?!.*Did you mean)/,
  },
  {
    name: 'wrong variable type',
    body: json('query($id: ID!) { site(id: $id) { id } }', { id: { nested: true } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Variable "\$id" got invalid value/,
  },
  {
    name: 'Decimal as a JSON number',
    body: json('mutation($i: CommitPowerInput!) { commitPower(input: $i) { id } }', {
      i: {
        contractId: 'c',
        kw: 12.5,
        startsAt: '2026-03-01T00:00:00Z',
        endsAt: '2026-04-01T00:00:00Z',
      },
    }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /numbers are refused because they are not exact/,
  },
  {
    name: 'DateTime without offset',
    body: json('{ siteCapacity(siteId: "x", at: "2026-03-01T00:00:00") { committedKw } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /RFC 3339 instant with an offset/,
  },
  {
    name: 'Period before 2000 (utilisation of 1000-01), refused at the scalar',
    body: json('{ contracts { utilisation(period: "1000-01") { gpuModel } } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message:
      /^Period: expected a billing month YYYY-MM from 2000-01 to 2999-12, e.g. "2026-03", got "1000-01"$/,
  },
  {
    name: 'Period before 2000 as a variable',
    body: json('query($p: Period!) { invoices(period: $p) { id } }', { p: '1000-01' }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Period: expected a billing month YYYY-MM from 2000-01 to 2999-12/,
  },
  {
    name: 'DateTime at year 9999 with offset -23:59, out of range once in UTC',
    body: json('{ siteCapacity(siteId: "x", at: "9999-12-31T23:59:59-23:59") { committedKw } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message:
      /DateTime: expected an RFC 3339 instant with an offset from 2000-01-01T00:00:00Z to 2999-12-31T23:59:59Z.*which is \+010000-01-01T23:58:59\.000Z in UTC/,
  },
  {
    name: 'a local date before 2000 (receivables asOf)',
    body: json('{ receivablesAgeing(asOf: "1000-01-01") { asOf } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message:
      /^asOf: expected a date as "YYYY-MM-DD" from 2000-01-01 to 2999-12-31, such as "2026-05-02", got "1000-01-01"$/,
  },
  {
    name: 'a selection nested 10,000 levels, refused before the parser recurses',
    body: json(`{${'a{'.repeat(10_000)}b${'}'.repeat(10_000)}}`),
    status: 400,
    code: 'BAD_USER_INPUT',
    message:
      /^Syntax Error: the document nests \{, \[ and \( 10001 levels deep; accepted: at most 64$/,
  },
  {
    name: 'a list value nested 10,000 levels',
    body: json(`{ site(id: ${'['.repeat(10_000)}${']'.repeat(10_000)}) { id } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /nests \{, \[ and \( 10002 levels deep; accepted: at most 64/,
  },
  {
    name: 'operationName naming no operation of the document',
    body: JSON.stringify({ query: 'query A { viewer { role } }', operationName: 'B' }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /^operationName "B" names no operation of the document; accepted: A$/,
  },
  {
    name: 'several operations and no operationName',
    body: json('query A { viewer { role } } query B { viewer { role } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message:
      /^the document holds 2 operations \(A, B\); accepted: operationName naming the one to run$/,
  },
  {
    name: 'more than 100 validation errors',
    body: json(`{ ${Array.from({ length: 150 }, (_, i) => `f${i}`).join(' ')} }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    message:
      /too many validation errors: only the first 100 are listed; accepted: a document that validates against the schema$/,
  },
  {
    name: 'too deep',
    body: json(`{ tenants { ${nested(5)} } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /depth limit of 10 exceeded/,
  },
  {
    name: 'too costly',
    body: json(
      '{ tenants { id name countryCode vatId partner { id name countryCode vatId tenants { id name countryCode vatId contracts { id billTo status startsAt endsAt currency billingTimeZone site { id name timeZone countryCode } } } } } }',
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Query Cost limit of 100 exceeded/i,
  },
  {
    name: 'too many aliases',
    body: json(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Aliases limit of 15 exceeded/,
  },
  {
    name: 'oversized body',
    body: json('{ viewer { role } }').replace('}', `} ${' '.repeat(1100 * 1024)}`),
    status: 413,
    code: 'BAD_USER_INPUT',
    message: /larger than 1048576 bytes/,
  },
  {
    name: 'a 100 KB id is named by its first 64 characters and its length, not echoed whole',
    body: json(
      'query($t: ID!) { usage(tenantId: $t, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { totalGpuHours } }',
      { t: 'x'.repeat(100_000) },
    ),
    status: 200,
    code: 'NOT_FOUND',
    message: new RegExp(`^tenant ${'x'.repeat(64)}… \\(100,000 characters\\) does not exist$`),
  },
  {
    name: 'a 100 KB name is quoted by its first 64 characters and its length',
    body: json('mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { id } }', {
      i: { id: 'long-name', name: 'n'.repeat(100_000), countryCode: 'FR' },
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: new RegExp(
      `^name: expected a non-blank text of at most 200 characters, got "${'n'.repeat(64)}…" \\(100,000 characters\\)$`,
    ),
  },
  {
    name: 'a 20,000-item list is named by its length',
    body: json('mutation($i: AllocatePaymentInput!) { allocatePayment(input: $i) { state } }', {
      i: { paymentId: 'p', invoices: Array.from({ length: 20_000 }, () => ({ invoice: 'i' })) },
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^invoices: expected a list of at most 100 .*, got a list of 20,000 items$/,
  },
  {
    name: 'body that is not JSON',
    body: '{ not json',
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /invalid JSON/,
  },
  {
    name: 'body that is not JSON, under Accept: application/json (GraphQL over HTTP: 400)',
    body: '{ not json',
    headers: { accept: 'application/json' },
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /invalid JSON/,
  },
  {
    name: 'no query, under Accept: application/json',
    body: JSON.stringify({ variables: {} }),
    headers: { accept: 'application/json' },
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Must provide query string/,
  },
  {
    name: 'an answer in a media type not served (406, with a body saying what is)',
    body: json('{ viewer { role } }'),
    headers: { accept: 'text/csv' },
    status: 406,
    code: 'BAD_USER_INPUT',
    message:
      /^Accept: expected application\/graphql-response\+json, application\/json \(or \*\/\*\), got "text\/csv"$/,
  },
  {
    name: 'a body type not read (415, with a body saying what is)',
    body: json('{ viewer { role } }'),
    headers: { 'content-type': 'text/csv' },
    status: 415,
    code: 'BAD_USER_INPUT',
    message:
      /^Content-Type: expected application\/json \(a body \{ query, variables\?, operationName\? \}\), got "text\/csv"$/,
  },
  {
    name: 'a Content-Encoding not read (415, naming those that are)',
    body: json('{ viewer { role } }'),
    headers: { 'content-encoding': 'compress' },
    status: 415,
    code: 'BAD_USER_INPUT',
    message: /^Content-Encoding: expected gzip, deflate, br or identity \(none\), got "compress"$/,
  },
  {
    name: 'introspection outside development',
    body: json('{ __schema { types { name } } }'),
    status: 400,
    code: 'FORBIDDEN',
    message: /introspection is disabled outside development/,
  },
  {
    name: 'business refusal keeps its code',
    body: json('mutation { signContract(id: "nope") { id } }'),
    status: 200,
    code: 'NOT_FOUND',
    message: /nope/,
  },
  {
    name: 'bad x-cadran-min-position',
    body: json('{ viewer { role } }'),
    headers: { 'x-cadran-min-position': 'latest' },
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /expected a log position/,
  },
  {
    name: 'missing token',
    body: json('{ viewer { role } }'),
    token: () => undefined,
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /missing Authorization header/,
  },
  {
    name: 'expired token',
    body: json('{ viewer { role } }'),
    token: () => signed({ exp: Math.floor(Date.now() / 1000) - 3600 }),
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /token expired/,
  },
  {
    name: 'tampered token',
    body: json('{ viewer { role } }'),
    token: () => tamper(admin),
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /signature verification failed/,
  },
  {
    name: 'token signed with another secret',
    body: json('{ viewer { role } }'),
    token: () => signed({}, 'another-secret-another-secret-another-secret'),
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /signature verification failed/,
  },
  {
    name: 'not a JWT',
    body: json('{ viewer { role } }'),
    token: () => 'hello',
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /malformed/,
  },
];

/** Swaps the role claim for ADMIN→TENANT without re-signing. */
const tamper = (token: string): string => {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  return [
    header,
    Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url'),
    signature,
  ].join('.');
};

const signed = async (claims: { exp?: number }, secret?: string): Promise<string> => {
  const { loadOrCreateSecret } = await import('@cadran/auth');
  const key = new TextEncoder().encode(secret ?? (await loadOrCreateSecret(platform.dataDir)));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'ADMIN' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('someone')
    .setIssuer('cadran')
    .setAudience('cadran')
    .setIssuedAt(now - 7200)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(key);
};

describe('bad input matrix', () => {
  it.each(CASES)('$name: $status $code', async (c) => {
    const bearer = c.token ? await c.token() : admin;
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        ...c.headers,
      },
      body: c.body,
    });
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect({ status: response.status, code: body.errors?.[0]?.extensions.code }).toEqual({
      status: c.status,
      code: c.code,
    });
    expect(body.errors.map((error) => error.message).join('\n')).toMatch(c.message);
    expect(body.errors.every((error) => error.extensions.code === c.code)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |stacktrace/);
    if (c.status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('still answers after all of them', async () => {
    expect((await platform.gql(admin, '{ viewer { role } }')).body.data).toEqual({
      viewer: { role: 'ADMIN' },
    });
    const health = await fetch(`${platform.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
  });
});
