// The `## uv targets` section of docs/benchmarks.md from one run of tools/bench/uv/run.mjs.
import { cell, fmt, pct } from '../shared/stats.mjs';

export const HEADING = '## uv targets';
/** Ends the generated part of the docs section; text after it is kept by --write-docs. */
export const GENERATED_END = '<!-- end of generated uv-targets results (tools/bench/uv/run.mjs --write-docs) -->';
export function report(args, ctx, res, meta) {
  // issue 15: with a torch-sized environment the check must cost no more than uv's own (≤ 1.0×)
  const SYNC_GOAL = args.torchMb ? 1.0 : 1.05;
  const s = res.sync.stats;
  const ratio = (a, b) => s[a].median / s[b].median;
  const goal = (r) => (r <= SYNC_GOAL ? 'met' : '**missed**');
  const lines = [];
  lines.push('## uv targets');
  lines.push('');
  lines.push(`Command: \`${meta.command}\` (harness: \`tools/bench/uv/run.mjs\`, see \`tools/bench/README.md\`).`);
  lines.push('');
  lines.push(`- Date: ${meta.date}`);
  lines.push(
    `- Machine: ${meta.machine}; Node ${process.version}; ${ctx.versions.uv}; Nx ${ctx.versions.nx}; @mlws/nx ${ctx.versions.plugin} (npm pack of ${meta.pluginDesc})`,
  );
  lines.push(
    `- Workspace: the playground fixture (\`tools/fixtures/playground\`, \`lockable\`, every submodule initialised: 4 hatchling members + 1 path package, dev/staging/prod), package remotes = local bare git repos, torch from the loopback index stand-in (\`tools/fixtures/torch-index\`${args.torchMb ? `; **torch ${args.backend} as heavy as the real one: ${args.torchMb} MB of random bytes, ${args.torchFiles} small .py modules + 4 big .so-like files** (\`heavy-wheel.ts\`), uv cache of the run's own` : ', a few-KB wheel'}). Every command is \`NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx … --output-style=static\`, wall time of the whole process; median (min–max) of ${args.repeat} interleaved rounds after ${args.warmup} warm-up round(s). Other sessions share this machine: before each round the harness waits (up to ${args.idleWaitSec} s) until the CPUs were less than ${Math.round(args.idleBelow * 100)}% busy over 1 s; median reading before the sync rounds ${pct(res.sync.busy)}, 1-min load avg ≈ ${res.sync.load.toFixed(1)}. Compare variants within one run.`,
  );
  lines.push('');
  lines.push(`### \`sync\` on an already-synced environment (backend \`${args.backend}\`)`);
  lines.push('');
  const v = res.sync.venv;
  lines.push(
    `The dev venv holds **${v.files} files** in site-packages. The "already synced" check itself (\`stampFor\` of sync/sync-stamp.ts, in-process): **${fmt(v.stampMs, 3)} ms**; walking site-packages (what an mtime check per file would cost): ${fmt(v.walkMs, 0)} ms.`,
  );
  lines.push('');
  lines.push('| variant | command | s |');
  lines.push('|---|---|---:|');
  lines.push(
    `| (a) @mlws/nx, environment already synced | \`nx run bench-utils:sync:dev\` (prints "already synced", no uv) | ${cell(s.plugin)} |`,
  );
  lines.push(
    `| (b) @mlws/nx, forced | \`nx run bench-utils:sync:dev --force\` (runs \`uv ${ctx.syncCmd.join(' ')}\`) | ${cell(s.pluginForce)} |`,
  );
  lines.push(
    `| (c) nx:run-commands | \`nx run uv-baseline:sync-dev\` = \`uv ${ctx.syncCmd.join(' ')}\` | ${cell(s.runCommands)} |`,
  );
  lines.push(
    `| (c′) nx:run-commands, forked | (c) with \`NX_RUN_COMMANDS_DIRECTLY=false\`: run in a forked process like every other executor | ${cell(s.runCommandsForked)} |`,
  );
  lines.push(`| (d) uv alone, no Nx | \`uv ${ctx.syncCmd.join(' ')}\` | ${cell(s.uvAlone)} |`);
  lines.push(
    `| (e) a no-op custom executor | \`nx run uv-baseline:noop-executor\` (\`async () => ({ success: true })\`) | ${cell(s.noopExecutor)} |`,
  );
  lines.push('');
  lines.push(`| ratio | value | goal ≤ ${SYNC_GOAL}× |`);
  lines.push('|---|---:|---|');
  lines.push(
    `| (a)/(c): the target users run vs the same uv sync through nx:run-commands | ${ratio('plugin', 'runCommands').toFixed(2)}× | ${goal(ratio('plugin', 'runCommands'))} |`,
  );
  lines.push(
    `| (b)/(c): executor running uv vs nx:run-commands running uv | ${ratio('pluginForce', 'runCommands').toFixed(2)}× | ${goal(ratio('pluginForce', 'runCommands'))} |`,
  );
  lines.push(
    `| (a)/(c′): same execution model (forked) | ${ratio('plugin', 'runCommandsForked').toFixed(2)}× | ${goal(ratio('plugin', 'runCommandsForked'))} |`,
  );
  lines.push(
    `| (e)/(c): the fork every non-run-commands executor pays | ${ratio('noopExecutor', 'runCommands').toFixed(2)}× | — |`,
  );
  lines.push(
    `| (a)−(e): the sync executor's own work when it skips (load, checks, stamp) | ${fmt(s.plugin.median - s.noopExecutor.median)} s | — |`,
  );
  lines.push(`| (c)−(d): what any Nx target adds to uv sync | ${fmt(s.runCommands.median - s.uvAlone.median)} s | — |`);
  lines.push('');
  lines.push(
    'Nx runs `nx:run-commands` tasks inside its own process (`NX_RUN_COMMANDS_DIRECTLY`, default on) and forks a Node process for every other executor, so (c) is a floor no executor reaches; (e) measures that fork, (a)−(e) what the plugin itself adds.',
  );
  lines.push('');
  lines.push(
    `First sync of the dev environment (editable members, pytest, ruff, torch ${args.backend}; uv cache warm): ${fmt(res.sync.firstSync)} s.`,
  );
  lines.push('');
  lines.push('### `nx run-many -t lock` (dev, staging, prod)');
  lines.push('');
  lines.push('| run | s |');
  lines.push('|---|---:|');
  lines.push(
    `| first run ever (empty Nx cache; uv has not seen these remotes or this index) | **${fmt(res.lock.firstEver)}** (1 run) |`,
  );
  lines.push(
    `| second run, from the locks the first wrote (a miss: \`lock\` hashes the lock it starts from; uv finds them current) | ${fmt(res.lock.fromLocks)} (1 run) |`,
  );
  lines.push(`| locking again: lock files removed, \`--skip-nx-cache\` (uv cache warm) | ${cell(res.lock.rerun)} |`);
  lines.push(`| all cache hits ("Nx read the output from the cache … 3 out of 3 tasks") | ${cell(res.lock.hit)} |`);
  lines.push('');
  lines.push(
    `All-hit / first run: ${(res.lock.hit.median / res.lock.firstEver).toFixed(2)}× (${fmt(res.lock.firstEver / res.lock.hit.median)}× faster); all-hit / locking again: ${(res.lock.hit.median / res.lock.rerun.median).toFixed(2)}×. Median of ${args.lockRepeat} rounds; CPU busy before the rounds ${pct(res.lock.busy)}, load avg ≈ ${res.lock.load.toFixed(1)}.`,
  );
  lines.push('');
  lines.push(GENERATED_END);
  lines.push('');
  return lines.join('\n');
}
