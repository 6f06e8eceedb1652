import { queryWith, setToken } from './graphql';

export type Role = 'ADMIN' | 'ACCOUNT_MANAGER' | 'FINANCE' | 'METERING' | 'TENANT' | 'PARTNER';
export type Viewer = {
  subject: string;
  role: Role;
  tenantId: string | null;
  partnerId: string | null;
};
export type Session = { token: string; viewer: Viewer };

/** sessionStorage: the token lives as long as the tab, never in a cookie sent elsewhere. */
const KEY = 'cadran.session';

export const savedSession = (): Session | undefined => {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    setToken(session.token);
    return session;
  } catch {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
};

/** Asks the API who the token is (it refuses a bad one), then keeps it for this tab. */
export const signIn = async (token: string): Promise<Session> => {
  const { viewer } = await queryWith<{ viewer: Viewer }>(
    token,
    '{ viewer { subject role tenantId partnerId } }',
  );
  const session = { token, viewer };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  setToken(token);
  return session;
};

/** Exchanges a one-time link's code (it works once) for a token, then signs in with it. */
export const redeemLink = async (code: string): Promise<Session> => {
  const response = await fetch('/console/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    token?: string;
    error?: { message: string };
  };
  if (!response.ok || !body.token)
    throw new Error(
      body.error?.message ?? `the sign-in link was refused (HTTP ${response.status})`,
    );
  return signIn(body.token);
};

export const signOut = () => {
  sessionStorage.removeItem(KEY);
  setToken(undefined);
};
