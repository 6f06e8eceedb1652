import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@cadran/projections',
    // Rebuild and catch-up tests replay thousands of events into a real SQLite file: seconds on a loaded machine.
    testTimeout: 30_000,
  },
});
