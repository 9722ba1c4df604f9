import { appendToTomlArray, removeFromTomlArray } from './array';
import { deleteTomlValue } from './delete';
import { setTomlValue } from './set';
import type { TomlEdit } from './types';

/** Applies edits in order; each one is checked like a single call. Throws on the first that fails. */
export function editToml(text: string, edits: readonly TomlEdit[]): string {
  return edits.reduce((current, edit) => {
    switch (edit.op) {
      case 'set':
        return setTomlValue(current, edit.path, edit.value);
      case 'delete':
        return deleteTomlValue(current, edit.path);
      case 'append':
        return appendToTomlArray(current, edit.path, edit.value);
      case 'remove':
        return removeFromTomlArray(current, edit.path, edit.match);
    }
  }, text);
}
