import { z } from 'zod';
import type { Decider } from '../decider.js';
import { badInput, notFound } from '../errors.js';
import type { AlertRuleDefined, AlertRuleEvent, AlertRuleKind, AlertSubject } from '../events.js';
import { decimal, integer, oneOf, optionalId } from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { parseInput } from '../parse-input.js';

type Rule = AlertRuleDefined['data'];

/** The contract a rule watches, as the handler found it (null: no such contract). */
export type AlertContractContext = {
  contractId: string;
  tenantId: string;
  partnerId: string | null;
  siteId: string;
} | null;

export type DefineAlertRule = {
  type: 'DefineAlertRule';
  data: Omit<Rule, keyof AlertSubject> & { contractId: string | null; siteId: string | null };
  context: { contract: AlertContractContext; siteExists: boolean };
};
export type RemoveAlertRule = {
  type: 'RemoveAlertRule';
  data: { ruleId: string; removedAt: string };
};
/** What the evaluator measured for the rule in `period`, and whether that breaks the threshold. */
export type ObserveAlert = {
  type: 'ObserveAlert';
  data: { ruleId: string; period: string; value: string; breached: boolean; at: string };
};
export type AlertRuleCommand = DefineAlertRule | RemoveAlertRule | ObserveAlert;

type PeriodStatus = { status: 'firing' | 'resolved'; value: string };
export type AlertRuleState =
  | { status: 'none' }
  | { status: 'defined' | 'removed'; rule: Rule; periods: Record<string, PeriodStatus> };

export const ALERT_RULE_KINDS = [
  'UTILISATION_BELOW',
  'POWER_ABOVE_COMMITMENT',
  'CHARGES_ABOVE',
  'UNBILLED_USAGE',
] as const satisfies readonly AlertRuleKind[];

const DEFAULT_WINDOW_HOURS = 24;
const MAX_WINDOW_HOURS = 31 * 24;

const thresholdBounds: Record<AlertRuleKind, { min: string; max: string; what: string }> = {
  UTILISATION_BELOW: { min: '0', max: '100', what: 'a percent from 0 to 100' },
  POWER_ABOVE_COMMITMENT: {
    min: '1',
    max: '1000',
    what: 'a percent of the commitment from 1 to 1000',
  },
  CHARGES_ABOVE: { min: '0', max: '1000000000000', what: 'an amount in EUR, at least 0' },
  UNBILLED_USAGE: { min: '0', max: '1000000000000', what: 'GPU-hours, at least 0' },
};

const defineSchema = z.object({
  id: optionalId(),
  kind: oneOf(ALERT_RULE_KINDS),
  contractId: optionalId(),
  siteId: optionalId(),
  threshold: z.unknown(),
  windowHours: integer(1, MAX_WINDOW_HOURS).optional().nullable(),
});

export function parseDefineAlertRule(
  input: unknown,
  newId: IdGenerator,
  definedAt: string,
): DefineAlertRule['data'] {
  const parsed = parseInput(defineSchema, input);
  const bounds = thresholdBounds[parsed.kind];
  const threshold = parseInput(
    z.object({ threshold: decimal({ min: bounds.min, max: bounds.max }) }),
    { threshold: parsed.threshold },
  ).threshold;
  const contractId = parsed.contractId ?? null;
  const siteId = parsed.siteId ?? null;
  if (parsed.kind === 'UNBILLED_USAGE') {
    if (siteId === null) throw badInput('siteId', 'the site whose unbilled usage is watched', null);
  } else if (contractId === null) {
    throw badInput('contractId', `the contract a ${parsed.kind} rule watches`, null);
  }
  if (parsed.kind !== 'UTILISATION_BELOW' && parsed.windowHours != null)
    throw badInput('windowHours', 'no window except for UTILISATION_BELOW', parsed.windowHours);
  return {
    ruleId: parsed.id ?? newId(),
    kind: parsed.kind,
    contractId,
    siteId,
    threshold,
    windowHours:
      parsed.kind === 'UTILISATION_BELOW' ? (parsed.windowHours ?? DEFAULT_WINDOW_HOURS) : null,
    definedAt,
  };
}

