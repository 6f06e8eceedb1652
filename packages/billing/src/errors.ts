/** Bad input to the billing engine: names the field and says what is accepted. */
export class BillingInputError extends Error {
  readonly field: string;
  /** What was wrong and what is accepted, without the field. */
  readonly detail: string;

  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'BillingInputError';
    this.field = field;
    this.detail = detail;
  }
}

export function fail(field: string, message: string): never {
  throw new BillingInputError(field, message);
}

/**
 * Runs `parse` with field names relative to an item, and names the item only when it fails:
 * the hot paths (thousands of usage buckets) then build no field strings at all.
 */
export function within<T>(item: () => string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof BillingInputError) {
      throw new BillingInputError(error.field ? `${item()}.${error.field}` : item(), error.detail);
    }
    throw error;
  }
}
