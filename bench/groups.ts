import type { BenchGroup } from './group.js';
import { gatewayBench } from './gateway.js';
import { storeBench } from './store.js';
import { ingestBench } from './ingest.js';
import { invoicingBench } from './invoicing.js';
import { projectionsBench } from './projections.js';

/** Every benchmark group, in the order `pnpm bench` runs them. Add yours here (ingest, gateway, projections, invoicing). */
export const groups: readonly BenchGroup[] = [
  storeBench,
  ingestBench,
  invoicingBench,
  projectionsBench,
  gatewayBench,
];
