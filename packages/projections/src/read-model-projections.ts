import type { Projection } from './projection.js';
import { createPartiesProjection } from './parties-projection.js';
import { createSitesProjection } from './sites-projection.js';
import { createContractsProjection } from './contracts-projection.js';
import { createIncidentsProjection } from './incidents-projection.js';
import { createMeteredProjection, ENERGY, USAGE } from './metered-projection.js';

/** Every read model ReadModelQueries answers from; one runner applies them all. */
export function createReadModelProjections(): Projection[] {
  return [
    createSitesProjection(),
    createPartiesProjection(),
    createContractsProjection(),
    createIncidentsProjection(),
    createMeteredProjection(USAGE),
    createMeteredProjection(ENERGY),
  ];
}
