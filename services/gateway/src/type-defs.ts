import { readFileSync } from 'node:fs';

/** The public contract (a copy of the design's api-contract.graphql, kept in step by schema-contract.test.ts). */
export const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
