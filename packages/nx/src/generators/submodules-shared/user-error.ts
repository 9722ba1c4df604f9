import { GeneratorError } from '../shared/errors';

/**
 * A generator's failure for people: `@mlws/nx: <what is wrong>: <the command that fixes it>`, one
 * line, no stack (see GeneratorError). Multi-line text is folded into that one line.
 */
export function userError(message: string): GeneratorError {
  return new GeneratorError(message.replace(/\s*\r?\n\s*/g, ' ').trim());
}
