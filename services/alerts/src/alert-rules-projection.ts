import type { Database, Statement } from 'better-sqlite3';
import type { AlertRuleDefined, AlertRuleEvent } from '@cadran/domain';
import type { RecordedEvent } from '@cadran/event-store';
import { dropTables, type Projection } from '@cadran/projections';

export type AlertRuleView = AlertRuleDefined['data'] & {
  status: 'ACTIVE' | 'REMOVED';
  /** Periods whose alert is firing now. */
  firing: { period: string; value: string; firedAt: string }[];
};

const TABLES = ['al_rules', 'al_firing'] as const;

/** The alert rules and what fires now, kept from the log: the evaluator's list and the API's answer. */
export function createAlertRulesProjection() {
  let s: Record<string, Statement> = {};
  const projection: Projection = {
    name: 'alert-rules',
    eventTypes: ['AlertRuleDefined', 'AlertRuleRemoved', 'AlertFired', 'AlertResolved'],
    tables: TABLES,
    setup(db: Database) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS al_rules (
          rule_id TEXT PRIMARY KEY, data TEXT NOT NULL, contract_id TEXT, tenant_id TEXT,
          partner_id TEXT, site_id TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'ACTIVE');
        CREATE TABLE IF NOT EXISTS al_firing (
          rule_id TEXT NOT NULL, period TEXT NOT NULL, value TEXT NOT NULL, fired_at TEXT NOT NULL,
          PRIMARY KEY (rule_id, period));
      `);
      s = {
        define: db.prepare(
          `INSERT OR IGNORE INTO al_rules (rule_id, data, contract_id, tenant_id, partner_id, site_id)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ),
        remove: db.prepare("UPDATE al_rules SET status = 'REMOVED' WHERE rule_id = ?"),
        fire: db.prepare('INSERT OR REPLACE INTO al_firing VALUES (?, ?, ?, ?)'),
        resolve: db.prepare('DELETE FROM al_firing WHERE rule_id = ? AND period = ?'),
      };
    },
    reset(db: Database) {
      dropTables(db, TABLES);
    },
    apply(recorded: RecordedEvent) {
      const event = { type: recorded.type, data: recorded.data } as AlertRuleEvent;
      switch (event.type) {
        case 'AlertRuleDefined': {
          const d = event.data;
          s.define!.run(
            d.ruleId,
            JSON.stringify(d),
            d.contractId,
            d.tenantId,
            d.partnerId,
            d.siteId,
          );
          return;
        }
        case 'AlertRuleRemoved':
          s.remove!.run(event.data.ruleId);
          return;
        case 'AlertFired':
          s.fire!.run(event.data.ruleId, event.data.period, event.data.value, event.data.firedAt);
          return;
        case 'AlertResolved':
          s.resolve!.run(event.data.ruleId, event.data.period);
          return;
        default:
          return;
      }
    },
  };
  return projection;
}

type RuleRow = { data: string; status: 'ACTIVE' | 'REMOVED'; rule_id: string };

/** Rules by contract, tenant, partner or site; all when no filter is given. */
export function createAlertRuleQueries(db: Database) {
  const rules = db.prepare(
    `SELECT rule_id, data, status FROM al_rules
     WHERE (@contract IS NULL OR contract_id = @contract) AND (@tenant IS NULL OR tenant_id = @tenant)
       AND (@partner IS NULL OR partner_id = @partner) AND (@site IS NULL OR site_id = @site)
       AND (@rule IS NULL OR rule_id = @rule)
       AND (@active = 0 OR status = 'ACTIVE')
     ORDER BY rule_id`,
  );
  const firing = db.prepare(
    'SELECT period, value, fired_at AS firedAt FROM al_firing WHERE rule_id = ? ORDER BY period',
  );
  const view = (row: RuleRow): AlertRuleView => ({
    ...(JSON.parse(row.data) as AlertRuleDefined['data']),
    status: row.status,
    firing: firing.all(row.rule_id) as AlertRuleView['firing'],
  });
  return {
    rules(filter: {
      ruleId?: string;
      contractId?: string;
      tenantId?: string;
      partnerId?: string;
      siteId?: string;
      activeOnly?: boolean;
    }): AlertRuleView[] {
      return (
        rules.all({
          contract: filter.contractId ?? null,
          tenant: filter.tenantId ?? null,
          partner: filter.partnerId ?? null,
          site: filter.siteId ?? null,
          rule: filter.ruleId ?? null,
          active: filter.activeOnly ? 1 : 0,
        }) as RuleRow[]
      ).map(view);
    },
  };
}
