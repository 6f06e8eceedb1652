import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@cadran/webhooks',
    // Deliveries to a real receiver with retries and back-off: seconds on a loaded machine.
    testTimeout: 60_000,
  },
});
