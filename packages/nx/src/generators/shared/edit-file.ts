import { TomlEditError } from '../../toml';
import { userError } from './errors';

/** Runs a pyproject edit; a refused edit becomes one line naming the file. */
export function editPyproject(file: string, text: string, edit: (text: string) => string): string {
  try {
    return edit(text);
  } catch (e) {
    if (e instanceof TomlEditError)
      throw userError(`${file}: ${e.message}: fix ${file} by hand, then run the generator again`);
    throw e;
  }
}
