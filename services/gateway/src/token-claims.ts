/**
 * The numeric claims of the token in an Authorization header, read without verifying it: only for
 * a token whose signature was just verified. A claim that is missing or not a number is absent.
 */
export const numericClaims = (header: string): { exp?: number; iat?: number } => {
  const payload = header.trim().split(/\s+/)[1]?.split('.')[1];
  try {
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
      iat?: unknown;
    };
    return {
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
      ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}),
    };
  } catch {
    return {};
  }
};
