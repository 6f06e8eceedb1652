import { issueToken, loadOrCreateSecret } from '@cadran/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';
import {
  WORKED_RATE_CARD,
  createApi,
  workedContract,
  workedSite,
  type Api,
} from './support/worked-setting.js';

const HISTORY = `query($id: ID!) { contract(id: $id) { id history {
  type revision position recordedAt actor summary fields { name value } } } }`;

type HistoryEvent = {
  type: string;
  revision: number;
  position: string;
  recordedAt: string;
  actor: string | null;
  summary: string;
  fields: { name: string; value: string }[];
};

const valueOf = (event: HistoryEvent, name: string) =>
  event.fields.find((field) => field.name === name)?.value;

let platform: Started;
let api: Api;
/** An account manager of its own: the amendment's actor. */
let claire: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  api = await createApi(platform);
  await workedSite(api);
  await workedContract(api, { tenantId: 'acme', contractId: 'c-acme' });
  await workedContract(api, { tenantId: 'beta', contractId: 'c-beta' });
  const secret = await loadOrCreateSecret(platform.dataDir);
  claire = await issueToken({ secret, role: 'ACCOUNT_MANAGER', subject: 'am-claire' });
  await api.call(claire, 'mutation($i: AmendContractInput!) { amendContract(input: $i) { id } }', {
    i: {
      contractId: 'c-acme',
      effectiveAt: '2026-04-01T00:00:00+02:00',
      rateCard: { ...WORKED_RATE_CARD, powerPricePerKwMonth: '150.50' },
    },
  });
}, 60_000);
afterAll(() => platform?.close());

describe('Contract.history', () => {
  it('lists the events of the contract stream in order, with their data and actor', async () => {
    const data = await api.call(api.tokens.admin, HISTORY, { id: 'c-acme' });
    const history = (data.contract as { history: HistoryEvent[] }).history;
    expect(history.map((event) => event.type)).toEqual([
      'ContractDrafted',
      'ContractSigned',
      'ContractAmended',
    ]);
    expect(history.map((event) => event.revision)).toEqual([0, 1, 2]);
    const positions = history.map((event) => BigInt(event.position));
    expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!).toBe(true);
    for (const event of history) expect(Date.parse(event.recordedAt)).not.toBeNaN();

    const [drafted, signed, amended] = history as [HistoryEvent, HistoryEvent, HistoryEvent];
    expect(drafted.summary).toMatch(/^Drafted for tenant acme at site bru-1/);
    expect(valueOf(drafted, 'startsAt')).toBe('2025-12-31T23:00:00Z');
    expect(valueOf(drafted, 'billingTimeZone')).toBe('Europe/Paris');
    expect(valueOf(drafted, 'rateCard.powerPricePerKwMonth')).toBe('145');
    expect(drafted.actor).toBe('cadran-cli');
    expect(signed.summary).toBe('Signed');
    expect(valueOf(signed, 'signedAt')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(amended.summary).toMatch(/^Rate card amended from 2026-03-31T22:00:00Z/);
    expect(valueOf(amended, 'effectiveAt')).toBe('2026-03-31T22:00:00Z');
    expect(valueOf(amended, 'rateCard.powerPricePerKwMonth')).toBe('150.5');
    expect(valueOf(amended, 'rateCard.H200.reservedPricePerGpuHour')).toBe('2.2');
    expect(amended.actor).toBe('am-claire');
  });

  it('a tenant reads the history of its own contracts', async () => {
    const acme = await platform.token('TENANT', { tenantId: 'acme' });
    const data = await api.call(
      acme,
      '{ tenant(id: "acme") { contracts { id history { type } } } }',
    );
    expect(data.tenant).toEqual({
      contracts: [
        {
          id: 'c-acme',
          history: [
            { type: 'ContractDrafted' },
            { type: 'ContractSigned' },
            { type: 'ContractAmended' },
          ],
        },
      ],
    });
  });

  it("another tenant gets nothing of a contract's history", async () => {
    const beta = await platform.token('TENANT', { tenantId: 'beta' });
    const direct = await platform.gql(beta, HISTORY, { id: 'c-acme' });
    expect(direct.body.errors).toBeUndefined();
    expect(direct.body.data).toEqual({ contract: null });
    const listed = await platform.gql(beta, '{ contracts { id history { type summary } } }');
    expect(listed.body.errors).toBeUndefined();
    const contracts = (listed.body.data as { contracts: { id: string }[] }).contracts;
    expect(contracts.map((contract) => contract.id)).toEqual(['c-beta']);
    expect(JSON.stringify(listed.body)).not.toContain('acme');
  });
});
