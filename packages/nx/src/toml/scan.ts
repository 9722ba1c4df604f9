import type { KeyNode, KeyValueNode, TableNode, TomlDocument } from './cst';
import { Cursor } from './scan-value';
import { detectEol } from './text';
import type { TomlPath } from './types';

interface OpenTable {
  kind: TableNode['kind'];
  key: KeyNode | null;
  path: TomlPath;
  start: number;
  headerEnd: number;
  entries: KeyValueNode[];
}

/** Scans TOML text (assumed valid) into tables and key/values with offsets. */
export function scanToml(text: string): TomlDocument {
  const c = new Cursor(text, text.startsWith('\uFEFF') ? 1 : 0);
  const resolver = new HeaderResolver();
  const tables: TableNode[] = [];
  let open: OpenTable = { kind: 'root', key: null, path: [], start: 0, headerEnd: 0, entries: [] };

  while (!c.done) {
    const lineStart = c.pos;
    c.skipSpace();
    if (c.peek() === '[') {
      tables.push({ ...open, end: lineStart });
      open = header(c, lineStart, resolver);
    } else if (c.peek() !== '#' && c.peek() !== '\n' && !c.startsWith('\r\n') && !c.done) {
      const key = c.key();
      c.skipSpace();
      const eq = c.pos;
      c.expect('=');
      c.skipSpace();
      open.entries.push({ key, value: c.value(), eq });
    }
    endOfLine(c);
  }
  tables.push({ ...open, end: text.length });
  return { text, eol: detectEol(text), tables };
}

function header(c: Cursor, lineStart: number, resolver: HeaderResolver): OpenTable {
  const isArray = c.peek(1) === '[';
  c.pos += isArray ? 2 : 1;
  c.skipSpace();
  const key = c.key();
  c.skipSpace();
  c.expect(']');
  if (isArray) c.expect(']');
  const kind = isArray ? 'array-table' : 'table';
  return { kind, key, path: resolver.resolve(key.parts, isArray), start: lineStart, headerEnd: c.pos, entries: [] };
}

function endOfLine(c: Cursor): void {
  c.skipSpace();
  c.skipComment();
  if (c.peek() === '\n') c.pos++;
  else if (c.startsWith('\r\n')) c.pos += 2;
  else if (!c.done) c.fail('expected the end of the line');
}

/** Turns header keys into concrete paths: `[[a]]`, `[a.b]` → `a[0]`, `a[0].b`. */
class HeaderResolver {
  private readonly counts = new Map<string, number>();

  resolve(parts: readonly string[], isArray: boolean): TomlPath {
    const path: (string | number)[] = [];
    parts.forEach((part, i) => {
      path.push(part);
      const id = JSON.stringify(path);
      const last = i === parts.length - 1;
      if (last && isArray) {
        const n = this.counts.get(id) ?? 0;
        this.counts.set(id, n + 1);
        path.push(n);
      } else if (this.counts.has(id)) {
        path.push((this.counts.get(id) ?? 1) - 1);
      }
    });
    return path;
  }
}
