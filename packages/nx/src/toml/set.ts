import { appendIn } from './array';
import { assertTomlValue } from './check-value';
import { createMissing } from './create';
import type { TomlDocument } from './cst';
import { setData } from './data-edit';
import { deleteIn } from './delete';
import { TomlEditError, formatPath } from './errors';
import { formatValue, type InlineStyle } from './format-value';
import { guardedEdit, parseToml } from './guard';
import { locate, type Hit } from './locate';
import { scanToml } from './scan';
import { arrayItemStyle, inlineStyleOf, tableValueStyle } from './style';
import { splice } from './text';
import type { TomlPath, TomlValue } from './types';
import { deepEqual, getIn, isPlainObject } from './values';

/**
 * Sets the value at `path`, creating missing keys and tables. When the key exists only its value's
 * text changes; an equal value changes nothing (its quoting stays). Objects merge into existing tables
 * and inline tables field by field, arrays item by item, so untouched fields and items keep their text.
 */
export function setTomlValue(text: string, path: TomlPath, value: TomlValue): string {
  assertTomlValue(value, 'set', path);
  return guardedEdit(
    text,
    'set',
    path,
    () => setIn(text, path, value),
    (before) => setData(before, path, value),
  );
}

/** {@link setTomlValue} without the guard (for composite edits). */
function setIn(text: string, path: TomlPath, value: TomlValue): string {
  const fail = (why: string): never => {
    throw new TomlEditError(`cannot set ${formatPath(path)}: ${why}`);
  };
  if (path.length === 0) return isPlainObject(value) ? mergeObject(text, path, value) : fail('the root is a table');
  const doc = scanToml(text);
  const hit = locate(doc, path);
  switch (hit.kind) {
    case 'value': {
      const current = getIn(parseToml(text, `cannot set ${formatPath(path)}`), path);
      if (deepEqual(current, value)) return text;
      if (isPlainObject(value) && hit.node.type === 'inline-table') return mergeObject(text, path, value);
      if (Array.isArray(value) && hit.node.type === 'array') return mergeArray(text, path, value);
      return splice(text, hit.node.start, hit.node.end, formatValue(value, styleAt(doc, hit), path));
    }
    case 'table':
      return isPlainObject(value) ? mergeObject(text, path, value) : fail(`${formatPath(path)} is a table`);
    case 'table-array':
      return Array.isArray(value) && value.every(isPlainObject)
        ? mergeArray(text, path, value)
        : fail(`${formatPath(path)} is an array of tables`);
    case 'missing':
      return createMissing(doc, hit, value, path);
    case 'blocked':
      return fail(`${formatPath(hit.at)} is ${hit.what}`);
  }
}

/** The spacing for a replacement value: that of the value it replaces or of its siblings. */
function styleAt(doc: TomlDocument, hit: Extract<Hit, { kind: 'value' }>): InlineStyle {
  const { text } = doc;
  if (hit.node.type === 'inline-table' && hit.node.entries.length > 0) return inlineStyleOf(text, hit.node);
  const owner = hit.owner;
  if (owner.kind === 'array-item') return arrayItemStyle(text, owner.parent);
  if (owner.kind === 'inline-entry') return inlineStyleOf(text, owner.parent);
  return tableValueStyle(text, owner.table);
}

/** Sets each field of `value`, then deletes the fields it does not have. */
function mergeObject(text: string, path: TomlPath, value: Readonly<Record<string, TomlValue>>): string {
  for (const [k, v] of Object.entries(value)) text = setIn(text, [...path, k], v);
  const current = getIn(parseToml(text, `cannot set ${formatPath(path)}`), path);
  if (isPlainObject(current)) {
    for (const k of Object.keys(current)) if (!Object.hasOwn(value, k)) text = deleteIn(text, [...path, k]);
  }
  return text;
}

/** Sets the common items in place, appends the extra ones, deletes the surplus from the end. */
function mergeArray(text: string, path: TomlPath, value: readonly TomlValue[]): string {
  const current = getIn(parseToml(text, `cannot set ${formatPath(path)}`), path);
  const length = Array.isArray(current) ? current.length : 0;
  value.slice(0, length).forEach((v, i) => {
    text = setIn(text, [...path, i], v);
  });
  for (const v of value.slice(length)) text = appendIn(text, path, v);
  for (let i = length - 1; i >= value.length; i--) text = deleteIn(text, [...path, i]);
  return text;
}
