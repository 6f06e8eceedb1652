import { useState, type ChangeEvent } from 'react';

/** A form's text values in one state, and the value and onChange of each field's input. */
export const useFormValues = <V extends Record<string, string>>(initial: V | (() => V)) => {
  const [values, setValues] = useState<V>(initial);
  const set = (patch: Partial<V>) => setValues((current) => ({ ...current, ...patch }));
  const bind = (key: keyof V & string) => ({
    value: values[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      set({ [key]: event.target.value } as Partial<V>),
  });
  /** The value and onChange of a select (SelectField). */
  const choose = (key: keyof V & string) => ({
    value: values[key],
    onChange: (value: string) => set({ [key]: value } as Partial<V>),
  });
  return { values, set, bind, choose };
};

/** The values that are not blank, trimmed: optional inputs the API takes only when given. */
export const filledIn = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
