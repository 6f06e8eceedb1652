import { useEffect, useRef, useState, type FormEvent } from 'react';
import { redeemLink, signIn, type Session } from '../api/session';
import { ErrorNote, Loading } from '../ui/feedback';

/** The code of a one-time link (`/#link=…`), taken out of the address bar at once. */
const takeLinkCode = (): string | undefined => {
  const match = /^#link=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (!match) return undefined;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
};

export const SignInPage = ({
  notice,
  onSignedIn,
}: {
  notice?: string;
  onSignedIn: (session: Session) => void;
}) => {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const linkCode = useRef<string | undefined>(undefined);
  const redeemed = useRef(false);

  useEffect(() => {
    if (redeemed.current) return;
    redeemed.current = true;
    linkCode.current = takeLinkCode();
    if (!linkCode.current) return;
    setBusy(true);
    redeemLink(linkCode.current).then(onSignedIn, (failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  }, [onSignedIn]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    signIn(token.trim()).then(onSignedIn, (failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };

  return (
    <div className="sign-in">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◷
          </span>
          Cadran
        </div>
        <h1 id="sign-in-title">Sign in to the console</h1>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <p className="muted">
          Open the one-time link from <code>pnpm cadran console-link --role ROLE</code>, or paste a
          bearer token (<code>pnpm cadran token --role ROLE</code>).
        </p>
        <div className="field">
          <label htmlFor="token">Bearer token</label>
          <textarea
            id="token"
            name="token"
            rows={4}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            required
          />
        </div>
        <ErrorNote error={error} />
        {busy ? <Loading what="Signing in" /> : null}
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
    </div>
  );
};
