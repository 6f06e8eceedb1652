import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'receivables-service',
    // Tests write real SQLite files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
