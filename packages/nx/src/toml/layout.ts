import type { TableNode, TomlDocument } from './cst';
import { isBlank, lineEnd, lineStart, nextLineStart } from './text';
import type { TomlPath } from './types';

/**
 * Where a table's block starts once the comment lines directly above its header (no blank line between)
 * are counted as its own. Comments at the very top of the file are the file's, not the first table's.
 */
export function blockStart(doc: TomlDocument, table: TableNode): number {
  const { text } = doc;
  if (table.kind === 'root') return 0;
  const floor = endOfValues(doc, doc.tables[doc.tables.indexOf(table) - 1]);
  let start = table.start;
  while (start > floor) {
    const prev = lineStart(text, start - 1);
    if (prev < floor || !/^[ \t]*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  return start < bodyStart(doc) ? table.start : start;
}

/** The start of the line after a table's last value (or header): comment lines above it belong to values. */
function endOfValues(doc: TomlDocument, table: TableNode | undefined): number {
  if (!table) return 0;
  const last = table.entries[table.entries.length - 1];
  const end = last ? last.value.end : table.headerEnd;
  return end === 0 ? 0 : nextLineStart(doc.text, lineEnd(doc.text, end));
}

/** Offset of the first non-comment, non-blank line (the end of the file's header comment). */
function bodyStart(doc: TomlDocument): number {
  const { text } = doc;
  let pos = 0;
  while (pos < text.length) {
    const line = text.slice(pos, lineEnd(text, pos));
    if (!isBlank(line) && !/^[ \t]*#/.test(line)) return pos;
    pos = nextLineStart(text, pos);
  }
  return text.length;
}

/** Where the block of `doc.tables[index]` ends: the start of the next block, or the text length. */
export function blockEnd(doc: TomlDocument, index: number): number {
  const next = doc.tables[index + 1];
  return next ? blockStart(doc, next) : doc.text.length;
}

/** The start of the line after the table's last non-blank line (its header line at least). */
export function contentEnd(doc: TomlDocument, index: number): number {
  const { text } = doc;
  const table = doc.tables[index];
  const floor = table.kind === 'root' ? 0 : nextLineStart(text, table.headerEnd);
  let end = blockEnd(doc, index);
  while (end > floor) {
    const prev = lineStart(text, end - 1);
    if (!isBlank(text.slice(prev, end).replace(/\n$/, ''))) break;
    end = prev;
  }
  return Math.max(end, floor);
}

/**
 * The index of the table a new table at `path` should follow: the last one sharing the longest
 * (non-empty) prefix with it; -1 when none shares a prefix (the new table goes to the end of the file).
 */
export function tableToFollow(doc: TomlDocument, path: TomlPath): number {
  let best = -1;
  let bestLength = 0;
  doc.tables.forEach((table, i) => {
    if (table.kind === 'root') return;
    let n = 0;
    while (n < table.path.length && n < path.length && table.path[n] === path[n]) n++;
    if (n > 0 && n >= bestLength) {
      best = i;
      bestLength = n;
    }
  });
  return best;
}
