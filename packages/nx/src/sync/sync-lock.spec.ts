import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, symlinkSync, unlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockError, lockFileFor, withEnvironmentLock } from './sync-lock';
import { procProbe, ProcessProbe, startTimeOf } from './process-identity';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A machine where pid `alive` started at tick `start` and every other pid is free. */
function fakeProbe(procs: Record<number, string>, boot = 'boot-1', host = 'here'): ProcessProbe {
  const stat = (pid: number, start: string) =>
    `${pid} (node (x) y) S ${Array.from({ length: 18 }, (_, i) => i + 4).join(' ')} ${start} 0 0\n`;
  const files: Record<string, string> = { '/proc/sys/kernel/random/boot_id': `${boot}\n` };
  for (const [pid, start] of Object.entries(procs)) files[`/proc/${pid}/stat`] = stat(Number(pid), start);
  return {
    ...procProbe(
      (p) => files[p],
      (pid) => `/proc/${pid}/stat` in files,
    ),
    hostname: () => host,
  };
}

function setup() {
  const root = temp('mlws-lock-');
  return { venv: join(root, 'staging', '.venv'), lockDir: join(root, '.nx', 'workspace-data', 'mlws-sync-locks') };
}

function writeOwner(file: string, owner: Record<string, unknown>) {
  writeFileSync(
    file,
    JSON.stringify({
      command: 'nx run staging:sync',
      since: '2026-01-02T03:04:05.000Z',
      nonce: 'n1',
      host: 'here',
      ...owner,
    }),
  );
}

describe('startTimeOf', () => {
  it('reads field 22 even when the command holds spaces and parentheses', () => {
    const fields = Array.from({ length: 30 }, (_, i) => String(i + 3)); // fields 3..32
    expect(startTimeOf(`42 (a) b (c) ${fields.join(' ')}`)).toBe('22');
    expect(startTimeOf('garbage')).toBeUndefined();
  });
});

