import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { containmentProblem, removeContained } from '../fs/contained';
import type { GitClient } from '../git/git-client';
import type { UvClient } from '../uv/uv-client';
import { Command, showCommand } from './command';
import { commandFailure, Failure } from './failure';

/** The clients a plan runs its commands with, and where. */
export interface PlanContext {
  /** Absolute workspace root: commands' workspace-relative paths are resolved from it. */
  root: string;
  /** git, when the plan has git steps. */
  git?: GitClient;
  /** uv, when the plan has uv steps (found while validating). */
  uv?: UvClient;
  /** One line for the user (already prefixed). */
  log: (line: string) => void;
  /** Show git's exit code in failures (the release's wording). */
  exitCodes?: boolean;
  /** Stream uv's output to the terminal (default true). */
  streamUv?: boolean;
}

export type Outcome = { ok: true; stdout: string } | ({ ok: false } & Failure);

/**
 * Runs one command: git and uv through their clients (argument arrays), file commands here, each
 * path checked to lie where it must. Never throws: a failure is one line (failure.ts).
 * `environment`: the environment a `uv lock` relocks (named in its diagnosis).
 */
export async function execute(c: Command, ctx: PlanContext, environment?: string): Promise<Outcome> {
  const at = (p: string) => resolve(ctx.root, p);
  const failure = { root: ctx.root, ...(environment ? { environment } : {}), exitCode: ctx.exitCodes ?? false };
  try {
    switch (c.program) {
      case 'git': {
        if (!ctx.git) return fileFailure(c, 'git was not given');
        const r = await ctx.git.run(c.args, {
          cwd: at(c.cwd),
          allowFileProtocol: c.allowFileProtocol ?? false,
        });
        return r.exitCode === 0 ? { ok: true, stdout: r.stdout } : { ok: false, ...commandFailure(c, r, failure) };
      }
      case 'uv': {
        if (!ctx.uv) return fileFailure(c, 'uv was not found');
        const r = await ctx.uv.run(c.args, { cwd: at(c.cwd), stream: ctx.streamUv ?? true });
        return r.exitCode === 0 ? { ok: true, stdout: r.stdout } : { ok: false, ...commandFailure(c, r, failure) };
      }
      case 'rm':
        removeContained(at(c.path), at(c.within ?? '.'), c.within ?? 'the workspace');
        return { ok: true, stdout: '' };
      case 'mkdir':
        mustBeInWorkspace(at(c.path), ctx.root);
        mkdirSync(at(c.path), { recursive: true });
        return { ok: true, stdout: '' };
      case 'restore':
        mustBeInWorkspace(at(c.path), ctx.root);
        if (c.content === null) rmSync(at(c.path), { force: true });
        else {
          mkdirSync(dirname(at(c.path)), { recursive: true });
          writeFileSync(at(c.path), c.content);
        }
        return { ok: true, stdout: '' };
    }
  } catch (e) {
    return fileFailure(c, e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e));
  }
}

/** Files and directories the plan writes (restores, mkdir) lie inside the workspace, symlinks followed. */
function mustBeInWorkspace(abs: string, root: string): void {
  const problem = containmentProblem(abs, root, 'the workspace');
  if (problem) throw new Error(`refused to write ${abs}: it ${problem}`);
}

function fileFailure(c: Command, why: string): Outcome {
  return { ok: false, why, line: `${showCommand(c)} failed: ${why}` };
}
