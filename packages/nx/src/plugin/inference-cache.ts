import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A JSON map persisted in Nx's workspace data directory, the way Nx's own plugins keep their
 * inference results: one file per plugin-options hash and plugin version; entries keyed by a hash
 * of what they were computed from. `NX_CACHE_PROJECT_GRAPH=false` turns it off (memory only).
 */
export class InferenceCache<T> {
  private entries: Record<string, T> = {};
  private dirty = false;
  private readonly persistent: boolean;

  constructor(private readonly file: string) {
    this.persistent = process.env.NX_CACHE_PROJECT_GRAPH !== 'false';
    if (this.persistent && existsSync(file)) {
      try {
        this.entries = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        this.entries = {}; // a torn or foreign file is just a cold cache
      }
    }
  }

  get(key: string): T | undefined {
    return Object.prototype.hasOwnProperty.call(this.entries, key) ? this.entries[key] : undefined;
  }

  set(key: string, value: T): void {
    this.entries[key] = value;
    this.dirty = true;
  }

  /** Keeps only the given keys (drops entries of files that changed or went away). */
  retain(keys: Iterable<string>): void {
    const keep = new Set(keys);
    for (const k of Object.keys(this.entries)) {
      if (!keep.has(k)) {
        delete this.entries[k];
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.persistent || !this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.entries));
    renameSync(tmp, this.file); // atomic: concurrent readers see the old or the new file
    this.dirty = false;
  }
}

export function hashText(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** Nx's workspace data directory (`.nx/workspace-data` unless configured). */
export function workspaceDataDirectoryOf(workspaceRoot: string): string {
  const fromEnv = process.env.NX_WORKSPACE_DATA_DIRECTORY ?? process.env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  if (fromEnv) return fromEnv.startsWith('/') ? fromEnv : join(workspaceRoot, fromEnv);
  try {
    const { workspaceDataDirectory } = require('nx/src/utils/cache-directory') as { workspaceDataDirectory?: string };
    if (workspaceDataDirectory) return workspaceDataDirectory;
  } catch {
    // older or newer Nx layouts: fall back to the documented default
  }
  return join(workspaceRoot, '.nx', 'workspace-data');
}
