/** Bad input to the billing engine: names the field and says what is accepted. */
export class BillingInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'BillingInputError';
    this.field = field;
  }
}

export function fail(field: string, message: string): never {
  throw new BillingInputError(field, message);
}
