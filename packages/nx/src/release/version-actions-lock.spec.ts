import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AfterAllProjectsVersioned } from 'nx/release';
import { type Call, fakeClients, fakeUv } from '../clients/__testing__/fake-clients';
import { afterAllProjectsVersioned } from './version-actions';

describe('afterAllProjectsVersioned with injected clients', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlws-version-lock-'));
    writeFileSync(
      join(dir, 'pyproject.toml'),
      '[project]\nname = "ml"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    );
    mkdirSync(join(dir, 'staging'));
    writeFileSync(join(dir, 'uv.lock'), 'version = 1\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is what Nx calls: (cwd, options) with the real clients by default', () => {
    const hook: AfterAllProjectsVersioned = afterAllProjectsVersioned;
    expect(hook.length).toBeLessThanOrEqual(2);
  });

  it('--dry-run prints each lock it would refresh through clients.log and runs nothing', async () => {
    const calls: Call[] = [];
    const clients = fakeClients({ uv: fakeUv(calls) });
    const r = await afterAllProjectsVersioned(
      dir,
      { dryRun: true, rootVersionActionsOptions: { lockEnvironments: ['./staging/'] } },
      clients,
    );
    expect(r).toEqual({ changedFiles: [], deletedFiles: [] });
    expect(calls).toEqual([]);
    expect(clients.lines).toEqual([
      '@mlws/nx: would refresh uv.lock: uv lock',
      '@mlws/nx: would refresh staging/uv.lock: uv lock --project staging',
    ]);
  });

  it('relocks through the injected uv and reports which locks changed', async () => {
    const calls: Call[] = [];
    const uv = fakeUv(calls, ({ args }) => {
      if (args.includes('staging')) writeFileSync(join(dir, 'staging', 'uv.lock'), 'version = 1\n');
      return undefined;
    });
    const clients = fakeClients({ uv });
    const r = await afterAllProjectsVersioned(
      dir,
      { rootVersionActionsOptions: { lockEnvironments: ['staging'] } },
      clients,
    );
    expect(calls).toEqual([
      { cwd: dir, args: ['lock'] },
      { cwd: dir, args: ['lock', '--project', 'staging'] },
    ]);
    expect(r).toEqual({ changedFiles: ['staging/uv.lock'], deletedFiles: [] });
    expect(clients.lines).toEqual([
      '@mlws/nx: refreshed uv.lock: uv lock (unchanged)',
      '@mlws/nx: refreshed staging/uv.lock: uv lock --project staging',
    ]);
  });

  it('a missing uv stops with the lookup message, before any lock is touched', async () => {
    const clients = fakeClients({ uv: async () => ({ ok: false, message: 'uv is not on PATH: install uv' }) });
    await expect(afterAllProjectsVersioned(dir, { rootVersionActionsOptions: {} }, clients)).rejects.toThrow(
      '@mlws/nx: cannot refresh the locks after versioning: uv is not on PATH: install uv',
    );
  });
});
