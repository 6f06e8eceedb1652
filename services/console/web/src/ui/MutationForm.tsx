import type { FormEvent, ReactNode } from 'react';
import { useWrite } from '../api/hooks';
import { Done, ErrorNote } from './feedback';

/**
 * A form that sends one write and shows, in place, the server's refusal or what was done. The
 * reads after it wait for the write's position (useWrite), so the page around shows it at once.
 */
export const MutationForm = <T,>({
  title,
  submitLabel,
  mutation,
  variables,
  done,
  onDone,
  disabled,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The GraphQL mutation's text. */
  mutation: string;
  /** Its variables, read from the form's state when it is sent. */
  variables: () => Record<string, unknown>;
  /** What to say once it is done, from the server's answer. */
  done?: (answer: T) => ReactNode;
  onDone?: (answer: T) => void;
  /** Nothing to send (the fields say why): no button; what was done stays said. */
  disabled?: boolean;
  children?: ReactNode;
}) => {
  const write = useWrite<T, Record<string, unknown>>(mutation);
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate(variables(), { onSuccess: onDone });
  };
  const said = write.data !== undefined && done ? done(write.data) : undefined;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <ErrorNote error={write.error} />
      {said && !write.error && !write.isPending ? <Done>{said}</Done> : null}
      <div className="actions" hidden={disabled}>
        <button type="submit" disabled={disabled || write.isPending}>
          {write.isPending ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  );
};
