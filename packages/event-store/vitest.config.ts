import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'event-store',
    // Contract and crash tests start child processes and write real SQLite files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
