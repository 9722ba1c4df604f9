/**
 * Command lines for people (plans, resume hints, errors): arguments quoted so the line can be
 * pasted into a POSIX shell. Display only — processes are always spawned with argument arrays
 * (run-process.ts). `^{}` stay bare for peeled tag refs (`v1.0^{}`).
 */
export function shellQuote(a: string): string {
  return /^[\w@%+=:,./^{}-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
