import type { ReactNode } from 'react';

export type Fact = { term: ReactNode; value: ReactNode; strong?: boolean };

/** Named values side by side (a contract's terms, a batch's totals); a false entry is left out. */
export const Facts = ({
  facts,
  totals,
}: {
  facts: (Fact | false | null | undefined)[];
  totals?: boolean;
}) => (
  <dl className={totals ? 'facts totals' : 'facts'}>
    {facts.map((fact, index) =>
      fact ? (
        <div key={index}>
          <dt>{fact.term}</dt>
          <dd className={fact.strong ? 'strong' : undefined}>{fact.value}</dd>
        </div>
      ) : null,
    )}
  </dl>
);
