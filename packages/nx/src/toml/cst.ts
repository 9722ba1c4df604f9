/**
 * Concrete syntax tree of a TOML document: just enough structure, with source offsets, to splice edits.
 * Offsets are `[start, end)` UTF-16 indices into the text. Values are not decoded (smol-toml does that).
 */
import type { Eol } from './text';
import type { TomlPath } from './types';

export interface KeyNode {
  /** decoded key segments (`a."b.c"` → `['a', 'b.c']`) */
  readonly parts: readonly string[];
  readonly start: number;
  readonly end: number;
}

export interface ScalarNode {
  readonly type: 'scalar';
  readonly start: number;
  readonly end: number;
}

export interface ArrayItem {
  readonly value: ValueNode;
  /** offset of the comma after the item, or null */
  readonly comma: number | null;
}

export interface ArrayNode {
  readonly type: 'array';
  /** at `[` */
  readonly start: number;
  /** after `]` */
  readonly end: number;
  readonly items: readonly ArrayItem[];
}

export interface InlineEntry {
  readonly key: KeyNode;
  readonly value: ValueNode;
  /** offset of `=` */
  readonly eq: number;
  /** offset of the comma after the entry, or null */
  readonly comma: number | null;
}

export interface InlineTableNode {
  readonly type: 'inline-table';
  readonly start: number;
  readonly end: number;
  readonly entries: readonly InlineEntry[];
}

export type ValueNode = ScalarNode | ArrayNode | InlineTableNode;

/** `key = value` directly in a table (or the root). It always owns its line(s). */
export interface KeyValueNode {
  readonly key: KeyNode;
  readonly value: ValueNode;
  /** offset of `=` */
  readonly eq: number;
}

export interface TableNode {
  /** `root` is the part before the first header */
  readonly kind: 'root' | 'table' | 'array-table';
  /** the header's key; null for the root */
  readonly key: KeyNode | null;
  /** resolved path; array-table elements (and tables below them) carry the element index */
  readonly path: TomlPath;
  /** start of the header line (0 for the root) */
  readonly start: number;
  /** after the closing `]`/`]]` of the header (0 for the root) */
  readonly headerEnd: number;
  readonly entries: readonly KeyValueNode[];
  /** start of the next header line, or the text length */
  readonly end: number;
}

export interface TomlDocument {
  readonly text: string;
  readonly eol: Eol;
  /** the root first, then every `[table]` / `[[array-table]]` in file order */
  readonly tables: readonly TableNode[];
}
