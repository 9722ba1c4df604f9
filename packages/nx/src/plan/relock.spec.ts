import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRelock } from './relock';

describe('runRelock (the one relock policy)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'relock-'));
    mkdirSync(join(root, 'staging'));
    writeFileSync(join(root, 'uv.lock'), 'dev before\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('puts back the locks already rewritten when a later one fails, and reports the failure', async () => {
    const ran: string[] = [];
    const locked: string[] = [];
    const boom = new Error('uv lock --project staging failed');
    const failed = await runRelock(
      [
        { name: 'dev', path: '.' },
        { name: 'staging', path: 'staging' },
      ],
      { root, log: () => undefined },
      {
        run: async (c, env) => {
          ran.push(`${env}: ${c.args.join(' ')}`);
          if (env === 'dev') writeFileSync(join(root, 'uv.lock'), 'dev after\n');
          else {
            writeFileSync(join(root, 'staging/uv.lock'), 'half written\n');
            throw boom;
          }
        },
        locked: (t, before, shown) => locked.push(`${t.name} ${before === null ? 'new' : 'had'} ${shown}`),
      },
    );
    expect(ran).toEqual(['dev: lock', 'staging: lock --project staging']);
    expect(locked).toEqual(['dev had uv lock']);
    expect(failed).toEqual({ line: boom.message, error: boom, shown: 'uv lock --project staging' });
    expect(readFileSync(join(root, 'uv.lock'), 'utf8')).toBe('dev before\n');
    expect(existsSync(join(root, 'staging/uv.lock'))).toBe(false);
  });

  it('returns nothing when every lock succeeds, and keeps the new locks', async () => {
    const failed = await runRelock(
      [{ name: 'dev', path: '.' }],
      { root, log: () => undefined },
      {
        run: async () => writeFileSync(join(root, 'uv.lock'), 'dev after\n'),
      },
    );
    expect(failed).toBeUndefined();
    expect(readFileSync(join(root, 'uv.lock'), 'utf8')).toBe('dev after\n');
  });
});
