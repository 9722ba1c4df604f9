import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStateFile, removeStateFile, writeStateFile } from './state-file';

describe('the state file of a resumable plan', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mlws-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the state, written atomically with its time and without credentials in URLs', () => {
    const file = join(dir, 'x', 'state.json');
    expect(readStateFile(file, 1)).toEqual({ ok: true });
    writeStateFile(file, { schema: 1, done: ['a'], url: 'https://user:secret@git.example.com/x.git' }, new Date(0));
    expect(readdirSync(join(dir, 'x'))).toEqual(['state.json']); // no temp file left
    const r = readStateFile<{ done: string[]; url: string; updatedAt: string }>(file, 1);
    expect(r.ok && r.state?.done).toEqual(['a']);
    expect(readFileSync(file, 'utf8')).not.toContain('secret');
    expect(r.ok && r.state?.updatedAt).toBe('1970-01-01T00:00:00.000Z');
    removeStateFile(file);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a state of another schema, or one that is not JSON', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"schema": 2, "done": []}');
    expect(readStateFile(file, 1)).toEqual({ ok: false, why: 'unknown' });
    writeFileSync(file, '{ not json');
    const r = readStateFile(file, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why).not.toBe('unknown');
  });
});
