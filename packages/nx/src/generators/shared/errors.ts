import { redactUrlsIn } from '../../model/redact-url';

/**
 * A generator's refusal for people: one line, prefixed `@mlws/nx:`, no stack trace. Nx prints the
 * message of a thrown error as its title and adds "Pass --verbose to see the stacktrace" only
 * when the error has a stack, so this error carries none.
 */
export class GeneratorError extends Error {
  constructor(message: string) {
    super(`@mlws/nx: ${redactUrlsIn(message.replace(/^@mlws\/nx:\s*/, ''))}`);
    this.name = 'GeneratorError';
    this.stack = '';
  }
}

/** Throws a GeneratorError. */
export function fail(message: string): never {
  throw new GeneratorError(message);
}

/** Several problems found while validating, reported together as one line each. */
export function failAll(problems: readonly string[]): void {
  if (problems.length === 1) fail(problems[0]);
  if (problems.length > 1) fail(problems.join('\n@mlws/nx: '));
}
