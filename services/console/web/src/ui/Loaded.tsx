import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNote, Loading, NotFound } from './feedback';

/** A read's data once it came; until then that it is loading, or the server's refusal. */
export const Loaded = <T,>({
  read,
  what,
  children,
}: {
  read: UseQueryResult<T>;
  what?: string;
  children: (data: T) => ReactNode;
}) => {
  if (read.data === undefined)
    return read.error ? <ErrorNote error={read.error} /> : <Loading what={what} />;
  return (
    <>
      <ErrorNote error={read.error} />
      {children(read.data)}
    </>
  );
};

/** The page of one thing read by its id: loading, the refusal, not found, or the thing. */
export const LoadedOne = <Data, Found>({
  read,
  what,
  id,
  pick,
  children,
}: {
  read: UseQueryResult<Data>;
  /** What it is, capitalised: "Contract". */
  what: string;
  id: string;
  pick: (data: Data) => Found | null;
  children: (found: Found) => ReactNode;
}) => (
  <Loaded read={read} what={`Loading the ${what.toLowerCase()}`}>
    {(data) => {
      const found = pick(data);
      return found ? children(found) : <NotFound what={what} id={id} />;
    }}
  </Loaded>
);
