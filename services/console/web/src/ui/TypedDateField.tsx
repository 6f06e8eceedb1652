import { useState } from 'react';
import { instantOf } from '../format';
import { DATE_FORMAT, parseTypedDate, typedDateOf, type DateKind } from '../typed-dates';
import { Field } from './Field';

export type TypedDate = {
  kind: DateKind;
  /** The IANA zone the date is read in (the contract's, the site's or the operator's). */
  zone: string;
  text: string;
  setText: (text: string) => void;
  /** YYYY-MM-DD or YYYY-MM-DDTHH:mm; undefined while the text is empty or not a date. */
  local: string | undefined;
  /** The last value typed in full (or the initial one): what a page shows while the next is typed. */
  settled: string | undefined;
  /** The UTC instant of a date and time in its zone; empty while there is none. */
  instant: () => string;
};

/** A date typed as text in a zone, starting at a wall-clock value when one is given. */
export const useTypedDate = (kind: DateKind, zone: string, initial?: string): TypedDate => {
  const [text, setText] = useState(() => (initial ? typedDateOf(initial) : ''));
  const local = parseTypedDate(text, kind);
  const [settled, setSettled] = useState(initial);
  if (local !== undefined && local !== settled) setSettled(local);
  return {
    kind,
    zone,
    text,
    setText,
    local,
    settled,
    instant: () => (local && kind === 'dateTime' ? instantOf(local, zone) : ''),
  };
};

/**
 * The field of a typed date: the format is said beside it, and the browser refuses to send a
 * form while the text is not a date.
 */
export const TypedDateField = ({
  id,
  label,
  when,
  optional,
  inline,
}: {
  id: string;
  label: string;
  when: TypedDate;
  /** Said after the format when the date may be left empty (for example "empty: open-ended"). */
  optional?: string;
  inline?: boolean;
}) => {
  const format = DATE_FORMAT[when.kind];
  const wrong = when.text.trim() !== '' && when.local === undefined;
  return (
    <Field
      id={id}
      label={`${label} (${when.zone})`}
      value={when.text}
      onChange={(event) => {
        event.target.setCustomValidity(
          parseTypedDate(event.target.value, when.kind) || event.target.value.trim() === ''
            ? ''
            : `Write the date as ${format}, for example ${when.kind === 'date' ? '31/03/2026' : '31/03/2026 23:59'}.`,
        );
        when.setText(event.target.value);
      }}
      placeholder={format}
      autoComplete="off"
      spellCheck={false}
      aria-invalid={wrong}
      required={optional === undefined && !inline}
      hint={inline ? undefined : optional ? `${format}; ${optional}` : format}
      inline={inline}
      size={when.kind === 'date' ? 10 : 16}
    />
  );
};
