import { isLocalGitUrl } from '../../git/git-client';
import { git, type Command } from '../../plan/command';
import type { Plan, Step } from '../../plan/step';
import type { PackageSpec } from './options';

export interface PackagePlanInput {
  spec: PackageSpec;
  /** The submodule's git directory after absorbgitdirs (`.git/modules/<name>`, display form). */
  modulesDir: string;
  relock: Step[];
  restoreFiles: Command[];
}

/**
 * What runs after Nx wrote the package's files, the root pyproject and `.gitmodules`:
 * a repository in the package directory with one commit on main, attached as a submodule (its git
 * directory absorbed into the root's `.git/modules`), the dev lock refreshed, then pushed — the
 * point of no return, so every local step before it (a failed relock too) is undone on failure.
 */
export function packagePlan({ spec, modulesDir, relock, restoreFiles }: PackagePlanInput): Plan {
  const files = `${spec.dir} pyproject.toml${relock.length ? ' uv.lock' : ''}`;
  if (!spec.submodule || !spec.remote) {
    return {
      steps: relock,
      restoreFiles,
      done: `created ${spec.normalizedName} in ${spec.dir}; commit it: git add ${files} && git commit -m "Add ${spec.normalizedName}"`,
    };
  }
  const url = spec.remote;
  const local = isLocalGitUrl(url);
  const steps: Step[] = [
    {
      command: git(spec.dir, ['init', '--quiet', '--initial-branch=main']),
      undo: [{ program: 'rm', path: spec.dir }],
    },
    { command: git(spec.dir, ['add', '--all']) },
    { command: git(spec.dir, ['commit', '--quiet', '-m', `Create ${spec.name} ${spec.version}`]) },
    { command: git(spec.dir, ['remote', 'add', 'origin', url]) },
    {
      command: git(
        '.',
        ['submodule', 'add', '--quiet', '--name', spec.dir, '--', url, spec.dir],
        local ? { allowFileProtocol: true } : {},
      ),
      undo: [
        git('.', ['reset', '--quiet', '--', '.gitmodules', spec.dir]),
        git('.', ['config', '--remove-section', `submodule.${spec.dir}`], { mayFail: true }),
      ],
    },
    // the git directory is removed only inside the modules directory it belongs to (`<git dir>/modules`)
    {
      command: git('.', ['submodule', 'absorbgitdirs', '--', spec.dir]),
      undo: [{ program: 'rm', path: modulesDir, within: modulesDir.slice(0, -spec.dir.length - 1) }],
    },
    ...relock,
    {
      command: git(
        spec.dir,
        ['push', '--quiet', '--set-upstream', 'origin', 'main'],
        local ? { allowFileProtocol: true } : {},
      ),
      irreversible: true,
    },
  ];
  return {
    steps,
    restoreFiles,
    done: `created ${spec.normalizedName} in ${spec.dir}, pushed to ${url}, attached as a submodule; commit it in the root: git add .gitmodules ${files} && git commit -m "Add ${spec.normalizedName}"`,
  };
}
