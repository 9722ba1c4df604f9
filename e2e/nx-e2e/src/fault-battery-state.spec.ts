/**
 * Fault battery, state and trust (issue 13, classes 5, 6, 9): real Nx, uv and git on the lockable
 * playground. What a user would check after each fault:
 *
 *   stale lock     a lock file naming a live but unrelated process (pid reuse) does not block sync;
 *                  a live owner makes sync wait, say who holds the lock, and go on once it is deleted
 *   non-UTF-8      pin refuses a Latin-1 comment in staging/pyproject.toml in one line, byte-identical
 *   nx.json        environment and backend keep the comments (and every other byte) of nx.json
 *   uv refuses     members as a string, a pyproject.toml directory, a refused .gitmodules URL:
 *                  one problem line each (nx show projects, nx sync --check)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { assertSuccess, describeWithTools, git, runNx, type PlaygroundWorkspace } from './utils';
import { createUvPlaygroundWorkspace, outputOf, startTorchIndexFixture, type TorchIndexFixture } from './utils/uv';

const STATIC = '--output-style=static';
const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;
const log = (title: string, text: string) => process.stdout.write(`\n[fault-battery-state] ${title}\n${text.trim()}\n`);
const pluginLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.includes('@mlws/nx:'))
    .join('\n');

/** Where the sync executor keeps the lock of a venv (docs/troubleshooting.md names it too). */
function lockFileOf(root: string, venvDir: string): string {
  const venv = join(realpathSync(join(root, venvDir, '..')), '.venv');
  const hash = createHash('sha1').update(venv).digest('hex').slice(0, 16);
  return join(root, '.nx', 'workspace-data', 'mlws-sync-locks', `sync-${hash}.lock`);
}

/** Field 22 of /proc/<pid>/stat: the start time that tells a process from a later one with its pid. */
function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/)[19];
}

function writeLock(file: string, pid: number, start: string): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  writeFileSync(
    file,
    JSON.stringify({
      pid,
      start,
      boot,
      host: hostname(),
      command: 'nx run dev:sync',
      since: '2026-01-01T00:00:00.000Z',
      nonce: 'e2e',
    }),
  );
}

/** Whether `after` keeps every byte of `before`, in order (text was only added). */
function keepsEveryByte(before: string, after: string): boolean {
  let i = 0;
  for (const ch of after) if (i < before.length && ch === before[i]) i++;
  return i === before.length;
}

