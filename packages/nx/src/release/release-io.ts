import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redactUrlsIn } from '../model/redact-url';
import type { ProcessCommand } from '../plan/command';
import { execute, PlanContext } from '../plan/execute';
import { parseToml } from '../vendor/smol-toml';
import type { Clients } from '../clients/clients';
import type { ReleaseState, StepId } from './state';

/** A step that failed: the message is one line. */
export class StepError extends Error {}

/** What the release steps run and write with, for one release. */
export interface ReleaseIo {
  root: string;
  deps: Pick<Clients, 'git' | 'uv' | 'github' | 'env' | 'log' | 'now'>;
  /** Runs a command through the plan engine; its stdout, or a StepError with the one-line failure. */
  exec: (c: ProcessCommand, environment?: string) => Promise<string>;
  /** A file of the release: no URL in it keeps its credentials (the diff is the package's own text). */
  write: (rel: string, text: string) => void;
  /** A workspace-relative file's text (undefined: missing). */
  readRoot: (rel: string) => string | undefined;
  /** `[project].version` of a pyproject's text. */
  versionIn: (text: string | undefined) => string | undefined;
  /** One numbered line of a step (`@mlws/nx: 4/7 …`). */
  say: (step: StepId, line: string) => void;
}

export function releaseIo(
  root: string,
  s: ReleaseState,
  deps: Pick<Clients, 'git' | 'uv' | 'github' | 'env' | 'log' | 'now'>,
  say: ReleaseIo['say'],
): ReleaseIo {
  const exec = async (c: ProcessCommand, environment?: string): Promise<string> => {
    let uv: PlanContext['uv'];
    if (c.program === 'uv') {
      const found = await deps.uv(root);
      if (!found.ok) throw new StepError(found.message);
      uv = found.uv;
    }
    const ctx: PlanContext = { root, git: deps.git, ...(uv ? { uv } : {}), log: deps.log, exitCodes: true };
    const r = await execute(c, ctx, environment);
    if (!r.ok) throw new StepError(r.line);
    return r.stdout;
  };
  const write = (rel: string, text: string) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rel === s.files.changes ? text : redactUrlsIn(text));
  };
  const readRoot = (rel: string) => (existsSync(join(root, rel)) ? readFileSync(join(root, rel), 'utf8') : undefined);
  return { root, deps, exec, write, readRoot, versionIn, say };
}

function versionIn(text: string | undefined): string | undefined {
  try {
    const v = (parseToml(text ?? '') as { project?: { version?: unknown } }).project?.version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

export interface RunInput {
  root: string;
  state: ReleaseState;
  deps: Pick<Clients, 'git' | 'uv' | 'github' | 'env' | 'log' | 'now'>;
  /** The command that continues this release (`nx run x:release --resume`). */
  resumeCommand: string;
  /** Fresh release only: the notes, the commits and the base of the diff (step 2). */
  fresh?: {
    notes: string;
    commits: ReadonlyArray<{ sha: string; subject: string }>;
    emptyTree?: string;
    notesFile?: string;
  };
}

/** What every step of a release works on. */
export interface StepContext {
  input: RunInput;
  s: ReleaseState;
  io: ReleaseIo;
  /** Absolute package directory and its pyproject. */
  pkgAbs: string;
  pyprojectAbs: string;
  /** The pyproject before the bump, put back when the release fails before its commit. */
  before: { pyproject?: string };
}
