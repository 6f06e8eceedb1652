import { describe, expect, it } from 'vitest';
import type { AlertRuleEvent } from '../events.js';
import { specification } from '../specification.js';
import { sequentialIds } from '../testing/index.js';
import { alertRuleDecider, parseDefineAlertRule, type DefineAlertRule } from './alert-rule.js';

const given = specification(alertRuleDecider).given;
const AT = '2026-03-10T00:00:00Z';
const contract = { contractId: 'c-mistral', tenantId: 'mistral', partnerId: null, siteId: 'bru-1' };
const define = (data: Partial<DefineAlertRule['data']> = {}, found = true): DefineAlertRule => ({
  type: 'DefineAlertRule',
  data: {
    ruleId: 'r-1',
    kind: 'CHARGES_ABOVE',
    contractId: 'c-mistral',
    siteId: null,
    threshold: '1000',
    windowHours: null,
    definedAt: AT,
    ...data,
  },
  context: { contract: found ? contract : null, siteExists: true },
});
const rule = {
  ruleId: 'r-1',
  kind: 'CHARGES_ABOVE' as const,
  ...contract,
  threshold: '1000',
  windowHours: null,
  definedAt: AT,
};
const defined: AlertRuleEvent = { type: 'AlertRuleDefined', data: rule };
const common = { ...contract, ruleId: 'r-1', kind: 'CHARGES_ABOVE' as const, threshold: '1000' };
const observe = (period: string, value: string, breached: boolean) => ({
  type: 'ObserveAlert' as const,
  data: { ruleId: 'r-1', period, value, breached, at: AT },
});
const fired = (period: string, value: string): AlertRuleEvent => ({
  type: 'AlertFired',
  data: { ...common, period, value, firedAt: AT },
});
const resolved = (period: string, value: string): AlertRuleEvent => ({
  type: 'AlertResolved',
  data: { ...common, period, value, resolvedAt: AT },
});

describe('alert rule', () => {
  it('takes the subject from the contract', () => given([]).when(define()).then([defined]));
  it('refuses a missing contract', () =>
    given([])
      .when(define({}, false))
      .thenThrows('NOT_FOUND', /no contract c-mistral/));
  it('fires once per period while the threshold stays broken', () => {
    given([defined])
      .when(observe('2026-03', '1500', true))
      .then([fired('2026-03', '1500')]);
    given([defined, fired('2026-03', '1500')])
      .when(observe('2026-03', '1800', true))
      .then([]);
  });
  it('resolves once when the threshold holds again, and does not fire again that period', () => {
    given([defined, fired('2026-03', '1500')])
      .when(observe('2026-03', '900', false))
      .then([resolved('2026-03', '900')]);
    given([defined, fired('2026-03', '1500'), resolved('2026-03', '900')])
      .when(observe('2026-03', '1500', true))
      .then([]);
  });
  it('resolves a period that ended firing, then fires anew in the next one', () =>
    given([defined, fired('2026-03', '1500')])
      .when(observe('2026-04', '2000', true))
      .then([resolved('2026-03', '1500'), fired('2026-04', '2000')]));
  it('observes nothing once removed', () =>
    given([defined, { type: 'AlertRuleRemoved', data: { ruleId: 'r-1', removedAt: AT } }])
      .when(observe('2026-03', '1500', true))
      .then([]));
});

describe('alert rule: input', () => {
  const ids = sequentialIds('r');
  it('defaults a utilisation window to 24 hours', () =>
    expect(
      parseDefineAlertRule({ kind: 'UTILISATION_BELOW', contractId: 'c', threshold: '80' }, ids, AT)
        .windowHours,
    ).toBe(24));
  it('refuses a utilisation threshold over 100 %', () =>
    expect(() =>
      parseDefineAlertRule(
        { kind: 'UTILISATION_BELOW', contractId: 'c', threshold: '120' },
        ids,
        AT,
      ),
    ).toThrowError(/at most 100/));
  it('needs a site for unbilled usage and a contract for the others', () => {
    expect(() =>
      parseDefineAlertRule({ kind: 'UNBILLED_USAGE', threshold: '0' }, ids, AT),
    ).toThrowError(/siteId/);
    expect(() =>
      parseDefineAlertRule({ kind: 'CHARGES_ABOVE', threshold: '5' }, ids, AT),
    ).toThrowError(/contractId/);
  });
});
