import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStamp, stampFor, syncKey, writeStamp } from './sync-stamp';

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
