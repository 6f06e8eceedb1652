import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mutate, query } from './graphql';

/** A read, cached by its text and variables; refetched after every write of this browser. */
export const useRead = <T>(text: string, variables?: Record<string, unknown>, enabled = true) =>
  useQuery({
    queryKey: [text, variables ?? {}],
    queryFn: () => query<T>(text, variables),
    enabled,
  });

/** A write; once it answers, every read is marked stale and refetched at its position or later. */
export const useWrite = <T, V extends Record<string, unknown>>(text: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => mutate<T>(text, variables),
    onSuccess: () => client.invalidateQueries(),
  });
};
