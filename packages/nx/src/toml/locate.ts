import type { ArrayNode, InlineTableNode, KeyValueNode, TableNode, TomlDocument, ValueNode } from './cst';
import type { TomlPath } from './types';
import { isPrefix, samePath } from './values';
import { scalarKind } from './scalar-kind';

/** What owns a value's text, i.e. what to splice to replace or remove it. */
export type Owner =
  | { readonly kind: 'kv'; readonly table: TableNode; readonly kv: KeyValueNode }
  | { readonly kind: 'inline-entry'; readonly parent: InlineTableNode; readonly index: number }
  | { readonly kind: 'array-item'; readonly parent: ArrayNode; readonly index: number };

/** Where a missing path would be created. */
export type Container =
  | { readonly kind: 'table'; readonly table: TableNode }
  | { readonly kind: 'inline'; readonly node: InlineTableNode }
  | { readonly kind: 'array'; readonly node: ArrayNode }
  | { readonly kind: 'table-array'; readonly tables: readonly TableNode[] };

export type Hit =
  /** the path names a value written after `=` (or an item / inline-table field inside one) */
  | { readonly kind: 'value'; readonly node: ValueNode; readonly owner: Owner }
  /** the path names a table made of headers and/or dotted keys */
  | { readonly kind: 'table' }
  /** the path names an array of tables (`[[path]]`) */
  | { readonly kind: 'table-array'; readonly tables: readonly TableNode[] }
  /** nothing there; `rest` is what is missing below the deepest existing container */
  | { readonly kind: 'missing'; readonly container: Container; readonly rest: TomlPath }
  /** a prefix of the path holds something that cannot contain the rest */
  | { readonly kind: 'blocked'; readonly at: TomlPath; readonly what: string };

/** Resolves a path against the document's structure. */
export function locate(doc: TomlDocument, path: TomlPath): Hit {
  for (const table of doc.tables) {
    for (const kv of table.entries) {
      const full = [...table.path, ...kv.key.parts];
      if (isPrefix(full, path)) return descend(doc.text, kv.value, { kind: 'kv', table, kv }, full, path);
    }
  }
  const elements = arrayTables(doc, path);
  if (elements.length > 0) return { kind: 'table-array', tables: elements };
  for (const table of doc.tables) {
    if (table.kind !== 'root' && isPrefix(path, table.path)) return { kind: 'table' };
    if (table.entries.some((kv) => isPrefix(path, [...table.path, ...kv.key.parts]))) return { kind: 'table' };
  }
  return missingInTables(doc, path);
}

/** The `[[path]]` elements, in order. */
function arrayTables(doc: TomlDocument, arrayPath: TomlPath): TableNode[] {
  return doc.tables.filter((t) => t.kind === 'array-table' && samePath(t.path.slice(0, -1), arrayPath));
}

function missingInTables(doc: TomlDocument, path: TomlPath): Hit {
  // an array of tables on the way: the next part must be an element index
  for (let i = 1; i < path.length; i++) {
    const prefix = path.slice(0, i);
    const elements = arrayTables(doc, prefix);
    if (elements.length === 0) continue;
    const index = path[i];
    if (typeof index !== 'number') return { kind: 'blocked', at: prefix, what: 'an array of tables' };
    if (index > elements.length) return outOfRange(prefix, elements.length);
    if (index === elements.length) {
      return { kind: 'missing', container: { kind: 'table-array', tables: elements }, rest: path.slice(i) };
    }
  }
  let best = doc.tables[0];
  for (const table of doc.tables) {
    if (table.kind !== 'root' && isPrefix(table.path, path) && table.path.length > best.path.length) best = table;
  }
  return { kind: 'missing', container: { kind: 'table', table: best }, rest: path.slice(best.path.length) };
}

function descend(text: string, node: ValueNode, owner: Owner, nodePath: TomlPath, path: TomlPath): Hit {
  if (nodePath.length === path.length) return { kind: 'value', node, owner };
  const next = path[nodePath.length];
  if (node.type === 'inline-table') {
    for (const [index, entry] of node.entries.entries()) {
      const full = [...nodePath, ...entry.key.parts];
      if (isPrefix(full, path))
        return descend(text, entry.value, { kind: 'inline-entry', parent: node, index }, full, path);
      if (isPrefix(path, full)) return { kind: 'table' };
    }
    if (typeof next === 'number') return { kind: 'blocked', at: nodePath, what: 'an inline table' };
    return { kind: 'missing', container: { kind: 'inline', node }, rest: path.slice(nodePath.length) };
  }
  if (node.type === 'array') {
    if (typeof next !== 'number') return { kind: 'blocked', at: nodePath, what: 'an array' };
    if (next < node.items.length) {
      return descend(
        text,
        node.items[next].value,
        { kind: 'array-item', parent: node, index: next },
        [...nodePath, next],
        path,
      );
    }
    if (next > node.items.length) return outOfRange(nodePath, node.items.length);
    return { kind: 'missing', container: { kind: 'array', node }, rest: path.slice(nodePath.length) };
  }
  return { kind: 'blocked', at: nodePath, what: scalarKind(text.slice(node.start, node.end)) };
}

function outOfRange(at: TomlPath, length: number): Hit {
  return { kind: 'blocked', at, what: `an array of ${length} item${length === 1 ? '' : 's'}` };
}

/** The first inline-table field whose path starts with `path` (dotted keys inside inline tables). */
export function findInlineUnder(doc: TomlDocument, path: TomlPath): Owner | null {
  for (const table of doc.tables) {
    for (const kv of table.entries) {
      const full = [...table.path, ...kv.key.parts];
      if (full.length < path.length && isPrefix(full, path) && kv.value.type === 'inline-table') {
        const found = findInInline(kv.value, full, path);
        if (found) return found;
      }
    }
  }
  return null;
}

function findInInline(node: InlineTableNode, nodePath: TomlPath, path: TomlPath): Owner | null {
  for (const [index, entry] of node.entries.entries()) {
    const full = [...nodePath, ...entry.key.parts];
    if (isPrefix(path, full)) return { kind: 'inline-entry', parent: node, index };
    if (isPrefix(full, path) && entry.value.type === 'inline-table') {
      const found = findInInline(entry.value, full, path);
      if (found) return found;
    }
  }
  return null;
}
