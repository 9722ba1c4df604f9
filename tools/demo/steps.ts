/**
 * The demo's step runner: each step prints what it runs, streams nothing noisy, and is timed;
 * the report at the end lists every step, its time and where to look.
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
      this.records.push({ title, seconds: (Date.now() - t0) / 1000, ok: false, note: (e as Error).message.split('\n')[0] });
      throw e;
    }
  }

  report(where: Record<string, string>): string {
    const width = Math.max(...this.records.map((r) => r.title.length));
    const lines = this.records.map((r) => `  ${r.ok ? '✔' : '✖'} ${r.title.padEnd(width)}  ${r.seconds.toFixed(1).padStart(6)}s${r.note ? `  ${r.note}` : ''}`);
    const total = this.records.reduce((s, r) => s + r.seconds, 0);
    const look = Object.entries(where).map(([k, v]) => `  ${k.padEnd(14)} ${v}`);
    return ['', 'Demo report', ...lines, `  total ${total.toFixed(1)}s`, '', 'Where to look', ...look, ''].join('\n');
  }
}

/** Runs a command and fails with its output when it exits non-zero; echoes the command. */
export async function must(cmd: string, args: readonly string[], cwd: string, env?: Record<string, string | undefined>): Promise<RunResult> {
  process.stdout.write(`  $ ${[cmd, ...args].join(' ')}\n`);
  const r = await run(cmd, args, { cwd, env, timeoutMs: 15 * 60 * 1000 });
  if (r.code !== 0) throw new Error(`${r.command} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Lines of `text` that the plugin printed (`@mlws/nx: …`). */
export function pluginLines(text: string): string[] {
  return text.split('\n').filter((l) => l.includes('@mlws/nx:')).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim());
}
