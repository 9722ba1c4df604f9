import { deleteData, pruneEmpty } from './data-edit';
import { TomlEditError } from './errors';
import { guardedEdit } from './guard';
import { findInlineUnder, locate } from './locate';
import { blockRange, keyValueRange, removeOwned, removeRanges, type Range } from './remove';
import { scanToml } from './scan';
import type { TomlPath } from './types';
import { getIn, isPrefix } from './values';

/**
 * Removes what `path` names: a key (with its line when it owns the line), an inline-table field, an
 * array item, a whole table with its sub-tables, or an element of an array of tables. A path that does
 * not exist leaves the text unchanged.
 */
export function deleteTomlValue(text: string, path: TomlPath): string {
  return guardedEdit(
    text,
    'delete',
    path,
    () => deleteIn(text, path),
    (before) => {
      if (getIn(before, path) === undefined) return before;
      const deleted = deleteData(before, path);
      return [deleted, pruneEmpty(deleted, path.slice(0, -1))];
    },
  );
}

/** {@link deleteTomlValue} without the guard (for composite edits). */
export function deleteIn(text: string, path: TomlPath): string {
  if (path.length === 0) throw new TomlEditError('cannot delete (root): the root is the document');
  const doc = scanToml(text);
  const hit = locate(doc, path);
  if (hit.kind === 'value') return removeOwned(doc, hit.owner);
  if (hit.kind === 'table' || hit.kind === 'table-array') return removeTable(text, path);
  return text;
}

/**
 * Removes a table written in any mix of forms: dotted fields inside inline tables first, then, from one
 * scan (array-table indices shift after a cut), every block and `key = value` line below `path`.
 */
function removeTable(text: string, path: TomlPath): string {
  for (let owner = findInlineUnder(scanToml(text), path); owner; owner = findInlineUnder(scanToml(text), path)) {
    text = removeOwned(scanToml(text), owner);
  }
  const doc = scanToml(text);
  const ranges: Range[] = [];
  doc.tables.forEach((table, index) => {
    if (table.kind !== 'root' && isPrefix(path, table.path)) ranges.push(blockRange(doc, index));
    else
      for (const kv of table.entries)
        if (isPrefix(path, [...table.path, ...kv.key.parts])) ranges.push(keyValueRange(doc, kv));
  });
  return removeRanges(text, ranges);
}
