import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './type-defs.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The design contract, kept in the repository. */
const vendoredContract = join(repositoryRoot, 'docs/design/api-contract.graphql');
/** The shared design folder beside the clone, where the design is written (CI has it). */
const sharedContract = join(repositoryRoot, '../shared/design/api-contract.graphql');

/** Every name of a type: `Type.field(arg: T): R`, enum values, input fields, as comparable strings. */
const signatures = (type: GraphQLNamedType): string[] => {
  if (isObjectType(type)) {
    return Object.values(type.getFields()).flatMap((field) => [
      `${type.name}.${field.name}: ${String(field.type)}`,
      ...field.args.map(
        (arg) =>
          `${type.name}.${field.name}(${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`})`,
      ),
    ]);
  }
  if (isInputObjectType(type)) {
    return Object.values(type.getFields()).map(
      (field) =>
        `${type.name}.${field.name}: ${String(field.type)}${field.defaultValue === undefined ? '' : ` = ${JSON.stringify(field.defaultValue)}`}`,
    );
  }
  if (isEnumType(type)) return type.getValues().map((value) => `${type.name}.${value.name}`);
  if (isScalarType(type)) return [`scalar ${type.name}`];
  return [`${type.name}`];
};

const userTypes = (sdl: string) =>
  Object.values(buildSchema(sdl).getTypeMap()).filter((type) => !type.name.startsWith('__'));

describe('the served schema', () => {
  it('holds every type, field, argument and enum value of the design contract, with the same types', () => {
    const served = new Set(userTypes(typeDefs).flatMap(signatures));
    const missing = userTypes(readFileSync(vendoredContract, 'utf8'))
      .flatMap(signatures)
      .filter((signature) => !served.has(signature));
    expect(missing).toEqual([]);
  });

  it('keeps the in-repository contract equal to the shared design one, when that is beside the clone', (context) => {
    if (!existsSync(sharedContract)) {
      console.warn(
        `schema contract: ${sharedContract} is absent; only docs/design/api-contract.graphql was checked`,
      );
      context.skip(`no shared design contract at ${sharedContract}`);
    }
    expect(readFileSync(vendoredContract, 'utf8')).toBe(readFileSync(sharedContract, 'utf8'));
  });

  it('names the operations the contract promises', () => {
    const schema = buildSchema(typeDefs);
    expect(Object.keys(schema.getQueryType()!.getFields())).toContain('usage');
    expect(Object.keys(schema.getMutationType()!.getFields())).toContain('recordGpuUsage');
  });
});
