import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A labelled input; the label's `for` ties it to the input for screen readers and clicks. Inline,
 * the label stands beside the input (a filter in a panel's head).
 */
export const Field = ({
  label,
  hint,
  id,
  inline,
  ...input
}: {
  label: string;
  hint?: ReactNode;
  id: string;
  inline?: boolean;
} & InputHTMLAttributes<HTMLInputElement>) => (
  <div className={inline ? 'inline' : 'field'}>
    <label htmlFor={id}>{label}</label>
    <input id={id} name={id} {...input} />
    {hint ? <small className="muted">{hint}</small> : null}
  </div>
);

/** A month (YYYY-MM) to look at; the browser's month picker, which names the month in full. */
export const MonthField = ({
  id,
  value,
  onChange,
  inline,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}) => (
  <Field
    id={id}
    label="Month"
    type="month"
    value={value}
    onChange={(event) => onChange(event.target.value)}
    inline={inline}
  />
);

type InputProps = {
  label: string;
  hint?: ReactNode;
  id: string;
} & InputHTMLAttributes<HTMLInputElement>;

/** A whole number (GPUs, days). */
export const CountField = (props: InputProps) => (
  <Field type="number" inputMode="numeric" step={1} min={0} {...props} />
);

/** A decimal typed as the API takes it: a point, no thousands separator. */
export const DecimalField = (props: InputProps) => <Field inputMode="decimal" {...props} />;

/** The status a list is filtered on, among those given ('' stands for all of them). */
export const StatusFilter = ({
  value,
  onChange,
  statuses,
}: {
  value: string;
  onChange: (value: string) => void;
  statuses: string[];
}) => (
  <SelectField
    id="status-filter"
    label="Status"
    value={value}
    onChange={onChange}
    options={statuses.map((status) => ({
      value: status,
      label: status ? status.charAt(0) + status.slice(1).toLowerCase() : 'All',
    }))}
  />
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
