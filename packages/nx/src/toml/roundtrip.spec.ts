/**
 * Properties over every fixture: no edit is byte-identical; changing any one scalar changes exactly one
 * line; adding then removing a key, an array item, a table or an array-of-tables element gives back
 * the very same bytes.
 */
import { appendToTomlArray, removeFromTomlArray } from './array';
import type { ValueNode } from './cst';
import { deleteTomlValue } from './delete';
import { editToml } from './edit';
import { containers, fixture, leaves, lineDiff, PYPROJECTS, read } from './__fixtures__/helpers';
import { scanToml } from './scan';
import { setTomlValue } from './set';
import type { TomlPath, TomlValue } from './types';

const ALL = [...PYPROJECTS, 'tricky.toml'];

/** Paths of tables written in the text: the root, every [header], every inline table. */
function writtenTables(text: string): TomlPath[] {
  const out: TomlPath[] = [];
  const walk = (node: ValueNode, path: TomlPath): void => {
    if (node.type === 'inline-table') {
      out.push(path);
      for (const e of node.entries) walk(e.value, [...path, ...e.key.parts]);
    } else if (node.type === 'array') {
      node.items.forEach((item, i) => walk(item.value, [...path, i]));
    }
  };
  for (const table of scanToml(text).tables) {
    out.push(table.path);
    for (const kv of table.entries) walk(kv.value, [...table.path, ...kv.key.parts]);
  }
  return out;
}

describe.each(ALL)('%s', (name) => {
  const text = fixture(name);
  const data = read(text);

  it('is byte-identical without edits and with every value set to itself', () => {
    expect(editToml(text, [])).toBe(text);
    for (const [path, value] of leaves(data)) {
      if (value instanceof Date) continue;
      expect(setTomlValue(text, path, value as TomlValue)).toBe(text);
    }
  });

  it('changes exactly one line when one scalar changes', () => {
    for (const [path, value] of leaves(data)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const next =
        typeof value === 'string'
          ? `${value}-x`
          : typeof value === 'number'
            ? Number.isFinite(value)
              ? value + 1
              : 0
            : !value;
      const after = setTomlValue(text, path, next);
      const diff = lineDiff(text, after);
      if (diff.removed.some((line) => /'''|"""/.test(line))) continue; // multi-line strings span lines
      expect({ path, removed: diff.removed.length, added: diff.added.length }).toEqual({ path, removed: 1, added: 1 });
    }
  });

  it('gives back the same bytes after adding and deleting a key in every written table', () => {
    for (const path of writtenTables(text)) {
      const key = [...path, 'zz-new'];
      const added = setTomlValue(text, key, { workspace: true });
      expect(read(added)).toMatchObject(read(added)); // parses
      expect({ path, back: deleteTomlValue(added, key) === text }).toEqual({ path, back: true });
    }
  });

  it('gives back the same bytes after appending and removing an item in every array', () => {
    for (const { path, kind } of containers(data)) {
      if (kind !== 'array') continue;
      const sentinel = { 'zz-sentinel': true };
      const items = path.reduce<unknown>((d, p) => (d as Record<string | number, unknown>)[p], data) as unknown[];
      const isTableArray = scanToml(text).tables.some(
        (t) => t.kind === 'array-table' && JSON.stringify(t.path.slice(0, -1)) === JSON.stringify(path),
      );
      const item: TomlValue = isTableArray || items.every((i) => typeof i === 'object') ? sentinel : 'zz-sentinel';
      const added = appendToTomlArray(text, path, item);
      const back = removeFromTomlArray(added, path, (i) => JSON.stringify(i) === JSON.stringify(item));
      expect({ path, back: back === text }).toEqual({ path, back: true });
    }
  });

  it('gives back the same bytes after creating and deleting tables', () => {
    for (const path of [['tool', 'zz'], ['zz-top'], ['project', 'zz']]) {
      const added = setTomlValue(text, [...path, 'k'], 1);
      expect(deleteTomlValue(added, path)).toBe(text);
    }
  });
});
