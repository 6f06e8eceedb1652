export {
  createSlaService,
  type SlaService,
  type SlaServiceOptions,
  type IncidentResult,
} from './sla-service.js';
