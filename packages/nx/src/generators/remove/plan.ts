import { isLocalGitUrl } from '../../git/git-client';
import { lockFilesOf } from '../../plan/relock';
import { git as gitCommand, type Command, type ProcessCommand } from '../../plan/command';
import type { Plan, Step } from '../../plan/step';

export interface RemovePlanInput {
  name: string;
  dir: string;
  /** The submodule, when the package is one: its URL, whether it is checked out, its git directory (display form) if it exists. */
  submodule?: { url: string; checkedOut: boolean; modulesDir?: string; modulesRoot?: string; gitmodules: string };
  /** A plain member (tracked in the root repository): removed with git rm, leftovers (ignored files) deleted. */
  plain?: boolean;
  /** Pyprojects the tree changed (for the commit hint). */
  changedFiles: string[];
  relock: Step[];
  restoreFiles: Command[];
}

/**
 * What runs after Nx wrote the pyprojects: the submodule's git directory absorbed, the submodule
 * deinitialised and removed (`git rm` drops its `.gitmodules` section and gitlink), then its git
 * changed environments relocked, then its git directory deleted — the point of no return, after
 * everything that can be undone, so a failed relock rolls the removal back. A plain member is
 * removed with `git rm -r` the same way.
 */
export function removePlan(i: RemovePlanInput): Plan {
  const git = (args: string[], extra: Partial<ProcessCommand> = {}): Command => gitCommand('.', args, extra);
  const steps: Step[] = [];
  const s = i.submodule;
  if (s) {
    if (s.checkedOut) {
      steps.push({ command: git(['submodule', 'absorbgitdirs', '--', i.dir]) });
      steps.push({
        command: git(['submodule', 'deinit', '--force', '--', i.dir]),
        undo: [
          git(['submodule', 'update', '--init', '--', i.dir], isLocalGitUrl(s.url) ? { allowFileProtocol: true } : {}),
        ],
      });
    }
    steps.push({
      command: git(['rm', '--quiet', '--force', '--', i.dir]),
      undo: [
        git(['reset', '--quiet', '--', '.gitmodules', i.dir]),
        { program: 'restore', path: '.gitmodules', content: s.gitmodules },
      ],
    });
    steps.push(...i.relock);
    if (s.modulesDir)
      steps.push({
        command: { program: 'rm', path: s.modulesDir, ...(s.modulesRoot ? { within: s.modulesRoot } : {}) },
        irreversible: true,
      });
  } else if (i.plain) {
    steps.push({
      command: git(['rm', '-r', '--quiet', '--', i.dir]),
      undo: [git(['reset', '--quiet', '--', i.dir]), git(['checkout', '--', i.dir])],
    });
    steps.push(...i.relock);
    // what is left are ignored files (caches, virtualenvs): nothing that git status would show
    steps.push({ command: { program: 'rm', path: i.dir }, irreversible: true });
  } else steps.push(...i.relock);
  // git rm staged the removal itself (the path no longer matches anything git add could take)
  const files = [...(s ? ['.gitmodules'] : []), ...i.changedFiles, ...lockFilesOf(i.relock)].join(' ');
  return {
    steps,
    restoreFiles: i.restoreFiles,
    done: `removed ${i.name} (${i.dir}); commit it: ${files ? `git add --all -- ${files} && ` : ''}git commit -m "Remove ${i.name}"`,
  };
}
