import { Command, Decider, Event, fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

type ErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * given(events).when(command).then(events) or .thenThrows(ErrorClass): the form every decider
 * spec takes, so a rule reads as the sentence a coordinator would say.
 */
export const DeciderSpecification = {
  for: <C extends Command, E extends Event, S>(decider: Decider<C, E, S>) => ({
    given: (events: readonly E[]) => ({
      when: (command: C) => {
        const run = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected: readonly E[]) => {
            expect(run()).toEqual(expected);
          },
          thenThrows: (errorClass: ErrorClass, code?: string) => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (code !== undefined) expect((thrown as DomainError).code).toBe(code);
          },
        };
      },
    }),
  }),
};
