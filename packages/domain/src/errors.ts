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

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
