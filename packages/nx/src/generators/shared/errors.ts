import { oneLineError, PlanError } from '../../plan/plan-error';

/**
 * A generator's refusal for people: one line, prefixed `@mlws/nx:`, no URL with its credentials,
 * no stack trace (see PlanError: the plan engine's failures are the same kind of error).
 */
export class GeneratorError extends PlanError {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

/** Throws a GeneratorError. */
export function fail(message: string): never {
  throw new GeneratorError(message);
}

/**
 * A generator's failure for people: `@mlws/nx: <what is wrong>: <the command that fixes it>`, one
 * line, no stack. Multi-line text is folded into that one line.
 */
export function userError(message: string): GeneratorError {
  return new GeneratorError(oneLineError(message).message);
}

/** Several problems found while validating, reported together as one line each. */
export function failAll(problems: readonly string[]): void {
  if (problems.length === 1) fail(problems[0]);
  if (problems.length > 1) fail(problems.join('\n@mlws/nx: '));
}
