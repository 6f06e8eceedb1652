import type { Role } from './api/session';

/** What each role is shown; the API enforces the same table (docs/api.md), this only hides. */
export const canManageContracts = (role: Role) => role === 'ADMIN' || role === 'ACCOUNT_MANAGER';
export const canRunInvoicing = (role: Role) => role === 'ADMIN' || role === 'FINANCE';
export const readsEverything = (role: Role) =>
  role === 'ADMIN' || role === 'ACCOUNT_MANAGER' || role === 'FINANCE';
export const isCustomer = (role: Role) => role === 'TENANT' || role === 'PARTNER';

export const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'Administrator',
  ACCOUNT_MANAGER: 'Account manager',
  FINANCE: 'Finance',
  METERING: 'Metering',
  TENANT: 'Tenant',
  PARTNER: 'Partner',
};
