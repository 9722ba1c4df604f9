/**
 * A unified diff of two texts (`--- a/file`, `+++ b/file`, `@@` hunks with 3 lines of context), for
 * showing file edits under --dry-run. Pure; line-based LCS, fine for pyproject-sized files.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // a hunk: from `context` lines before this change to `context` lines after the last change
    // that is at most 2*context lines of equal text away
    let start = i;
    for (let c = 0; c < context && start > 0 && ops[start - 1].kind === ' '; c++) start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let eq = 0;
      while (end + eq < ops.length && ops[end + eq].kind === ' ') eq++;
      if (end + eq < ops.length && eq <= 2 * context) end += eq;
      else {
        end += Math.min(eq, context);
        break;
      }
    }
    const slice = ops.slice(start, end);
    const aStart = slice[0].a;
    const bStart = slice[0].b;
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    hunks.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    for (const o of slice) hunks.push(`${o.kind}${o.text}`);
    i = end;
  }
  return [`--- a/${file}`, `+++ b/${file}`, ...hunks].join('\n');
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers in a and b where this op sits. */
  a: number;
  b: number;
}

function range(start: number, len: number): string {
  if (len === 0) return `${start - 1},0`;
  return len === 1 ? `${start}` : `${start},${len}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  // common prefix/suffix first: most edits touch one line of a long file
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let x = n - 1; x >= 0; x--)
    for (let y = m - 1; y >= 0; y--)
      lcs[x][y] = am[x] === bm[y] ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
  const ops: Op[] = [];
  let ai = 1;
  let bi = 1;
  const push = (kind: Op['kind'], text: string) => {
    ops.push({ kind, text, a: ai, b: bi });
    if (kind !== '+') ai++;
    if (kind !== '-') bi++;
  };
  for (let k = 0; k < pre; k++) push(' ', a[k]);
  let x = 0;
  let y = 0;
  while (x < n || y < m) {
    if (x < n && y < m && am[x] === bm[y]) {
      push(' ', am[x]);
      x++;
      y++;
    } else if (x < n && (y === m || lcs[x + 1][y] >= lcs[x][y + 1])) {
      push('-', am[x++]);
    } else {
      push('+', bm[y++]);
    }
  }
  for (let k = a.length - suf; k < a.length; k++) push(' ', a[k]);
  return ops;
}
