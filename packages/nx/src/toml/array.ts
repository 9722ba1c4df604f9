import { createMissing, appendTableArrayElement, insertTableArray } from './create';
import { assertTomlValue } from './check-value';
import { appendData, filterData, pruneEmpty } from './data-edit';
import { describeNode } from './describe';
import { deleteIn } from './delete';
import { TomlEditError, formatPath } from './errors';
import { formatValue } from './format-value';
import { guardedEdit } from './guard';
import { arrayList, insertItem } from './list';
import { locate } from './locate';
import { scanToml } from './scan';
import { arrayItemStyle } from './style';
import type { TomlPath, TomlValue } from './types';
import { getIn, isPlainObject } from './values';

/**
 * Appends an item, following the array's layout: a multi-line array gets a new line with the same
 * indent and trailing-comma habit, a one-line array stays one line. On an array of tables (`[[x]]`)
 * the item (a table) becomes a new `[[x]]` block after the last one. A missing array is created:
 * `[[path]]` for a table item, `key = [item]` otherwise.
 */
export function appendToTomlArray(text: string, path: TomlPath, value: TomlValue): string {
  assertTomlValue(value, 'append to', path);
  return guardedEdit(
    text,
    'append to',
    path,
    () => appendIn(text, path, value),
    (before) => appendData(before, path, value),
  );
}

/** {@link appendToTomlArray} without the guard (for composite edits). */
export function appendIn(text: string, path: TomlPath, value: TomlValue): string {
  const doc = scanToml(text);
  const hit = locate(doc, path);
  const fail = (why: string): never => {
    throw new TomlEditError(`cannot append to ${formatPath(path)}: ${why}`);
  };
  switch (hit.kind) {
    case 'value': {
      const node = hit.node;
      if (node.type !== 'array') return fail(`${formatPath(path)} is ${describeNode(text, node)}`);
      const style = arrayItemStyle(text, node);
      return insertItem(
        text,
        doc.eol,
        arrayList(node),
        formatValue(value, style, [...path, node.items.length]),
        style.sep,
        '',
      );
    }
    case 'table-array':
      if (!isPlainObject(value)) return fail(`${formatPath(path)} is an array of tables and the item is not a table`);
      return appendTableArrayElement(doc, hit.tables, value);
    case 'table':
      return fail(`${formatPath(path)} is a table`);
    case 'blocked':
      return fail(`${formatPath(hit.at)} is ${hit.what}`);
    case 'missing':
      if (isPlainObject(value) && hit.container.kind === 'table' && path.every((p) => typeof p === 'string')) {
        return insertTableArray(doc, path as string[], value);
      }
      return createMissing(doc, hit, [value], path);
  }
}

/** Removes every item for which `match` (given the parsed item) is true. A missing array is left alone. */
export function removeFromTomlArray(text: string, path: TomlPath, match: (item: unknown) => boolean): string {
  const keep = (item: unknown): boolean => !match(item);
  return guardedEdit(
    text,
    'remove from',
    path,
    (before) => {
      const current = getIn(before, path);
      if (current === undefined) return text;
      if (!Array.isArray(current))
        throw new TomlEditError(`cannot remove from ${formatPath(path)}: ${formatPath(path)} is not an array`);
      let out = text;
      for (let i = current.length - 1; i >= 0; i--) if (match(current[i])) out = deleteIn(out, [...path, i]);
      return out;
    },
    (before) => {
      const filtered = filterData(before, path, keep);
      return [filtered, pruneEmpty(filtered, path)];
    },
  );
}
