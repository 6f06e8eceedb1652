import type { z } from 'zod';
import { DomainError, describe } from './errors.js';

/** Validates with a zod schema; the first issue becomes a BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
    .filter((p) => p !== '')
    .join('.')
    .replace(/\.\[/g, '[');
  const field = path === '' ? 'input' : path;
  const message = issue.code === 'custom' ? issue.message : zodMessage(issue, input);
  throw new DomainError('BAD_USER_INPUT', `${field}: ${message}`, field);
}

function zodMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    const got = issue.path.reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined,
      input,
    );
    return `expected ${issue.expected === 'array' ? 'a list' : issue.expected}, got ${describe(got)}`;
  }
  return issue.message;
}
