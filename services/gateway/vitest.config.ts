import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

export default defineProject({
  // graphql ships CJS (main) and ESM (module): vite would pick the ESM copy for our code while
  // graphql-yoga loads the CJS one, and two GraphQLError classes break instanceof. One copy: Node's.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: { name: 'gateway' },
});
