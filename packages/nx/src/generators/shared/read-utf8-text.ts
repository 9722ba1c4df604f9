import type { Tree } from '@nx/devkit';
import { decodeUtf8 } from '../../model/utf8';
import { GeneratorError } from './errors';

/**
 * The text of a file the generators read to edit (pyproject.toml, .gitmodules, .gitignore, …;
 * null when there is none). A file that is not UTF-8 stops the generator in one line naming it,
 * before anything is written: decoding it would turn its other bytes into U+FFFD when the edit is
 * written back.
 */
export function readUtf8Text(tree: Tree, file: string): string | null {
  const bytes = tree.read(file);
  return bytes === null ? null : decodeUtf8(file, bytes, (message) => new GeneratorError(message));
}
