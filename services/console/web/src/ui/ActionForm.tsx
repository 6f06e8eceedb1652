import type { FormEvent, ReactNode } from 'react';
import { Done, ErrorNote } from './feedback';

/** A form that sends one write and shows, in place, the server's refusal or what was done. */
export const ActionForm = ({
  title,
  submitLabel,
  onSubmit,
  pending,
  error,
  done,
  children,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  done?: ReactNode;
  children?: ReactNode;
}) => {
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <ErrorNote error={error} />
      {done && !error && !pending ? <Done>{done}</Done> : null}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  );
};
