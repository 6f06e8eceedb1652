export const ROLES = [
  'ADMIN',
  'ACCOUNT_MANAGER',
  'FINANCE',
  'METERING',
  'TENANT',
  'PARTNER',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
