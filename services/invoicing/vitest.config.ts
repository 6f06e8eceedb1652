import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'invoicing',
    // End-to-end tests write real SQLite files, start child processes and spawn the CLI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
