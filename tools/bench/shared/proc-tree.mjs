// CPU and memory of a whole process tree, sampled from /proc (Linux). Nx runs each plugin in its
// own worker process, which GNU time's rusage misses (nx does not reap them), so the benchmarks
// sample nx and every descendant.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export const HAVE_PROC = existsSync('/proc/self/stat');
/** Clock ticks per second of /proc/<pid>/stat's utime/stime. */
export const CLK_TCK = 100;
const PAGE_KB = 4;

function readStat(pid) {
  try {
    const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = t.slice(t.lastIndexOf(')') + 2).split(' '); // f[0] = state (field 3)
    return { ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]), rssKb: Number(f[21]) * PAGE_KB };
  } catch {
    return null;
  }
}

/**
 * One sample of the tree under rootPid into `acc` ({ cpu: Map<pid, ticks>, peakRssKb }): the
 * highest CPU ticks seen per process, and the largest summed RSS of the tree.
 */
export function sampleTree(rootPid, acc) {
  const stats = new Map();
  for (const d of readdirSync('/proc')) {
    if (d.charCodeAt(0) > 57) continue;
    const st = readStat(d);
    if (st) stats.set(Number(d), st);
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, st] of stats)
      if (!tree.has(pid) && tree.has(st.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  let rss = 0;
  for (const pid of tree) {
    const st = stats.get(pid);
    if (!st) continue;
    rss += st.rssKb;
    acc.cpu.set(pid, Math.max(acc.cpu.get(pid) ?? 0, st.cpuTicks));
  }
  acc.peakRssKb = Math.max(acc.peakRssKb, rss);
}
