/** Creating what a path names when it does not exist yet. */
import type { TableNode, TomlDocument } from './cst';
import { TomlEditError, formatPath } from './errors';
import { formatKeyPath } from './format-key';
import { formatValue } from './format-value';
import { insertBlockAfter, insertInlineField, insertKeyValue, insertTableBlock } from './insert';
import { arrayList, insertItem } from './list';
import type { Container } from './locate';
import { scanToml } from './scan';
import { arrayItemStyle, keyValueLine } from './style';
import type { TomlPath, TomlValue } from './types';
import { isPlainObject, isPrefix, wrapValue } from './values';

type Missing = { readonly container: Container; readonly rest: TomlPath };

/** Writes `value` at `path`, below the deepest container that exists. */
export function createMissing(doc: TomlDocument, missing: Missing, value: TomlValue, path: TomlPath): string {
  const { container, rest } = missing;
  const inner = (from: number): TomlValue => wrapOrThrow(rest.slice(from), value, path);
  switch (container.kind) {
    case 'array': {
      const style = arrayItemStyle(doc.text, container.node);
      return insertItem(
        doc.text,
        doc.eol,
        arrayList(container.node),
        formatValue(inner(1), style, path),
        style.sep,
        '',
      );
    }
    case 'inline':
      return insertInlineField(doc, container.node, rest[0] as string, inner(1));
    case 'table-array': {
      const element = inner(1);
      if (!isPlainObject(element))
        throw new TomlEditError(`cannot set ${formatPath(path)}: an array of tables holds tables`);
      return appendTableArrayElement(doc, container.tables, element);
    }
    case 'table':
      return createInTable(doc, container.table, rest, value, path);
  }
}

function wrapOrThrow(rest: TomlPath, value: TomlValue, path: TomlPath): TomlValue {
  const wrapped = wrapValue(rest, value);
  if (wrapped === undefined)
    throw new TomlEditError(`cannot set ${formatPath(path)}: a new array can only start at index 0`);
  return wrapped;
}

function hasNestedTable(v: unknown): boolean {
  return isPlainObject(v) && Object.values(v).some(isPlainObject);
}

/**
 * Below an existing table: one key → a `key = value` line; several keys → a dotted key next to its
 * dotted siblings, else a new `[table]`. An object becomes a table of its own when it holds tables
 * (or sits at the root); otherwise it is written as an inline table.
 */
function createInTable(doc: TomlDocument, table: TableNode, rest: TomlPath, value: TomlValue, path: TomlPath): string {
  const firstIndex = rest.findIndex((p) => typeof p === 'number');
  if (firstIndex === 0) throw new TomlEditError(`cannot set ${formatPath(path)}: ${formatPath(table.path)} is a table`);
  const keys = (firstIndex < 0 ? rest : rest.slice(0, firstIndex)) as string[];
  const v = firstIndex < 0 ? value : wrapOrThrow(rest.slice(firstIndex), value, path);

  if (table.path.some((p) => typeof p === 'number')) {
    // inside an element of an array of tables: no new headers, nest inline instead
    return insertKeyValue(doc, table, [keys[0]], wrapOrThrow(keys.slice(1), v, path));
  }
  if (isPlainObject(v) && (hasNestedTable(v) || (table.kind === 'root' && keys.length === 1))) {
    return insertTables(doc, [...(table.path as string[]), ...keys], v);
  }
  if (keys.length === 1) return insertKeyValue(doc, table, keys, v);
  const parentKeys = keys.slice(0, -1);
  const siblings = table.entries.filter((e) => e.key.parts.length >= keys.length && isPrefix(parentKeys, e.key.parts));
  if (siblings.length > 0) return insertKeyValue(doc, table, keys, v, siblings[siblings.length - 1]);
  const tablePath = [...(table.path as string[]), ...parentKeys];
  return insertTableBlock(doc, tablePath, `[${formatKeyPath(tablePath)}]`, [
    keyValueLine(doc, null, formatKeyPath(keys.slice(-1)), formatValue(v, undefined, path)),
  ]);
}

/** New `[path]` blocks for an object: its plain keys in one block, sub-objects holding tables in their own. */
function insertTables(doc: TomlDocument, path: readonly string[], value: Readonly<Record<string, TomlValue>>): string {
  const own = Object.entries(value).filter(([, v]) => !hasNestedTable(v));
  const subs = Object.entries(value).filter(([, v]) => hasNestedTable(v));
  let text = doc.text;
  if (own.length > 0 || subs.length === 0) {
    const lines = own.map(([k, v]) =>
      keyValueLine(doc, null, formatKeyPath([k]), formatValue(v, undefined, [...path, k])),
    );
    text = insertTableBlock(doc, path, `[${formatKeyPath(path)}]`, lines);
  }
  for (const [k, v] of subs) text = insertTables(scanToml(text), [...path, k], v as Record<string, TomlValue>);
  return text;
}

/** A new `[[path]]` block after the last element (and its sub-tables), headed like the existing ones. */
export function appendTableArrayElement(
  doc: TomlDocument,
  elements: readonly TableNode[],
  value: Readonly<Record<string, TomlValue>>,
): string {
  const last = elements[elements.length - 1];
  let index = doc.tables.indexOf(last);
  while (index + 1 < doc.tables.length && isPrefix(last.path, doc.tables[index + 1].path)) index++;
  const header = doc.text.slice(last.start, last.headerEnd);
  const model = last.entries[last.entries.length - 1] ?? null;
  const arrayPath = last.path.slice(0, -1);
  const lines = Object.entries(value).map(([k, v]) =>
    keyValueLine(doc, model, formatKeyPath([k]), formatValue(v, undefined, [...arrayPath, k])),
  );
  return insertBlockAfter(doc, index, [header, ...lines]);
}

/** A first `[[path]]` block. */
export function insertTableArray(
  doc: TomlDocument,
  path: readonly string[],
  value: Readonly<Record<string, TomlValue>>,
): string {
  const lines = Object.entries(value).map(([k, v]) =>
    keyValueLine(doc, null, formatKeyPath([k]), formatValue(v, undefined, [...path, k])),
  );
  return insertTableBlock(doc, path, `[[${formatKeyPath(path)}]]`, lines);
}
