import type { KeyValueNode, TomlDocument } from './cst';
import { blockEnd, blockStart } from './layout';
import type { Owner } from './locate';
import { arrayList, inlineTableList, removeItem } from './list';
import { isBlank, lineEnd, lineStart, nextLineStart, splice } from './text';

/** `[start, end)` of text to cut. */
export type Range = readonly [number, number];

/** Removes the text that holds a value: its `key = value` line(s), inline-table field or array item. */
export function removeOwned(doc: TomlDocument, owner: Owner): string {
  switch (owner.kind) {
    case 'kv':
      return removeRanges(doc.text, [keyValueRange(doc, owner.kv)]);
    case 'inline-entry':
      return removeItem(doc.text, inlineTableList(owner.parent), owner.index);
    case 'array-item':
      return removeItem(doc.text, arrayList(owner.parent), owner.index);
  }
}

/** A `key = value` owns its lines: from the key's line start through the value's line end (and comment). */
export function keyValueRange(doc: TomlDocument, kv: KeyValueNode): Range {
  const { text } = doc;
  return [lineStart(text, kv.key.start), nextLineStart(text, lineEnd(text, kv.value.end))];
}

/**
 * The block of `doc.tables[index]`: the comment lines directly above its header, the header, its
 * key/values and the blank lines after them.
 */
export function blockRange(doc: TomlDocument, index: number): Range {
  return [blockStart(doc, doc.tables[index]), blockEnd(doc, index)];
}

/**
 * Cuts the ranges (given from one scan of `text`). When the last cut reaches the end of the file, the
 * blank lines before it go too, so the file does not end with blank lines it did not have.
 */
export function removeRanges(text: string, ranges: readonly Range[]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = text;
  for (let i = merged.length - 1; i >= 0; i--) {
    let [start] = merged[i];
    const end = merged[i][1];
    if (end === text.length) {
      while (start > 0) {
        const prev = lineStart(text, start - 1);
        if (!isBlank(text.slice(prev, start).replace(/\n$/, ''))) break;
        start = prev;
      }
    }
    out = splice(out, start, end, '');
  }
  return out;
}
