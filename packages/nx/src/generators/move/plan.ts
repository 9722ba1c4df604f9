import { posix } from 'node:path';
import { isLocalGitUrl } from '../../git/git-client';
import { lockFilesOf } from '../../plan/relock';
import { git as gitCommand, type Command, type ProcessCommand } from '../../plan/command';
import type { Plan, Step } from '../../plan/step';

export interface MovePlanInput {
  name: string;
  from: string;
  to: string;
  /** The top-most parent of `to` that does not exist yet (created first; git mv needs it). */
  newParent?: string;
  /**
   * The submodule: URL, whether it is checked out, its git directory (display form) if it exists,
   * and `core.worktree` for the old and the new place (relative to the git directory, as git writes it).
   */
  submodule?: { url: string; checkedOut: boolean; modulesDir?: string; worktree?: { from: string; to: string } };
  changedFiles: string[];
  relock: Step[];
  restoreFiles: Command[];
}

/**
 * What runs after Nx wrote the pyproject edits: the parent directory made, the submodule's git
 * directory absorbed, `git mv` (it rewrites the `.gitmodules` path, moves the work tree and the
 * index entry), `core.worktree` of the git directory set to the new place, `git submodule sync`,
 * then the relock. Every step can be undone (git mv back), so a failed relock rolls the move back.
 */
export function movePlan(i: MovePlanInput): Plan {
  const git = (args: string[], extra: Partial<ProcessCommand> = {}): Command => gitCommand('.', args, extra);
  const steps: Step[] = [];
  if (i.newParent)
    steps.push({
      command: { program: 'mkdir', path: posix.dirname(i.to) },
      undo: [{ program: 'rm', path: i.newParent }],
    });
  const s = i.submodule;
  if (s?.checkedOut) steps.push({ command: git(['submodule', 'absorbgitdirs', '--', i.from]) });
  steps.push({ command: git(['mv', '--', i.from, i.to]), undo: [git(['mv', '--', i.to, i.from])] });
  if (s?.checkedOut && s.modulesDir && s.worktree) {
    const config = `${s.modulesDir}/config`;
    steps.push({
      command: git(['config', '--file', config, 'core.worktree', s.worktree.to]),
      undo: [git(['config', '--file', config, 'core.worktree', s.worktree.from])],
    });
  }
  if (s)
    steps.push({
      command: git(
        ['submodule', 'sync', '--quiet', '--', i.to],
        isLocalGitUrl(s.url) ? { allowFileProtocol: true } : {},
      ),
    });
  steps.push(...i.relock);
  // git mv staged the move itself (and the old path no longer matches anything git add could take)
  const files = [...(s ? ['.gitmodules'] : []), i.to, ...i.changedFiles, ...lockFilesOf(i.relock)].join(' ');
  return {
    steps,
    restoreFiles: i.restoreFiles,
    done: `moved ${i.name} from ${i.from} to ${i.to}; commit it: git add --all -- ${files} && git commit -m "Move ${i.name} to ${i.to}"`,
  };
}
