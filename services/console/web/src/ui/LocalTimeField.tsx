import { useState } from 'react';
import { instantOf } from '../format';
import { Field } from './Field';

export type LocalTime = {
  zone: string;
  local: string;
  setLocal: (value: string) => void;
  instant: () => string;
};

/** A wall-clock time typed in a given IANA zone (the contract's or the site's), sent as an instant. */
export const useLocalTime = (zone: string): LocalTime => {
  const [local, setLocal] = useState('');
  return { zone, local, setLocal, instant: () => (local ? instantOf(local, zone) : '') };
};

export const LocalTimeField = ({
  id,
  label,
  when,
  hint,
}: {
  id: string;
  label: string;
  when: LocalTime;
  hint?: string;
}) => (
  <Field
    id={id}
    label={`${label} (${when.zone})`}
    type="datetime-local"
    value={when.local}
    onChange={(event) => when.setLocal(event.target.value)}
    required={hint === undefined}
    hint={hint}
  />
);
