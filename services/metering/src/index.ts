export {
  createMeteringService,
  type MeteringService,
  type MeteringServiceOptions,
  type RecordRejection,
  type RecordResult,
} from './metering-service.js';
export {
  METERING_ROLES,
  NDJSON_TYPES,
  createMeteringRouter,
  type IngestAnswer,
  type LineRejection,
  type MeteringRouterOptions,
} from './metering-router.js';
