/** Creation primitives: a new key in a table, a new field in an inline table, a new table block. */
import type { InlineTableNode, KeyValueNode, TableNode, TomlDocument } from './cst';
import { formatKey, formatKeyPath } from './format-key';
import { formatValue } from './format-value';
import { blockStart, contentEnd, tableToFollow } from './layout';
import { inlineTableList, insertItem } from './list';
import { inlineStyleOf, keyValueLine, tableValueStyle } from './style';
import { isBlank, lineEnd, lineStart, nextLineStart, splice } from './text';
import type { TomlPath, TomlValue } from './types';

/**
 * Adds `keys = value` to a table: after `after` (default: its last key/value), else right below its
 * header; in the root table without keys, above the first table (after the file's header comment).
 */
export function insertKeyValue(
  doc: TomlDocument,
  table: TableNode,
  keys: readonly string[],
  value: TomlValue,
  after?: KeyValueNode,
): string {
  const { text, eol } = doc;
  const model = after ?? table.entries[table.entries.length - 1] ?? null;
  const line = keyValueLine(doc, model, formatKeyPath(keys), formatValue(value, tableValueStyle(text, table), keys));
  if (model) return insertLineAfter(text, eol, lineEnd(text, model.value.end), line);
  if (table.kind !== 'root') return insertLineAfter(text, eol, lineEnd(text, table.headerEnd), line);
  const first = doc.tables[1];
  if (!first) return appendLines(text, eol, [line], false);
  const at = blockStart(doc, first);
  return splice(text, at, at, `${line}${eol}${eol}`);
}

function insertLineAfter(text: string, eol: string, lineEndPos: number, line: string): string {
  if (lineEndPos === text.length) return `${text}${eol}${line}`;
  const at = nextLineStart(text, lineEndPos);
  return splice(text, at, at, `${line}${eol}`);
}

/** Adds `key = value` as the last field of an inline table, in its spacing. */
export function insertInlineField(doc: TomlDocument, node: InlineTableNode, key: string, value: TomlValue): string {
  const style = inlineStyleOf(doc.text, node);
  const field = `${formatKey(key)}${style.eq}${formatValue(value, style, [key])}`;
  return insertItem(doc.text, doc.eol, inlineTableList(node), field, style.sep, ' ');
}

/**
 * Adds a new `[path]` (or `[[path]]`) block with the given body lines after the last table sharing the
 * longest prefix with it, else at the end of the file; one blank line before it.
 */
export function insertTableBlock(doc: TomlDocument, path: TomlPath, header: string, lines: readonly string[]): string {
  return insertBlockAfter(doc, tableToFollow(doc, path), [header, ...lines]);
}

/**
 * Inserts lines (a table block) after the content of `doc.tables[index]` (-1: end of file). It is set
 * off by a blank line when the file sets its tables off that way (the default).
 */
export function insertBlockAfter(doc: TomlDocument, index: number, block: readonly string[]): string {
  const { text, eol } = doc;
  const at = index < 0 ? text.length : contentEnd(doc, index);
  if (at >= text.length) return appendLines(text, eol, block, separatesTables(doc));
  const blank = isBlank(text.slice(at, lineEnd(text, at)));
  return splice(text, at, at, `${blank ? eol : ''}${block.join(eol)}${eol}`);
}

/** Whether the file puts a blank line before its headers (judged by the last one; true without any). */
function separatesTables(doc: TomlDocument): boolean {
  const last = doc.tables[doc.tables.length - 1];
  if (last.kind === 'root' || last.start === 0) return true;
  const start = blockStart(doc, last);
  return start === 0 || isBlank(doc.text.slice(lineStart(doc.text, start - 1), start).replace(/\n$/, ''));
}

/** Appends lines at the end of the file (after one blank line when `separate`), ending with a line break. */
function appendLines(text: string, eol: string, lines: readonly string[], separate: boolean): string {
  const body = `${lines.join(eol)}${eol}`;
  if (text.length === 0 || isBlank(text.replace(/\n/g, ''))) return body;
  const endsWithBreak = text.endsWith('\n');
  const lastLine = text.slice(lineStart(text, text.length - (endsWithBreak ? 1 : 0)), text.length);
  const lastIsBlank = endsWithBreak && isBlank(lastLine.replace(/\n$/, ''));
  let lead = endsWithBreak ? '' : eol;
  if (separate && !lastIsBlank) lead += eol;
  return `${text}${lead}${body}`;
}
