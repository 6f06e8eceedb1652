import type { Database } from 'better-sqlite3';
import type { ReadModelQueries } from './read-model-queries.js';
import { createPartyQueries } from './party-queries.js';
import { createContractQueries } from './contract-queries.js';
import { createCapacityQueries } from './capacity-queries.js';
import { createIncidentQueries } from './incident-queries.js';
import { createMeteredQueries } from './metered-queries.js';
import { createMeteredBillingQuery } from './metered-billing-query.js';
import { createUsageReportQuery } from './usage-report-query.js';
import { createUtilisationQuery } from './utilisation-query.js';
import { createReadModelProjections } from './read-model-projections.js';
import { createSetAsideEvents } from './set-aside-events.js';

/**
 * ReadModelQueries over the read models in `db` (the runner's database). Creates the tables if
 * they are missing, so a gateway may open its queries before the runner's first batch.
 */
export function createReadModelQueries(db: Database): ReadModelQueries {
  db.transaction(() => {
    for (const projection of createReadModelProjections()) projection.setup(db);
  })();
  const setAside = createSetAsideEvents(db);
  return {
    setAsideEvents: () => setAside.list(),
    ...createPartyQueries(db),
    ...createContractQueries(db),
    ...createCapacityQueries(db),
    ...createIncidentQueries(db),
    ...createMeteredQueries(db),
    ...createMeteredBillingQuery(db),
    usageReport: createUsageReportQuery(db),
    utilisation: createUtilisationQuery(db),
  };
}
