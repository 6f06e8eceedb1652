import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  alertRuleDecider,
  handleCommand,
  parseDefineAlertRule,
  streams,
  type AlertRuleCommand,
  type CommandMeta,
  type IdGenerator,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { createProjectionRunner } from '@cadran/projections';
import { measure, type AlertSources } from './alert-measures.js';
import { createAlertRuleQueries, createAlertRulesProjection } from './alert-rules-projection.js';

export type AlertsServiceOptions = {
  store: EventStore;
  /** Where the rules' table and checkpoint live (the platform's read-model database). */
  db: Database;
  sources: AlertSources;
  clock?: () => Date;
  newId?: IdGenerator;
  /** How often every active rule is measured; default 60 s. 0: only when `evaluate` is called. */
  everyMs?: number;
  onError?: (error: unknown) => void;
};

export function createAlertsService(options: AlertsServiceOptions) {
  const { store, db, sources } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const onError = options.onError ?? (() => undefined);
  const runner = createProjectionRunner({
    store,
    db,
    projections: [createAlertRulesProjection()],
    name: 'alert-rules',
    onError,
  });
  const read = createAlertRuleQueries(db);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let evaluating: Promise<bigint> | undefined;

  /** Runs a command on the rule's stream; answers the rule's id, the position to wait for and the events written. */
  async function onRule(ruleId: string, command: () => AlertRuleCommand, meta?: CommandMeta) {
    const { position, written } = await handleCommand(
      store,
      streams.alertRule(ruleId),
      alertRuleDecider,
      command,
      meta,
    );
    return { id: ruleId, position, written };
  }

  /** Measures every active rule once; fires and resolves as the decider says. Returns the last position written. */
  async function evaluateAll(): Promise<bigint> {
    let last = -1n;
    const nowMs = clock().getTime();
    for (const rule of read.rules({ activeOnly: true })) {
      try {
        const measured = await measure(rule, nowMs, sources);
        const handled = await onRule(
          rule.ruleId,
          () => ({
            type: 'ObserveAlert' as const,
            data: { ruleId: rule.ruleId, ...measured, at: new Date(nowMs).toISOString() },
          }),
          { actor: 'alerts' },
        );
        if (handled.written > 0 && handled.position > last) last = handled.position;
      } catch (error) {
        onError(error);
      }
    }
    return last;
  }

  const schedule = () => {
    if (!running || !options.everyMs) return;
    timer = setTimeout(() => {
      void evaluate().finally(schedule);
    }, options.everyMs);
  };

  /** One evaluation at a time: a call during a run waits for it and then runs again. */
  async function evaluate(): Promise<bigint> {
    while (evaluating) await evaluating.catch(() => undefined);
    evaluating = evaluateAll();
    try {
      return await evaluating;
    } finally {
      evaluating = undefined;
    }
  }

  return {
    async start() {
      await runner.start();
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await evaluating?.catch(() => undefined);
      await runner.stop();
    },
    get failure() {
      return runner.failure;
    },
    /** Its subscription's state, as /healthz reports it. */
    get state() {
      return runner.state;
    },
    awaitPosition: (position: bigint, timeoutMs: number) =>
      runner.waitForPosition(position, timeoutMs),
    evaluate,

    async defineRule(input: unknown, meta?: CommandMeta) {
      const data = parseDefineAlertRule(input, newId, clock().toISOString());
      return onRule(
        data.ruleId,
        () => {
          const contract =
            data.contractId === null ? null : sources.queries.contract(data.contractId);
          return {
            type: 'DefineAlertRule' as const,
            data,
            context: {
              contract: contract && {
                contractId: contract.id,
                tenantId: contract.tenantId,
                partnerId: contract.billTo === 'PARTNER' ? contract.partnerId : null,
                siteId: contract.siteId,
              },
              siteExists: data.siteId !== null && sources.queries.site(data.siteId) !== null,
            },
          };
        },
        meta,
      );
    },
    removeRule: (input: { id: string }, meta?: CommandMeta) =>
      onRule(
        input.id,
        () => ({
          type: 'RemoveAlertRule' as const,
          data: { ruleId: input.id, removedAt: clock().toISOString() },
        }),
        meta,
      ),
    rules: read.rules,
    rule: (id: string) => read.rules({ ruleId: id })[0] ?? null,
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
