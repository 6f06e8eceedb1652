import type { Plugin } from 'graphql-yoga';
import { apiError } from './errors.js';

export const MIN_POSITION_HEADER = 'x-cadran-min-position';
export const DEFAULT_MAX_WAIT_MS = 5_000;

/** -1 is the position before the first event: what a write that wrote nothing answers. */
const POSITION = /^(-1|\d{1,19})$/;

/** The position a request asks the read models to have reached, if it asks. */
export const minPositionOf = (header: string | null): bigint | null => {
  if (header === null) return null;
  const text = header.trim();
  if (!POSITION.test(text)) {
    throw apiError(
      'BAD_USER_INPUT',
      `header ${MIN_POSITION_HEADER}: expected a log position (digits, as in a mutation's extensions.position), got ${JSON.stringify(text.slice(0, 40))}`,
      { status: 400 },
    );
  }
  return text === '-1' ? null : BigInt(text);
};

export const waitOrRefuse = async (
  awaitPosition: (position: bigint, timeoutMs: number) => Promise<boolean>,
  position: bigint,
  timeoutMs: number,
): Promise<void> => {
  if (await awaitPosition(position, timeoutMs)) return;
  throw apiError(
    'READ_MODEL_BEHIND',
    `the read models have not reached position ${position} within ${timeoutMs} ms; retry later, or without ${MIN_POSITION_HEADER} to read what is there`,
    { headers: { 'Retry-After': '1' } },
  );
};

/** Puts the greatest position a mutation wrote into the response's `extensions.position` (a string). */
export const usePositionExtension = (): Plugin<{ writtenPosition?: () => bigint | null }> => ({
  onExecute: ({ args }) => ({
    onExecuteDone: ({ result, setResult }) => {
      const position = args.contextValue.writtenPosition?.() ?? null;
      if (position === null || !('data' in result)) return;
      setResult({ ...result, extensions: { ...result.extensions, position: position.toString() } });
    },
  }),
});
