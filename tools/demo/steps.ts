/**
 * The demo's step runner: each step prints the commands it runs (their output is captured, and
 * shown in full when one fails), checks what it expects, and is timed; the report at the end lists
 * every step, its time and a note, then where to look.
 */
import { run, type RunResult } from '../fixtures/proc';

export interface StepRecord {
  title: string;
  seconds: number;
  ok: boolean;
  note?: string;
}

export class Steps {
  readonly records: StepRecord[] = [];

  async step<T>(title: string, fn: () => Promise<T>, note?: (value: T) => string | undefined): Promise<T> {
    const t0 = Date.now();
    process.stdout.write(`\n▶ ${title}\n`);
    try {
      const value = await fn();
      const record = { title, seconds: (Date.now() - t0) / 1000, ok: true, note: note?.(value) };
      this.records.push(record);
      process.stdout.write(`  ✔ ${record.seconds.toFixed(1)}s${record.note ? `  ${record.note}` : ''}\n`);
      return value;
    } catch (e) {
      const record = { title, seconds: (Date.now() - t0) / 1000, ok: false, note: (e as Error).message.split('\n')[0] };
      this.records.push(record);
      process.stdout.write(`  ✖ ${record.seconds.toFixed(1)}s  ${record.note}\n`);
      throw e;
    }
  }

  /** Each step with its time, its note on the line below; the total; then where to look. */
  report(where: Record<string, string>): string {
    const lines = this.records.flatMap((r) => [
      `  ${r.ok ? '✔' : '✖'} ${r.seconds.toFixed(1).padStart(5)}s  ${r.title}`,
      ...(r.note ? [`             ${r.note}`] : []),
    ]);
    const total = this.records.reduce((s, r) => s + r.seconds, 0);
    const keyWidth = Math.max(...Object.keys(where).map((k) => k.length));
    const look = Object.entries(where).map(([k, v]) => `  ${k.padEnd(keyWidth)}  ${v}`);
    return [
      '',
      'Demo report',
      ...lines,
      `  total ${total.toFixed(1)}s`,
      '',
      'Where to look (relative paths are in the workspace)',
      ...look,
      '',
    ].join('\n');
  }
}

/**
 * An expectation of the demo, printed when it holds (`✓ what`); one that fails stops the demo
 * (exit 1) with what was expected and what was found.
 */
export function check(ok: boolean, what: string, got?: unknown): void {
  if (!ok)
    throw new Error(
      `expected ${what}${got === undefined ? '' : `, got ${typeof got === 'string' ? got : JSON.stringify(got)}`}`,
    );
  process.stdout.write(`    ✓ ${what}\n`);
}

export interface MustOptions {
  /** Show `path` instead of the full path of the first argument (e.g. `.venv/bin/python`). */
  show?: string;
  /** Print the plugin's `@mlws/nx:` lines of the output under the command. */
  echoPlugin?: boolean;
  /** A command of the demo's own checks, not one a user types: not echoed. */
  quiet?: boolean;
}

/** Runs a command and fails with its output when it exits non-zero; echoes the command. */
export async function must(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env?: Record<string, string | undefined>,
  opts: MustOptions = {},
): Promise<RunResult> {
  if (!opts.quiet) process.stdout.write(`  $ ${[opts.show ?? cmd, ...args].map(quote).join(' ')}\n`);
  const r = await run(cmd, args, { cwd, env, timeoutMs: 15 * 60 * 1000 });
  if (r.code !== 0) throw new Error(`${r.command} exited with ${r.code} (in ${cwd})\n${r.stdout}\n${r.stderr}`);
  if (opts.echoPlugin)
    for (const line of pluginLines(`${r.stdout}\n${r.stderr}`))
      if (!line.includes('after the files are written')) process.stdout.write(`    ${line}\n`);
  return r;
}

/** Lines of `text` that the plugin printed (`@mlws/nx: …`), without colours. */
export function pluginLines(text: string): string[] {
  return stripAnsi(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('@mlws/nx:'));
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ANSI_COLOUR, '');
}

/**
 * The tasks of an `--output-style=static` Nx run, with whether each was a cache hit (Nx marks
 * hits `[local cache]`, or `[existing outputs match the cache, left as is]`).
 */
export function tasksOf(output: string): Array<{ task: string; cached: boolean }> {
  return [...stripAnsi(output).matchAll(/^> nx run (\S+)(.*)$/gm)].map((m) => ({
    task: m[1] ?? '',
    cached: /\[(local cache|remote cache|existing outputs match the cache, left as is)\]/.test(m[2] ?? ''),
  }));
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