describe('withEnvironmentLock', () => {
  const quiet = { command: 'nx run dev:sync', pollMs: 5, log: () => undefined };

  it('never lets two holders of one venv overlap', async () => {
    const { venv, lockDir } = setup();
    let inside = 0;
    let maxInside = 0;
    const task = () =>
      withEnvironmentLock(
        venv,
        async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 20));
          inside--;
        },
        { ...quiet, lockDir },
      );
    await Promise.all([task(), task(), task(), task()]);
    expect(maxInside).toBe(1);
  });

  it('releases the lock when the work throws, and keeps its directory private', async () => {
    const { venv, lockDir } = setup();
    await expect(
      withEnvironmentLock(venv, async () => Promise.reject(new Error('boom')), { ...quiet, lockDir }),
    ).rejects.toThrow('boom');
    await expect(withEnvironmentLock(venv, async () => 'again', { ...quiet, lockDir })).resolves.toBe('again');
    expect(existsSync(lockFileFor(lockDir, venv))).toBe(false);
    expect(statSync(lockDir).mode & 0o777).toBe(0o700);
  });

  it('takes over a lock whose pid is alive but started at another time (pid reuse)', async () => {
    const { venv, lockDir } = setup();
    const lines: string[] = [];
    const probe = fakeProbe({ 4242: '999', [process.pid]: '100' });
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe, log: (l) => lines.push(l) });
    writeOwner(lockFileFor(lockDir, venv), { pid: 4242, start: '123', boot: 'boot-1' });
    await expect(
      withEnvironmentLock(venv, async () => 'ran', { ...quiet, lockDir, probe, log: (l) => lines.push(l) }),
    ).resolves.toBe('ran');
    expect(lines.join('\n')).toContain('pid 4242 is now another process');
  });

  it('takes over a lock of a pid that is gone, or of another boot', async () => {
    const { venv, lockDir } = setup();
    const lines: string[] = [];
    const probe = fakeProbe({ 4242: '123' });
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe });
    writeOwner(lockFileFor(lockDir, venv), { pid: 5555, start: '1' });
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe, log: (l) => lines.push(l) });
    writeOwner(lockFileFor(lockDir, venv), { pid: 4242, start: '123', boot: 'boot-0' });
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe, log: (l) => lines.push(l) });
    expect(lines).toEqual([
      expect.stringContaining('no process 5555 is running'),
      expect.stringContaining('the machine restarted since'),
    ]);
  });

  it('waits for a live owner and says who holds the lock and how to clear it', async () => {
    const { venv, lockDir } = setup();
    const probe = fakeProbe({ 4242: '123' });
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe });
    const file = lockFileFor(lockDir, venv);
    writeOwner(file, { pid: 4242, start: '123', boot: 'boot-1' });
    const lines: string[] = [];
    let ran = false;
    const waiting = withEnvironmentLock(venv, async () => (ran = true), {
      ...quiet,
      lockDir,
      probe,
      noticeAfterMs: 20,
      label: 'staging/.venv',
      log: (l) => lines.push(l),
    });
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toBe(false);
    expect(lines).toEqual([
      `@mlws/nx: waiting for staging/.venv: its lock is held by pid 4242 (nx run staging:sync) since 2026-01-02T03:04:05.000Z; if no such sync is running, delete ${file}`,
    ]);
    unlinkSync(file); // the owner finishes
    await waiting;
    expect(ran).toBe(true);
  });

  it('waits for an owner on another host (it cannot be checked) and names the host', async () => {
    const { venv, lockDir } = setup();
    const probe = fakeProbe({});
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe });
    const file = lockFileFor(lockDir, venv);
    writeOwner(file, { pid: 1, host: 'build-02' });
    const lines: string[] = [];
    const waiting = withEnvironmentLock(venv, async () => undefined, {
      ...quiet,
      lockDir,
      probe,
      noticeAfterMs: 0,
      log: (l) => lines.push(l),
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(lines[0]).toContain('on host build-02');
    unlinkSync(file);
    await waiting;
  });

  it('takes over a lock file that names no owner (a bare pid, garbage) at once', async () => {
    const { venv, lockDir } = setup();
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir });
    const lines: string[] = [];
    for (const text of [String(process.pid), '{"pid": 1}', 'garbage']) {
      writeFileSync(lockFileFor(lockDir, venv), text);
      await expect(
        withEnvironmentLock(venv, async () => 'ran', { ...quiet, lockDir, log: (l) => lines.push(l) }),
      ).resolves.toBe('ran');
    }
    expect(lines.every((l) => l.endsWith('the lock file names no owner'))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('treats a fresh empty lock file as being written and an old one as stale', async () => {
    const { venv, lockDir } = setup();
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir });
    const file = lockFileFor(lockDir, venv);
    writeFileSync(file, '');
    let ran = false;
    const waiting = withEnvironmentLock(venv, async () => (ran = true), { ...quiet, lockDir });
    await new Promise((r) => setTimeout(r, 40));
    expect(ran).toBe(false);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    await waiting;
    expect(ran).toBe(true);
  });

  it('refuses a lock directory that is a symlink (someone else could point it anywhere)', async () => {
    const root = temp('mlws-lock-');
    const lockDir = join(root, 'locks');
    symlinkSync(temp('mlws-elsewhere-'), lockDir);
    await expect(
      withEnvironmentLock(join(root, '.venv'), async () => undefined, { ...quiet, lockDir }),
    ).rejects.toThrow(LockError);
  });

  it('takes over the lock of a real process that was killed, and waits while it lives', async () => {
    const { venv, lockDir } = setup();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    const probe = procProbe();
    await withEnvironmentLock(venv, async () => undefined, { ...quiet, lockDir, probe });
    const file = lockFileFor(lockDir, venv);
    writeOwner(file, {
      pid: child.pid,
      start: probe.startTime(child.pid as number),
      boot: probe.bootId(),
      host: probe.hostname(),
    });
    let ran = false;
    const lines: string[] = [];
    const waiting = withEnvironmentLock(venv, async () => (ran = true), {
      ...quiet,
      lockDir,
      probe,
      noticeAfterMs: 0,
      log: (l) => lines.push(l),
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(ran).toBe(false);
    expect(lines[0]).toContain(`held by pid ${child.pid}`);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    await waiting;
    expect(ran).toBe(true);
  });
});
