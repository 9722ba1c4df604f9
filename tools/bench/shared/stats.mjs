// Small numeric and machine helpers shared by the benchmarks (tools/bench/*/run.mjs).
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmt = (s, digits = 2) => s.toFixed(digits);
export const stats = (xs) => ({
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
  n: xs.length,
  samples: xs,
});
export const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
export const cell = (st, digits = 2) =>
  st.n > 1
    ? `**${fmt(st.median, digits)}** (${fmt(st.min, digits)}–${fmt(st.max, digits)})`
    : `**${fmt(st.median, digits)}**`;

/** Fraction of CPU time busy over `ms` (all cores, from /proc/stat); undefined off Linux. */
export function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((x, y) => x + y, 0) };
  };
  if (!existsSync('/proc/stat')) return undefined;
  const a = read();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

/**
 * The machine is shared: wait (up to `waitSec`) until the CPUs were less than `below` busy over
 * one second. Returns the last reading.
 */
export function waitForIdle(below, waitSec) {
  const deadline = Date.now() + waitSec * 1000;
  let busy = cpuBusy();
  while (busy !== undefined && busy >= below && Date.now() < deadline) busy = cpuBusy();
  return busy;
}

export const loadAvg = () => os.loadavg()[0];

/** `2 cores (model), 24 GiB, Linux 6.x` */
export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`;
}

export const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
