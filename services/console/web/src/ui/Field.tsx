import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled input; the label's `for` ties it to the input for screen readers and clicks. */
export const Field = ({
  label,
  hint,
  id,
  ...input
}: { label: string; hint?: ReactNode; id: string } & InputHTMLAttributes<HTMLInputElement>) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    <input id={id} name={id} {...input} />
    {hint ? <small className="muted">{hint}</small> : null}
  </div>
);

export const SelectField = ({
  label,
  id,
  value,
  onChange,
  options,
}: {
  label: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    <select id={id} name={id} value={value} onChange={(event) => onChange(event.target.value)}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  </div>
);
