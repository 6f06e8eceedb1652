export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

/** A refused command: `code` maps to the GraphQL error code, `message` says what is accepted. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** `field: expected <accepted>, got <value>` */
export function badInput(field: string, accepted: string, got: unknown): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    `${field}: expected ${accepted}, got ${describe(got)}`,
    field,
  );
}

export function notFound(message: string, field?: string): DomainError {
  return new DomainError('NOT_FOUND', message, field);
}

export function conflict(message: string, field?: string): DomainError {
  return new DomainError('CONFLICT', message, field);
}

/** The most characters of a client's text a message repeats: an id or a name, not a whole upload. */
export const MAX_SHOWN_CHARACTERS = 64;

const counted = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}`;

/**
 * A client's text as a message names it, unquoted (an id in `tenant <id> does not exist`): whole
 * up to 64 characters, else its first 64 and its length, so that a 100 KB input is not echoed.
 */
export function clip(text: string): string {
  return text.length <= MAX_SHOWN_CHARACTERS
    ? text
    : `${text.slice(0, MAX_SHOWN_CHARACTERS)}… (${counted(text.length, 'characters')})`;
}

/** A value a client sent, as `got <value>` shows it: strings quoted and clipped, lists by their length. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return value.length <= MAX_SHOWN_CHARACTERS
      ? JSON.stringify(value)
      : `${JSON.stringify(`${value.slice(0, MAX_SHOWN_CHARACTERS)}…`)} (${counted(value.length, 'characters')})`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (Array.isArray(value))
    return `a list of ${counted(value.length, value.length === 1 ? 'item' : 'items')}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
