import { DomainError, type DomainErrorCode } from '../errors.js';

/**
 * The DomainError `run` throws (of `code` when given); any other error is thrown on, and no error
 * at all fails the test.
 */
export function refusalOf(run: () => unknown, code?: DomainErrorCode): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && (code === undefined || error.code === code)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
