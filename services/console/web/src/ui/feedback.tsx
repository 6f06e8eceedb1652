import type { ReactNode } from 'react';

/** The server's refusal, in place, as it said it (it names what is wrong and what is accepted). */
export const ErrorNote = ({ error }: { error: unknown }) => {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  return (
    <p className="error" role="alert">
      {code && code !== 'ERROR' ? <span className="code">{code}</span> : null}
      {message}
    </p>
  );
};

export const Loading = ({ what = 'Loading' }: { what?: string }) => (
  <p className="muted" role="status" aria-live="polite">
    {what}…
  </p>
);

export const Done = ({ children }: { children: ReactNode }) => (
  <p className="done" role="status">
    {children}
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

export const Badge = ({ tone, children }: { tone: string; children: ReactNode }) => (
  <span className={`badge badge-${tone}`}>{children}</span>
);

export const statusTone = (status: string) =>
  ({
    SIGNED: 'ok',
    ISSUED: 'ok',
    DRAFT: 'draft',
    TERMINATED: 'off',
    PARTIALLY_ISSUED: 'warn',
    EMPTY: 'off',
  })[status] ?? 'off';