describeWithTools(['git', 'uv'], 'fault battery: locks, bytes, and what uv refuses', () => {
  let index: TorchIndexFixture;
  let ws: PlaygroundWorkspace;
  let sleeper: ChildProcess;

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
    // an unrelated live process whose pid a stale lock can name
    sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    await new Promise((r) => sleeper.once('spawn', r));
  });
  afterAll(async () => {
    sleeper?.kill('SIGKILL');
    await index?.stop();
  });
  afterEach(async () => {
    await git(ws.root, ['checkout', '--quiet', '--', '.']);
    await git(ws.root, ['clean', '-fdq', '--', 'packages', 'qa', 'pyproject.toml']);
  });

  it('a stale lock naming a live, unrelated process (pid reuse) does not block sync', async () => {
    const file = lockFileOf(ws.root, '.venv');
    writeLock(file, sleeper.pid as number, '1'); // the pid lives, but it started at another time
    const r = assertSuccess(
      await runNx(ws.root, ['run', 'model-interface:sync:dev', '--backend', 'cpu', STATIC], undefined, {
        timeoutMs: 4 * 60 * 1000,
      }),
      ws.root,
    );
    log('sync with a stale lock', pluginLines(outputOf(r)));
    expect(outputOf(r)).toContain(
      `@mlws/nx: taking over the lock of the dev environment (.venv) (${file}): pid ${sleeper.pid} is now another process`,
    );
    expect(outputOf(r)).toContain('@mlws/nx: synced the dev environment');
    expect(existsSync(file)).toBe(false);
    expect(sleeper.exitCode).toBeNull(); // nothing was done to the unrelated process
  });

  it(
    'a live owner makes sync wait and say who holds the lock; deleting the lock file lets it go on',
    async () => {
      const file = lockFileOf(ws.root, '.venv');
      writeLock(file, sleeper.pid as number, startTime(sleeper.pid as number));
      const running = runNx(
        ws.root,
        ['run', 'model-interface:sync:dev', '--backend', 'cpu', '--force', STATIC],
        undefined,
        { timeoutMs: 4 * 60 * 1000 },
      );
      await new Promise((r) => setTimeout(r, 20_000));
      expect(existsSync(file)).toBe(true); // still waiting: nobody took it over
      rmSync(file); // the advice of the waiting message
      const r = assertSuccess(await running, ws.root);
      log('sync waiting for a live owner', pluginLines(outputOf(r)));
      expect(outputOf(r)).toContain(
        `@mlws/nx: waiting for the dev environment (.venv): its lock is held by pid ${sleeper.pid} (nx run dev:sync) since 2026-01-01T00:00:00.000Z; if no such sync is running, delete ${file}`,
      );
      expect(outputOf(r)).toContain('@mlws/nx: synced the dev environment');
    },
    5 * 60 * 1000,
  );

  it('pin refuses a staging/pyproject.toml with a Latin-1 comment in one line and leaves it byte-identical', async () => {
    const file = join(ws.root, 'staging', 'pyproject.toml');
    const latin1 = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait\n'),
      readFileSync(file),
    ]);
    writeFileSync(file, latin1);
    const r = await runNx(ws.root, ['g', '@mlws/nx:pin', 'bench-utils', '--env=staging', '--tag=v0.1.3.dev0']);
    log('pin with a non-UTF-8 staging/pyproject.toml', outputOf(r));
    expect(r.code).not.toBe(0);
    expect(outputOf(r)).toContain(
      '@mlws/nx: staging/pyproject.toml is not UTF-8 (byte 0xe9 on line 1), and uv refuses such a file too: convert it to UTF-8',
    );
    expect(outputOf(r)).not.toMatch(STACK_LINE);
    expect(readFileSync(file).equals(latin1)).toBe(true);
  });

  it('environment and backend keep the comments and every other byte of nx.json', async () => {
    const before = [
      '// Nx settings of the ML workspace',
      '{',
      '  /* the plugin */',
      '  "plugins": [',
      '    "@mlws/nx" // registered by nx add',
      '  ],',
      '  "namedInputs": { "default": ["{projectRoot}/**/*"] } // keep this',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(ws.root, 'nx.json'), before);
    const env = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:environment', 'qa']), ws.root);
    const afterEnv = readFileSync(join(ws.root, 'nx.json'), 'utf8');
    log('nx.json after environment qa', afterEnv);
    expect(pluginLines(outputOf(env))).toContain('listed qa in the @mlws/nx plugin options');
    expect(keepsEveryByte(before.replace('"@mlws/nx"', ''), afterEnv)).toBe(true);
    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:backend', 'cu126', '--skip-lock']), ws.root);
    const afterBackend = readFileSync(join(ws.root, 'nx.json'), 'utf8');
    log('nx.json after backend cu126', afterBackend);
    for (const comment of [
      '// Nx settings of the ML workspace',
      '/* the plugin */',
      '// registered by nx add',
      '// keep this',
    ])
      expect(afterBackend).toContain(comment);
    expect(keepsEveryByte(afterEnv, afterBackend)).toBe(true);
    const projects = JSON.parse(
      assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root).stdout,
    ) as string[];
    expect(projects).toContain('qa');
  });

  it('members as a string: no packages and a problem line naming the file, the key and the fix', async () => {
    const file = join(ws.root, 'pyproject.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('members = ["packages/*"]', 'members = "packages/*"'));
    const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
    log('members as a string', pluginLines(outputOf(r)));
    expect(JSON.parse(r.stdout)).not.toContain('bench-utils');
    expect(outputOf(r)).toContain(
      '@mlws/nx: pyproject.toml: [tool.uv.workspace] members must be an array of glob strings, not a string ("packages/*"), and uv refuses it: write members = ["packages/*"]',
    );
    expect(outputOf(r)).not.toMatch(STACK_LINE);
  });

  it('a member whose pyproject.toml is a directory, and a source of the wrong type: one line each', async () => {
    mkdirSync(join(ws.root, 'packages', 'scratch', 'pyproject.toml'), { recursive: true });
    const file = join(ws.root, 'packages', 'bench-utils', 'pyproject.toml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n[tool.uv.sources]\nnumpy = "https://example.invalid/numpy"\n`);
    const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
    log('pyproject directory and wrong source type', pluginLines(outputOf(r)));
    expect(outputOf(r)).toContain(
      '@mlws/nx: packages/scratch/pyproject.toml is a directory, not a file, and uv refuses the workspace',
    );
    expect(outputOf(r)).toContain(
      '@mlws/nx: packages/bench-utils/pyproject.toml: [tool.uv.sources] numpy must be a table or an array of tables, not a string',
    );
    expect(JSON.parse(r.stdout)).toContain('bench-utils');
    await git(join(ws.root, 'packages', 'bench-utils'), ['checkout', '--quiet', '--', 'pyproject.toml']);
    rmSync(join(ws.root, 'packages', 'scratch'), { recursive: true });
  });

  it('nx sync --check fails on a .gitmodules URL the plugin refuses instead of saying "up to date"', async () => {
    const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(ws.root, 'nx.json'),
      JSON.stringify({ ...nxJson, sync: { globalGenerators: ['@mlws/nx:sync'] } }, null, 2),
    );
    assertSuccess(await runNx(ws.root, ['sync']), ws.root);
    assertSuccess(await runNx(ws.root, ['sync', '--check']), ws.root); // up to date before the fault
    const file = join(ws.root, '.gitmodules');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}[submodule "tools/x"]\n\tpath = tools/x\n\turl = ext::sh -c touch% /tmp/pwned\n`,
    );
    const r = await runNx(ws.root, ['sync', '--check']);
    log('nx sync --check with a refused URL', outputOf(r));
    expect(r.code).not.toBe(0);
    expect(outputOf(r)).toContain(
      '.gitmodules: tools/x has the URL "ext::sh -c touch% /tmp/pwned", which @mlws/nx refuses',
    );
    const graph = assertSuccess(await runNx(ws.root, ['show', 'projects']), ws.root);
    expect(outputOf(graph)).toContain('@mlws/nx: .gitmodules: tools/x has the URL');
  });
});
