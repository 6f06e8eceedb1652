import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@cadran/einvoicing', testTimeout: 60_000 },
});
