import type { ProcessDefinition, ProcessState } from '@amtsweg/definitions';
import { createProcessMachine } from './create-process-machine';
import type { ProcessMachine } from './create-process-machine';

/** A process ready to run cases: the machine plus the definition it was built from, indexed by state id. */
export interface CompiledProcess {
  readonly definition: ProcessDefinition;
  readonly machine: ProcessMachine;
  readonly states: ReadonlyMap<string, ProcessState>;
}

/**
 * Compiles a process once per published version; the result is immutable and shared by every case of that
 * version, so cache it next to the version's form validator.
 *
 * @example
 * const compiled = compileProcess(definition.process);
 * const started = startCase(compiled, submission, { now: new Date() });
 */
export function compileProcess(process: ProcessDefinition): CompiledProcess {
  return {
    definition: process,
    machine: createProcessMachine(process),
    states: new Map(process.states.map((state) => [state.id, state])),
  };
}
