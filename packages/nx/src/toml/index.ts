/**
 * Format-preserving TOML edits for pyproject.toml: comments, order, quoting and spacing outside the
 * edited value stay byte for byte. Reading is done with smol-toml; see docs/toml-editing.md.
 */
export type { TomlEdit, TomlPath, TomlValue } from './types';
export { TomlEditError } from './errors';
export { setTomlValue } from './set';
export { deleteTomlValue } from './delete';
export { appendToTomlArray, removeFromTomlArray } from './array';
export { editToml } from './edit';
