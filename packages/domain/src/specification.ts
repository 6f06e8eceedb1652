import { expect } from 'vitest';
import { fold, type Decider } from './decider.js';
import { DomainError, type DomainErrorCode } from './errors.js';

/**
 * Given/when/then for deciders:
 * specification(decider).given(events).when(command).then(expectedEvents)
 * specification(decider).given(events).when(command).thenThrows('CONFLICT', /free/)
 */
export function specification<Command, State, Event>(decider: Decider<Command, State, Event>) {
  return {
    given(events: Event[] = []) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenState(check: (state: State) => void) {
              const produced = run();
              check(fold(decider, [...events, ...produced]));
            },
            thenThrows(code: DomainErrorCode, message?: RegExp) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown, 'expected the command to be refused').toBeInstanceOf(DomainError);
              const error = thrown as DomainError;
              expect(error.code).toBe(code);
              if (message) expect(error.message).toMatch(message);
            },
          };
        },
      };
    },
  };
}

/** Asserts that `promise` is refused with a DomainError of `code` whose message matches `message`. */
export async function expectRefused(
  promise: Promise<unknown>,
  code: DomainErrorCode,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(message);
}
