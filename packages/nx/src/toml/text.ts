/** Line-level helpers over raw text. Offsets are UTF-16 indices, line ends are `\n` or `\r\n`. */

export type Eol = '\n' | '\r\n';

/** The file's line-ending style: that of its first line break (LF when it has none). */
export function detectEol(text: string): Eol {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Where the line holding `pos` ends, before its `\r\n`/`\n` (text length on the last line). */
export function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The start of the next line (text length on the last line). */
export function nextLineStart(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Leading spaces and tabs of the line holding `pos`. */
export function indentOf(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start, lineEnd(text, start)))?.[0] ?? '';
}

export function isBlank(s: string): boolean {
  return /^[ \t\r]*$/.test(s);
}

/** Whether only spaces/tabs stand between the line start and `pos`. */
export function onlyIndentBefore(text: string, pos: number): boolean {
  return isBlank(text.slice(lineStart(text, pos), pos));
}

/** Whether only spaces/tabs and a comment stand between `pos` and the line end. */
export function onlyCommentAfter(text: string, pos: number): boolean {
  return /^[ \t]*(#.*)?$/.test(text.slice(pos, lineEnd(text, pos)));
}

export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
