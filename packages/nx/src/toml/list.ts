/**
 * Splices inside `[...]` arrays and `{...}` inline tables: insert or remove one item so that the rest
 * of the list keeps its layout (one line or one item per line, indent, trailing comma, comments).
 */
import type { ArrayNode, InlineTableNode } from './cst';
import type { Eol } from './text';
import { indentOf, lineEnd, lineStart, nextLineStart, onlyCommentAfter, onlyIndentBefore, splice } from './text';

interface ListItem {
  readonly start: number;
  readonly end: number;
  readonly comma: number | null;
}

interface List {
  /** offset of `[` / `{` */
  readonly open: number;
  /** offset of `]` / `}` */
  readonly close: number;
  readonly items: readonly ListItem[];
}

export function arrayList(node: ArrayNode): List {
  return {
    open: node.start,
    close: node.end - 1,
    items: node.items.map((i) => ({ start: i.value.start, end: i.value.end, comma: i.comma })),
  };
}

export function inlineTableList(node: InlineTableNode): List {
  return {
    open: node.start,
    close: node.end - 1,
    items: node.entries.map((e) => ({ start: e.key.start, end: e.value.end, comma: e.comma })),
  };
}

function isMultiLine(text: string, list: List): boolean {
  return text.slice(list.open, list.close).includes('\n');
}

/**
 * Adds `itemText` after the last item. Multi-line lists get a new line with the last item's indent and
 * its trailing-comma habit; one-line lists stay on one line with the separator they already use.
 */
export function insertItem(
  text: string,
  eol: Eol,
  list: List,
  itemText: string,
  sep: string,
  emptyPad: string,
): string {
  const last = list.items[list.items.length - 1];
  if (isMultiLine(text, list)) {
    if (!last) {
      // `[\n]`: a line of its own before the closing bracket, one level deeper than it
      const closeLine = lineStart(text, list.close);
      if (onlyIndentBefore(text, list.close)) {
        const indent = indentOf(text, list.close);
        return splice(text, closeLine, closeLine, `${indent}${indentUnit(indent)}${itemText},${eol}`);
      }
      return splice(text, list.close, list.close, `${itemText}`);
    }
    const trailingComma = last.comma !== null;
    const anchor = trailingComma ? (last.comma as number) + 1 : last.end;
    const indent = indentOf(text, last.start);
    const line = `${eol}${indent}${itemText}${trailingComma ? ',' : ''}`;
    // after the anchor's line comment, unless the closing bracket follows on that same line
    const at = list.close < lineEnd(text, anchor) ? anchor : lineEnd(text, anchor);
    const withLine = splice(text, at, at, line);
    return trailingComma ? withLine : splice(withLine, last.end, last.end, ',');
  }
  if (!last) {
    const inner = text.slice(list.open + 1, list.close);
    const pad = inner.length > 0 ? ' ' : emptyPad;
    return splice(text, list.open + 1, list.close, `${pad}${itemText}${pad}`);
  }
  if (last.comma !== null) return splice(text, last.comma + 1, last.comma + 1, `${sep.slice(1)}${itemText},`);
  return splice(text, last.end, last.end, `${sep}${itemText}`);
}

function indentUnit(indent: string): string {
  return indent.includes('\t') ? '\t' : '    ';
}

/**
 * Removes item `index`. An item that owns its line(s) goes with them (and its line comment); otherwise
 * the item and one neighbouring comma go. A list left empty becomes `[]` / `{}` when it was one line.
 * The list keeps its trailing-comma habit.
 */
export function removeItem(text: string, list: List, index: number): string {
  const item = list.items[index];
  const tail = item.comma !== null ? item.comma + 1 : item.end;
  if (onlyIndentBefore(text, item.start) && onlyCommentAfter(text, tail) && lineEnd(text, tail) < list.close) {
    const withoutLine = splice(text, lineStart(text, item.start), nextLineStart(text, tail), '');
    // the last item of a list without trailing comma: its predecessor becomes last and loses its comma
    const prev = list.items[index - 1];
    const isLast = index === list.items.length - 1;
    return isLast && item.comma === null && prev?.comma != null
      ? splice(withoutLine, prev.comma, prev.comma + 1, '')
      : withoutLine;
  }
  if (list.items.length === 1) return splice(text, list.open + 1, list.close, '');
  if (index < list.items.length - 1) return splice(text, item.start, list.items[index + 1].start, '');
  const prev = list.items[index - 1];
  if (item.comma === null) return splice(text, prev.end, item.end, '');
  return splice(text, (prev.comma ?? prev.end) + 1, tail, '');
}
