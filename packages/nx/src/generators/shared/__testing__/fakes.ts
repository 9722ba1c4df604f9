import type { Tree } from '@nx/devkit';
import { fakeClients, FakeClients, fakeUv } from '../../../clients/__testing__/fake-clients';
import type { GitClient } from '../../../git/git-client';
import type { RunResult } from '../../../process/run-process';

export interface FakeDeps extends FakeClients {
  /** Every git argv run, with its cwd. */
  gitCalls: Array<{ cwd: string; args: string[] }>;
  uvCalls: Array<{ cwd: string; args: string[] }>;
}

/**
 * Fake clients: `tags` maps a remote URL to its tags (ls-remote answers from it, other URLs fail
 * like an unreachable remote); `uvExit` is the exit code of every uv run.
 */
export function fakeDeps(
  opts: { tags?: Record<string, string[]>; uvExit?: number; uvStderr?: string; origin?: string } = {},
): FakeDeps {
  const gitCalls: FakeDeps['gitCalls'] = [];
  const uvCalls: FakeDeps['uvCalls'] = [];
  const ok = (stdout: string): RunResult => ({ exitCode: 0, stdout, stderr: '' });
  const git: GitClient = {
    run: async (args, { cwd }) => {
      gitCalls.push({ cwd, args: [...args] });
      if (args[0] === 'ls-remote') {
        const url = args[args.length - 1];
        const tags = opts.tags?.[url];
        if (!tags)
          return {
            exitCode: 128,
            stdout: '',
            stderr: `fatal: '${url}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n`,
          };
        return ok(tags.map((t, i) => `${String(i).padStart(40, '0')}\trefs/tags/${t}\n`).join(''));
      }
      if (args[0] === 'config' && opts.origin) return ok(`${opts.origin}\n`);
      return { exitCode: 1, stdout: '', stderr: '' };
    },
    must: async () => '',
  };
  const clients = fakeClients({
    git,
    uv: fakeUv(uvCalls, () => ({ exitCode: opts.uvExit ?? 0, stderr: opts.uvStderr ?? '' })),
  });
  return Object.assign(clients, { gitCalls, uvCalls });
}

/** Writes files into a tree. */
export function writeFiles(tree: Tree, files: Record<string, string>): void {
  for (const [p, c] of Object.entries(files)) tree.write(p, c);
}

export const REMOTES = 'file:///srv/remotes';

/** A small workspace of the seeds' shape: two submodule packages, staging and prod pinning them. */
export function seedsWorkspace(): Record<string, string> {
  const pkg = (name: string, version: string) =>
    `[project]\nname = "${name}"\nversion = "${version}"\nrequires-python = ">=3.10"\ndependencies = []\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
  return {
    'pyproject.toml': [
      '[project]',
      'name = "ml"',
      'version = "0.1.0"',
      'requires-python = ">=3.10"',
      'dependencies = [',
      '    "bench-utils",',
      '    "model-qwen2-5-vl",  # lives in packages/model_qwen2.5-vl',
      ']',
      '',
      '[tool.uv.workspace]',
      'members = ["packages/*"]',
      '',
      '[tool.uv.sources]',
      'bench-utils      = { workspace = true }',
      'model-qwen2-5-vl = { workspace = true }',
      '',
    ].join('\n'),
    '.gitmodules': [
      '[submodule "packages/bench-utils"]',
      '\tpath = packages/bench-utils',
      `\turl = ${REMOTES}/bench-utils.git`,
      '[submodule "packages/model_qwen2.5-vl"]',
      '\tpath = packages/model_qwen2.5-vl',
      `\turl = ${REMOTES}/model-qwen2_5-vl.git`,
      '',
    ].join('\n'),
    'packages/bench-utils/pyproject.toml': pkg('bench-utils', '0.1.3.dev0'),
    'packages/model_qwen2.5-vl/pyproject.toml': pkg('model-qwen2_5-vl', '0.1.2.dev0'),
    'staging/pyproject.toml': [
      '# staging',
      '[project]',
      'name = "ml-staging"',
      'version = "0.1.0"',
      'dependencies = [',
      '    "bench-utils",',
      '    "model-qwen2-5-vl",',
      ']',
      '',
      '[tool.uv.sources]',
      `bench-utils      = { git = "${REMOTES}/bench-utils",       tag = "v0.1.3.dev0", subdirectory = "." }`,
      `model-qwen2-5-vl = { git = "${REMOTES}/model-qwen2_5-vl/", tag = "v0.1.2.dev0", subdirectory = "." }`,
      '',
    ].join('\n'),
    'prod/pyproject.toml': [
      '# prod',
      '[project]',
      'name = "ml-prod"',
      'version = "0.1.0"',
      'dependencies = [',
      '    "bench-utils",',
      ']',
      '',
      '[tool.uv.sources]',
      `bench-utils = { git = "${REMOTES}/bench-utils/", tag = "0.1.2", subdirectory = "." }`,
      '',
    ].join('\n'),
  };
}
