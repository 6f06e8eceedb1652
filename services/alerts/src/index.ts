export { createAlertsService, type AlertsService } from './alerts-service.js';
export type { AlertRuleView } from './alert-rules-projection.js';
export type { AlertSources } from './alert-measures.js';
