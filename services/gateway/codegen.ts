import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the schema, made at install (`prepare`): src/generated/ is not committed. */
const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.js#GatewayContext',
        scalars: { ID: 'string', DateTime: 'string', Decimal: 'string', Period: 'string' },
      },
    },
  },
};

export default config;
