import { createHash, randomBytes } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  chmodSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeOwner, goneReason, ownerRecord, parseOwner } from './lock-owner';
import { procProbe, ProcessProbe } from './process-identity';

/** A lock that cannot be used at all (its directory belongs to someone else): one line. */
export class LockError extends Error {
  override readonly name = 'LockError';
}

export interface LockOptions {
  /** A directory of this user inside the workspace (created 0700), e.g. `.nx/workspace-data/mlws-sync-locks`. */
  lockDir: string;
  /** What this process runs, shown to a process that waits, e.g. `nx run staging:sync`. */
  command: string;
  /** How the environment is named in messages, e.g. `staging/.venv`. */
  label?: string;
  pollMs?: number;
  /** After this long a waiting process says who holds the lock (default 3 s). */
  noticeAfterMs?: number;
  probe?: ProcessProbe;
  /** Where the take-over and waiting notices go (the clients' `log`). */
  log: (line: string) => void;
}

/** An empty lock file older than this is stale (a writer died between create and write). */
const EMPTY_STALE_MS = 10_000;

/**
 * A cross-process lock per virtual environment, so two Nx tasks never run uv on one `.venv` at
 * once (`nx run-many -t sync` over many packages of one environment). The lock is a file created
 * atomically (hard link of a complete record) in a directory only this user can write; its owner is
 * pid + start time + boot id + host, so a lock left by a killed process is taken over even when the
 * pid now belongs to another process. A wait longer than a few seconds says who holds it.
 */
export async function withEnvironmentLock<T>(venvPath: string, fn: () => Promise<T>, options: LockOptions): Promise<T> {
  const probe = options.probe ?? procProbe();
  const log = options.log;
  const pollMs = options.pollMs ?? 100;
  const noticeAfter = options.noticeAfterMs ?? 3000;
  ensurePrivateDir(options.lockDir);
  const file = lockFileFor(options.lockDir, venvPath);
  const mine = JSON.stringify(ownerRecord(probe, options.command, new Date()));
  const started = Date.now();
  let noticed: string | undefined;
  for (;;) {
    if (tryCreate(file, mine)) break;
    const held = readHeld(file);
    if (held === undefined) continue; // released between our attempt and the read
    const owner = parseOwner(held.text);
    // an empty file may be one being written (file systems without hard links); any other text that
    // is not a lock record names no owner that could still be alive
    const beingWritten = held.text.trim() === '' && held.ageMs <= EMPTY_STALE_MS;
    const stale = owner ? goneReason(owner, probe) : beingWritten ? undefined : 'the lock file names no owner';
    if (stale) {
      log(`@mlws/nx: taking over the lock of ${options.label ?? venvPath} (${file}): ${stale}`);
      takeOver(file, held.text);
      continue;
    }
    if (owner && Date.now() - started >= noticeAfter && noticed !== owner.nonce) {
      noticed = owner.nonce;
      log(
        `@mlws/nx: waiting for ${options.label ?? venvPath}: its lock is held by ${describeOwner(owner, probe)}; if no such sync is running, delete ${file}`,
      );
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  try {
    return await fn();
  } finally {
    release(file, mine);
  }
}

/** The lock file of a venv: one per resolved venv path. */
export function lockFileFor(lockDir: string, venvPath: string): string {
  return join(
    lockDir,
    `sync-${createHash('sha1').update(canonicalVenvPath(venvPath)).digest('hex').slice(0, 16)}.lock`,
  );
}

/** The venv path with its parent's symlinks resolved (the venv itself may not exist yet). */
export function canonicalVenvPath(venvPath: string): string {
  const abs = resolve(venvPath);
  try {
    return join(realpathSync(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

/** Creates the lock directory 0700 and refuses one that another user owns or that is a symlink. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) {
    throw new LockError(
      `${dir} is not a directory (a symlink or a file), so the sync lock cannot be kept there: remove it and run the command again`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new LockError(
      `${dir} belongs to another user (uid ${st.uid}), who could block every sync: remove it, or point NX_WORKSPACE_DATA_DIRECTORY at a directory of your own`,
    );
  }
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Writes the complete record aside, then hard-links it into place: the lock never exists half-written. */
function tryCreate(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  try {
    linkSync(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // file systems without hard links: exclusive create (a reader may then see it half-written)
    try {
      writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    unlinkQuietly(temp);
  }
}

function readHeld(file: string): { text: string; ageMs: number } | undefined {
  try {
    const ageMs = Date.now() - statSync(file).mtimeMs;
    return { text: readFileSync(file, 'utf8'), ageMs };
  } catch {
    return undefined;
  }
}

/**
 * Removes a stale lock — only the one judged stale: it is renamed aside first (atomic), and if what
 * was moved is another (fresh) lock after all, it is put back.
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // already gone: someone else took it over
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    moved = undefined;
  }
  if (moved !== undefined && moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process took the lock meanwhile; the fresh lock we moved is lost to its owner's release only
    }
  }
  unlinkQuietly(aside);
}

function release(file: string, mine: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  if (current === mine) unlinkQuietly(file);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
