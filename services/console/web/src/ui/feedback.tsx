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

/** A status as the API names it (PARTIALLY_ISSUED), in a badge of its tone: "partially issued". */
export const StatusBadge = ({ status, tone }: { status: string; tone?: string }) => (
  <Badge tone={tone ?? statusTone(status)}>{status.toLowerCase().replaceAll('_', ' ')}</Badge>
);

/** The page of a thing the viewer may not see, or that does not exist: the same answer for both. */
export const NotFound = ({ what, id }: { what: string; id: string }) => (
  <section className="page">
    <h1>{what} not found</h1>
    <p className="muted">
      No {what.toLowerCase()} {id} exists among those you may see.
    </p>
  </section>
);
