/** Called as a batch run prices its contracts: `done` of `total` priced. A returned promise is awaited before the next contract. */
export type BatchProgress = (done: number, total: number) => void | Promise<void>;

/** How far the last run of a period's batch in this process has come. */
export type BatchProgressView = {
  period: string;
  /** Contracts priced so far. */
  priced: number;
  /** Contracts billing in the period; 0 until they are counted. */
  total: number;
  running: boolean;
  startedAt: string;
  finishedAt: string | null;
};

/**
 * The progress of the batch runs of this process, by period: the last run started of each, kept
 * in memory (another instance's runs are not seen, a restart forgets them).
 */
export function createBatchProgress(clock: () => string) {
  const runs = new Map<string, BatchProgressView>();
  return {
    /** A run of the period starts; what it reports replaces the period's earlier run. */
    start(period: string) {
      const run: BatchProgressView = {
        period,
        priced: 0,
        total: 0,
        running: true,
        startedAt: clock(),
        finishedAt: null,
      };
      runs.set(period, run);
      return {
        report: (done: number, total: number) => {
          run.priced = done;
          run.total = total;
        },
        finish: () => {
          run.running = false;
          run.finishedAt = clock();
        },
      };
    },
    /** The period's last run in this process, null when none ran since it started. */
    get: (period: string): BatchProgressView | null => {
      const run = runs.get(period);
      return run === undefined ? null : { ...run };
    },
  };
}