/** The accepted threshold, for error messages and docs. */
export const describeThreshold = (kind: AlertRuleKind) => thresholdBounds[kind].what;

function subjectOf({ data, context }: DefineAlertRule): AlertSubject {
  if (data.contractId !== null) {
    const contract = context.contract;
    if (contract === null)
      throw notFound(`contractId: no contract ${data.contractId}`, 'contractId');
    if (data.siteId !== null && data.siteId !== contract.siteId)
      throw badInput('siteId', `the contract's site ${contract.siteId}, or nothing`, data.siteId);
    return {
      contractId: contract.contractId,
      tenantId: contract.tenantId,
      partnerId: contract.partnerId,
      siteId: contract.siteId,
    };
  }
  if (!context.siteExists) throw notFound(`siteId: no site ${data.siteId}`, 'siteId');
  return { contractId: null, tenantId: null, partnerId: null, siteId: data.siteId as string };
}

function define(command: DefineAlertRule, state: AlertRuleState): AlertRuleEvent[] {
  const rule: Rule = { ...command.data, ...subjectOf(command) };
  if (state.status !== 'none') {
    const strip = ({ definedAt: _definedAt, ...rest }: Rule) => rest;
    return repeatOrConflict('alert rule', rule.ruleId, strip(state.rule), strip(rule));
  }
  return [{ type: 'AlertRuleDefined', data: rule }];
}

function observe({ data }: ObserveAlert, state: AlertRuleState): AlertRuleEvent[] {
  if (state.status !== 'defined') return [];
  const { rule } = state;
  const subject = {
    contractId: rule.contractId,
    tenantId: rule.tenantId,
    partnerId: rule.partnerId,
    siteId: rule.siteId,
  };
  const common = { ...subject, ruleId: rule.ruleId, kind: rule.kind, threshold: rule.threshold };
  const events: AlertRuleEvent[] = [];
  // A period that ended while firing is resolved as it stood: its figures can no longer move.
  for (const [period, status] of Object.entries(state.periods).sort()) {
    if (period !== data.period && status.status === 'firing')
      events.push({
        type: 'AlertResolved',
        data: { ...common, period, value: status.value, resolvedAt: data.at },
      });
  }
  const current = state.periods[data.period];
  if (current === undefined && data.breached)
    events.push({
      type: 'AlertFired',
      data: { ...common, period: data.period, value: data.value, firedAt: data.at },
    });
  if (current?.status === 'firing' && !data.breached)
    events.push({
      type: 'AlertResolved',
      data: { ...common, period: data.period, value: data.value, resolvedAt: data.at },
    });
  return events;
}

function decide(command: AlertRuleCommand, state: AlertRuleState): AlertRuleEvent[] {
  switch (command.type) {
    case 'DefineAlertRule':
      return define(command, state);
    case 'RemoveAlertRule':
      if (state.status === 'none') throw notFound(`id: no alert rule ${command.data.ruleId}`, 'id');
      if (state.status === 'removed') return [];
      return [{ type: 'AlertRuleRemoved', data: command.data }];
    case 'ObserveAlert':
      return observe(command, state);
  }
}

/** The rule's state with `period` now firing or resolved at `value` (an unknown rule stays unknown). */
function withPeriod(
  state: AlertRuleState,
  { period, value }: { period: string; value: string },
  status: PeriodStatus['status'],
): AlertRuleState {
  if (state.status === 'none') return state;
  return { ...state, periods: { ...state.periods, [period]: { status, value } } };
}

function evolve(state: AlertRuleState, event: AlertRuleEvent): AlertRuleState {
  switch (event.type) {
    case 'AlertRuleDefined':
      return { status: 'defined', rule: event.data, periods: {} };
    case 'AlertRuleRemoved':
      return state.status === 'none' ? state : { ...state, status: 'removed' };
    case 'AlertFired':
      return withPeriod(state, event.data, 'firing');
    case 'AlertResolved':
      return withPeriod(state, event.data, 'resolved');
    default:
      return state;
  }
}

/** Stream alert-rule-{ruleId}. */
export const alertRuleDecider: Decider<AlertRuleCommand, AlertRuleState, AlertRuleEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
