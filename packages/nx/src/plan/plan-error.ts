import { redactUrlsIn } from '../model/redact-url';

/**
 * A failure for people: `@mlws/nx: <what is wrong>: <the command that fixes it>`, one line (text
 * over several lines is folded), no URL with its credentials, and no stack: Nx prints the message
 * of a thrown error as its title and adds "Pass --verbose to see the stacktrace" only when the
 * error has a stack.
 */
export class PlanError extends Error {
  constructor(message: string) {
    super(`@mlws/nx: ${redactUrlsIn(message.replace(/^@mlws\/nx:\s*/, ''))}`);
    this.name = 'PlanError';
    this.stack = '';
  }
}

/** A PlanError with multi-line text folded into its one line. */
export function oneLineError(message: string): PlanError {
  return new PlanError(message.replace(/\s*\r?\n\s*/g, ' ').trim());
}
