import { ROLES, isRole, type Role } from './roles.js';

export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly tenantId?: string;
  readonly partnerId?: string;
}

export interface PrincipalInput {
  readonly subject: unknown;
  readonly role: unknown;
  readonly tenantId: unknown;
  readonly partnerId: unknown;
}

/** How each field is called where the input came from: JWT claims, or CLI flags. */
export interface FieldNames {
  readonly subject: string;
  readonly role: string;
  readonly tenantId: string;
  readonly partnerId: string;
}

export const CLAIM_NAMES: FieldNames = {
  subject: 'sub',
  role: 'role',
  tenantId: 'tenantId',
  partnerId: 'partnerId',
};

const MAX_ID_LENGTH = 256;

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_ID_LENGTH;

const describe = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : typeof value;

/**
 * The one rule for role and scope, shared by token issuing and token verification:
 * TENANT carries exactly a tenantId, PARTNER exactly a partnerId, every other role neither,
 * so that a principal's scope is never ambiguous.
 * Returns the principal, or a sentence saying what is wrong and what is accepted.
 */
export const toPrincipal = (
  input: PrincipalInput,
  names: FieldNames = CLAIM_NAMES,
): { ok: true; principal: Principal } | { ok: false; problem: string } => {
  const idRule = `a non-empty string of at most ${MAX_ID_LENGTH} characters`;
  if (input.role === undefined) {
    return { ok: false, problem: `${names.role} is missing; accepted: ${ROLES.join(', ')}` };
  }
  if (!isRole(input.role)) {
    return {
      ok: false,
      problem: `${names.role} ${describe(input.role)} is not accepted; accepted: ${ROLES.join(', ')}`,
    };
  }
  const role = input.role;
  if (!isId(input.subject)) {
    return {
      ok: false,
      problem: `${names.subject} must be ${idRule}, got ${describe(input.subject)}`,
    };
  }
  if (role === 'TENANT' && !isId(input.tenantId)) {
    return {
      ok: false,
      problem: `role TENANT requires ${names.tenantId}, ${idRule}, got ${describe(input.tenantId)}`,
    };
  }
  if (role === 'PARTNER' && !isId(input.partnerId)) {
    return {
      ok: false,
      problem: `role PARTNER requires ${names.partnerId}, ${idRule}, got ${describe(input.partnerId)}`,
    };
  }
  if (role !== 'TENANT' && input.tenantId !== undefined) {
    return {
      ok: false,
      problem: `${names.tenantId} is accepted only with role TENANT, not ${role}`,
    };
  }
  if (role !== 'PARTNER' && input.partnerId !== undefined) {
    return {
      ok: false,
      problem: `${names.partnerId} is accepted only with role PARTNER, not ${role}`,
    };
  }
  const principal: Principal = {
    subject: input.subject,
    role,
    ...(role === 'TENANT' ? { tenantId: input.tenantId as string } : {}),
    ...(role === 'PARTNER' ? { partnerId: input.partnerId as string } : {}),
  };
  return { ok: true, principal };
};
