import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEnvironmentLock } from './sync-lock';
import { readStamp, stampFor, syncKey, writeStamp } from './sync-stamp';

describe('withEnvironmentLock', () => {
  it('never lets two holders of one venv overlap', async () => {
    const venv = mkdtempSync(join(tmpdir(), 'mlws-lock-'));
    let inside = 0;
    let maxInside = 0;
    const task = () =>
      withEnvironmentLock(venv, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setTimeout(r, 20));
        inside--;
      }, 5);
    await Promise.all([task(), task(), task(), task()]);
    expect(maxInside).toBe(1);
  });

  it('releases the lock when the work throws', async () => {
    const venv = mkdtempSync(join(tmpdir(), 'mlws-lock-'));
    await expect(withEnvironmentLock(venv, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withEnvironmentLock(venv, async () => 'again')).resolves.toBe('again');
  });
});

describe('sync stamp', () => {
  it('matches until a file or site-packages changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'mlws-stamp-'));
    writeFileSync(join(root, 'uv.lock'), 'v1');
    const venv = join(root, '.venv');
    const site = join(venv, 'lib', 'python3.11', 'site-packages');
    mkdirSync(site, { recursive: true });
    const key = () => syncKey({ argv: ['sync'], uvVersion: '0.13.8', files: ['uv.lock'], workspaceRoot: root });
    expect(readStamp(venv)).toBeUndefined();
    writeStamp(venv, key());
    expect(readStamp(venv)).toBe(stampFor(venv, key()));
    writeFileSync(join(root, 'uv.lock'), 'v2');
    expect(readStamp(venv)).not.toBe(stampFor(venv, key()));
  });
});
