import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'metering',
    // Tests write real SQLite files, serve real HTTP and start child processes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
