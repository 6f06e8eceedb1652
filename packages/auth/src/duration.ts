import { AuthError } from './auth-error.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
export const MAX_TOKEN_LIFETIME_SECONDS = 366 * 86_400;

/** '90s', '15m', '12h', '30d', '2w', or a number of seconds: a token lifetime in whole seconds. */
export const parseLifetime = (value: string | number, field = 'expiresIn'): number => {
  const accepted = `accepted: a positive whole number of seconds, or <number><s|m|h|d|w> such as '12h', up to 366d`;
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else {
    const match = /^(\d{1,9})\s*([smhdw])$/.exec(value.trim());
    if (match === null)
      throw new AuthError('BAD_USER_INPUT', `${field} '${value}' is not a duration; ${accepted}`);
    seconds = Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new AuthError('BAD_USER_INPUT', `${field} ${String(value)} is out of range; ${accepted}`);
  }
  return seconds;
};
