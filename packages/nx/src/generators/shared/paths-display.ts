import { isAbsolute, relative } from 'node:path';

/** `abs` relative to the workspace root when it is inside it (`.git/modules/packages/x`), else absolute. */
export function displayPath(root: string, abs: string): string {
  const rel = relative(root, abs).split('\\').join('/');
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
