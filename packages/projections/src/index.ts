export type * from './read-model-views.js';
export type { ReadModelQueries } from './read-model-queries.js';
export { dropTables, type Projection } from './projection.js';
export {
  createProjectionRunner,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from './projection-runner.js';
export { createReadModelProjections } from './read-model-projections.js';
export { createReadModelQueries } from './create-read-model-queries.js';
export type { SetAsideEvent } from './set-aside-events.js';
export type { RetryOutcome } from './projection-runner.js';
export { toMicro, fromMicro, isRoundedToMicro } from './micro-units.js';
export {
  consumptionReport,
  type ConsumptionReportView,
  type ConsumptionDayView,
  type ModelConsumptionView,
} from './consumption-report.js';
