import type { ArrayItem, ArrayNode, InlineEntry, InlineTableNode, KeyNode, ValueNode } from './cst';
import { TomlEditError } from './errors';

const BARE_KEY_CHAR = /[A-Za-z0-9_-]/;
const SCALAR_END = /[ \t\r\n,\]}#]/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};

/**
 * A cursor over TOML text that scans keys and values into CST nodes.
 * It expects valid TOML (callers validate with smol-toml first) and throws on what it cannot read.
 */
export class Cursor {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  fail(what: string): never {
    throw new TomlEditError(`cannot read the TOML: ${what} at offset ${this.pos}`);
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  /** spaces and tabs */
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  skipComment(): void {
    if (this.peek() !== '#') return;
    while (!this.done && this.peek() !== '\n' && !this.startsWith('\r\n')) this.pos++;
  }

  /** spaces, tabs, comments and line breaks (inside arrays and inline tables) */
  skipTrivia(): void {
    for (;;) {
      this.skipSpace();
      if (this.peek() === '#') this.skipComment();
      else if (this.peek() === '\n') this.pos++;
      else if (this.startsWith('\r\n')) this.pos += 2;
      else return;
    }
  }

  /** A dotted key: `a`, `a.b`, `"x.y" . 'z'`. */
  key(): KeyNode {
    const start = this.pos;
    const parts = [this.keyPart()];
    let end = this.pos;
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '.') break;
      this.pos++;
      this.skipSpace();
      parts.push(this.keyPart());
      end = this.pos;
    }
    this.pos = end;
    return { parts, start, end };
  }

  private keyPart(): string {
    const ch = this.peek();
    if (ch === '"') return decodeBasic(this.text.slice(this.pos + 1, this.singleLineString('"') - 1));
    if (ch === "'") return this.text.slice(this.pos + 1, this.singleLineString("'") - 1);
    const start = this.pos;
    while (BARE_KEY_CHAR.test(this.peek())) this.pos++;
    if (this.pos === start) this.fail('expected a key');
    return this.text.slice(start, this.pos);
  }

  /** Moves past a one-line string starting at the quote; returns the end offset. */
  private singleLineString(quote: '"' | "'"): number {
    this.pos++;
    while (this.peek() !== quote) {
      if (this.done || this.peek() === '\n') this.fail('unterminated string');
      this.pos += quote === '"' && this.peek() === '\\' ? 2 : 1;
    }
    this.pos++;
    return this.pos;
  }

  private multiLineString(quote: '"""' | "'''"): void {
    this.pos += 3;
    for (;;) {
      if (this.done) this.fail('unterminated multi-line string');
      if (quote === '"""' && this.peek() === '\\') {
        this.pos += 2;
        continue;
      }
      if (this.startsWith(quote)) {
        this.pos += 3;
        // up to two more quotes belong to the content: `""""x"""""`
        for (let i = 0; i < 2 && this.peek() === quote[0]; i++) this.pos++;
        return;
      }
      this.pos++;
    }
  }

  value(): ValueNode {
    const start = this.pos;
    const ch = this.peek();
    if (ch === '[') return this.array();
    if (ch === '{') return this.inlineTable();
    if (this.startsWith('"""') || this.startsWith("'''"))
      this.multiLineString(this.text.slice(this.pos, this.pos + 3) as '"""');
    else if (ch === '"' || ch === "'") this.singleLineString(ch);
    else this.bareScalar();
    if (this.pos === start) this.fail('expected a value');
    return { type: 'scalar', start, end: this.pos };
  }

  private bareScalar(): void {
    const start = this.pos;
    while (!this.done && !SCALAR_END.test(this.peek())) this.pos++;
    // `1979-05-27 07:32:00Z`: a date, one space, a time
    if (
      DATE_ONLY.test(this.text.slice(start, this.pos)) &&
      this.peek() === ' ' &&
      /^\d{2}:/.test(this.text.slice(this.pos + 1, this.pos + 4))
    ) {
      this.pos++;
      while (!this.done && !SCALAR_END.test(this.peek())) this.pos++;
    }
  }

  private array(): ArrayNode {
    const start = this.pos;
    this.expect('[');
    const items: ArrayItem[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.peek() === ']') break;
      const value = this.value();
      items.push({ value, comma: this.separator(']') });
    }
    this.pos++;
    return { type: 'array', start, end: this.pos, items };
  }

  /** After an item of an array or inline table: the position of its comma, or null before `close`. */
  private separator(close: ']' | '}'): number | null {
    this.skipTrivia();
    if (this.peek() === ',') {
      this.pos++;
      return this.pos - 1;
    }
    if (this.peek() !== close) this.fail(`expected "," or "${close}"`);
    return null;
  }

  private inlineTable(): InlineTableNode {
    const start = this.pos;
    this.expect('{');
    const entries: InlineEntry[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.peek() === '}') break;
      const key = this.key();
      this.skipSpace();
      const eq = this.pos;
      this.expect('=');
      this.skipSpace();
      const value = this.value();
      entries.push({ key, value, eq, comma: this.separator('}') });
    }
    this.pos++;
    return { type: 'inline-table', start, end: this.pos, entries };
  }
}

/** The content of a basic string (between the quotes) with escapes resolved. */
function decodeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)/g, (_m, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? esc;
  });
}
