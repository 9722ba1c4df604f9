import type { ArrayNode, InlineTableNode, KeyValueNode, TableNode, TomlDocument } from './cst';
import { DEFAULT_STYLE, type InlineStyle } from './format-value';
import { indentOf, lineStart } from './text';

/** The one-line spacing used by an existing inline table: `{ a = 1, b = 2 }` vs `{a=1,b=2}`. */
export function inlineStyleOf(text: string, node: InlineTableNode): InlineStyle {
  const first = node.entries[0];
  if (!first) return DEFAULT_STYLE;
  const brace = /\s/.test(text[node.start + 1] ?? '') ? ' ' : '';
  const eq = /\s/.test(text[first.eq - 1] ?? '') || /\s/.test(text[first.eq + 1] ?? '') ? ' = ' : '=';
  // without a comma to look at, a tight `a=1` suggests tight commas too
  const sep = first.comma !== null ? (/\s/.test(text[first.comma + 1] ?? ' ') ? ', ' : ',') : eq === '=' ? ',' : ', ';
  return { brace, eq, sep };
}

/** The style of the last inline table among the given values, else the default. */
function inlineStyleAmong(text: string, values: readonly { type: string }[]): InlineStyle {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v.type === 'inline-table') return inlineStyleOf(text, v as InlineTableNode);
  }
  return DEFAULT_STYLE;
}

/**
 * The style for new items of an array, from what it already holds (nested values included): the
 * spacing of its last inline table, and the separator of the array itself or of a nested one.
 */
export function arrayItemStyle(text: string, node: ArrayNode): InlineStyle {
  const table = lastInlineTable(node);
  const base = table ? inlineStyleOf(text, table) : DEFAULT_STYLE;
  const array = separatedArray(node);
  return {
    ...base,
    sep: array ? arraySeparator(text, array) : table && table.entries.length > 1 ? base.sep : DEFAULT_STYLE.sep,
  };
}

function lastInlineTable(node: ArrayNode | InlineTableNode): InlineTableNode | null {
  const values = node.type === 'array' ? node.items.map((i) => i.value) : node.entries.map((e) => e.value);
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v.type === 'scalar') continue;
    const inner = lastInlineTable(v);
    if (inner) return inner;
    if (v.type === 'inline-table') return v;
  }
  return null;
}

/** `', '` or `','`: what follows the first comma of an array with two items or more. */
function arraySeparator(text: string, node: ArrayNode): string {
  const first = node.items[0];
  if (!first || first.comma === null || node.items.length < 2) return DEFAULT_STYLE.sep;
  const ws = text.slice(first.comma + 1, node.items[1].value.start);
  return /^[ \t]*$/.test(ws) ? `,${ws}` : DEFAULT_STYLE.sep;
}

/** The array itself when it has two items or more, else the first nested one that has. */
function separatedArray(node: ArrayNode): ArrayNode | null {
  if (node.items.length >= 2) return node;
  for (const item of node.items) {
    if (item.value.type === 'array') {
      const found = separatedArray(item.value);
      if (found) return found;
    }
  }
  return null;
}

/** The style for a new key of a table: sniffed from its last inline-table value. */
export function tableValueStyle(text: string, table: TableNode): InlineStyle {
  return inlineStyleAmong(
    text,
    table.entries.map((e) => e.value),
  );
}

/**
 * The text of a new `key = value` line modelled on an existing one: same indent, same spacing around `=`,
 * and, when the neighbour pads its key to align `=` in a column, the same column.
 */
export function keyValueLine(
  doc: TomlDocument,
  model: KeyValueNode | null,
  keyText: string,
  valueText: string,
): string {
  if (!model) return `${keyText} = ${valueText}`;
  const { text } = doc;
  const indent = indentOf(text, model.key.start);
  const before = text.slice(model.key.end, model.eq);
  const after = text.slice(model.eq + 1, model.value.start);
  if (before.length >= 2) {
    const column = model.eq - lineStart(text, model.eq);
    const pad = Math.max(1, column - indent.length - keyText.length);
    return `${indent}${keyText}${' '.repeat(pad)}=${after}${valueText}`;
  }
  return `${indent}${keyText}${before}=${after}${valueText}`;
}
