/**
 * A generator's failure for people: `@mlws/nx: <what is wrong>: <the command that fixes it>`.
 * Nx prints a thrown error's first line as the title and adds "Pass --verbose to see the
 * stacktrace" when the error has a stack; a user mistake has no stack worth showing, so the stack
 * is dropped and Nx prints the one line alone (exit code 1).
 */
export class UserError extends Error {
  constructor(message: string) {
    super(`@mlws/nx: ${oneLine(message)}`);
    this.name = 'UserError';
    this.stack = '';
  }
}

export function userError(message: string): UserError {
  return new UserError(message);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
