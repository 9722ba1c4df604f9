import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { seedsWorkspace, writeFiles } from '../shared/__testing__/fakes';
import type { GitClient } from '../../git/git-client';
import { initGenerator } from './generator';

/** git of a directory that is not a repository: nothing tracked, nothing ignored, no tags. */
const noRepo: GitClient = {
  run: async () => ({ exitCode: 128, stdout: '', stderr: 'fatal: not a git repository' }),
  must: async () => '',
};
const quiet = { log: () => undefined, git: noRepo };

/** A fake git: `check-ignore` answers `hidden` (path → rule), `ls-files -i -x <p>` answers `tracked[p]`, `tag --list` answers `tags[dir]`. */
function fakeRepo(opts: {
  hidden?: Record<string, string>;
  tracked?: Record<string, string[]>;
  tags?: Record<string, string[]>;
}): GitClient {
  return {
    run: async (args, options) => {
      const cwd = options.cwd;
      if (args[0] === 'check-ignore') {
        const paths = (options?.input ?? '').split('\0').filter(Boolean);
        const out = paths
          .filter((p) => opts.hidden?.[p])
          .map((p) => `${opts.hidden?.[p]}\0${p}\0`)
          .join('');
        return { exitCode: out ? 0 : 1, stdout: out, stderr: '' };
      }
      if (args[0] === 'ls-files') {
        const pattern = args.find((a) => a.startsWith('--exclude='))?.slice('--exclude='.length) ?? '';
        return { exitCode: 0, stdout: (opts.tracked?.[pattern] ?? []).map((f) => `${f}\0`).join(''), stderr: '' };
      }
      if (args[0] === 'tag') {
        const dir = Object.keys(opts.tags ?? {}).find((d) => cwd.endsWith(`/${d}`));
        return { exitCode: 0, stdout: (dir ? (opts.tags?.[dir] ?? []) : []).join('\n'), stderr: '' };
      }
      return { exitCode: 128, stdout: '', stderr: '' };
    },
    must: async () => '',
  };
}

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin once', async () => {
    await initGenerator(tree, { skipFormat: true }, quiet);
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(readNxJson(tree)?.plugins).toEqual(['@mlws/nx']);
    expect(readNxJson(tree)?.sync?.globalGenerators).toEqual(['@mlws/nx:sync']);
  });

  it('creates nx.json when there is none (npm install nx, then nx g @mlws/nx:init)', async () => {
    tree.delete('nx.json');
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}')).toEqual({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      plugins: ['@mlws/nx'],
      sync: { globalGenerators: ['@mlws/nx:sync'] },
    });
    expect(tree.read('.gitignore', 'utf-8')).toMatch(/^node_modules\/$/m);
  });

  it('keeps an object-form registration with its options', async () => {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }];
    updateNxJson(tree, nxJson);
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }]);
  });

  it('appends missing ignore lines and keeps the existing file', async () => {
    tree.write('.gitignore', '# mine\nnode_modules\n.venv');
    await initGenerator(tree, { skipFormat: true }, quiet);
    const text = tree.read('.gitignore', 'utf-8');
    expect(text?.startsWith('# mine\nnode_modules\n.venv\n')).toBe(true);
    expect(text).toContain('dist/\n');
    expect(text?.match(/\.venv/g)).toHaveLength(1);
    expect(text).toContain('.mlws/\n');
    expect(text).not.toMatch(/^reports\/?$/m);
  });

  it('never adds an ignore line over a path the repository tracks, and says which line a tracked path keeps out', async () => {
    tree.write('.gitignore', 'node_modules\nreports/\n');
    const lines: string[] = [];
    const git = fakeRepo({
      tracked: { 'dist/': ['docs/dist/index.html'], 'reports/': ['reports/bench.md', 'reports/2024.md'] },
    });
    await initGenerator(tree, { skipFormat: true }, { log: (l) => lines.push(l), git });
    const text = tree.read('.gitignore', 'utf-8') ?? '';
    expect(text.startsWith('node_modules\nreports/\n')).toBe(true);
    expect(text).not.toMatch(/^dist\/$/m);
    expect(text).toMatch(/^\.venv\/$/m);
    expect(lines).toContain(
      '@mlws/nx: .gitignore: did not add dist/, the repository tracks docs/dist/index.html: new files there would stop showing in git status',
    );
    expect(lines.find((l) => l.startsWith('@mlws/nx: .gitignore:2 reports/'))).toMatch(
      /matches tracked reports\/bench\.md and 1 more, so new files there do not show in git status .*they now go to \.mlws\/reports\/: delete the line unless you want it$/,
    );
  });

  it('.gitignore as a directory is one line with the fix, not EISDIR', async () => {
    tree.write('.gitignore/x', '');
    await expect(initGenerator(tree, { skipFormat: true }, quiet)).rejects.toThrow(
      '@mlws/nx: .gitignore is a directory, but git reads ignore rules from a file of that name: rename the directory (mv .gitignore <other name>), then run the generator again',
    );
  });

  describe('in an empty repository', () => {
    it('scaffolds the uv workspace, the environments, .python-version and the Dockerfile', async () => {
      const lines: string[] = [];
      await initGenerator(
        tree,
        { skipFormat: true, name: 'ml', torchIndexUrl: 'http://127.0.0.1:8123/whl/' },
        fakeClients({ log: (l) => lines.push(l) }),
      );
      for (const f of [
        'pyproject.toml',
        'staging/pyproject.toml',
        'prod/pyproject.toml',
        '.python-version',
        'docker/Dockerfile-uv',
      ]) {
        expect(tree.exists(f)).toBe(true);
      }
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('url = "http://127.0.0.1:8123/whl/cu128"');
      expect(tree.read('prod/pyproject.toml', 'utf-8')).toContain('name = "ml-prod"');
      expect(lines).toEqual([
        '@mlws/nx: added to the plugins in nx.json',
        '@mlws/nx: new uv workspace "ml": backends cpu, cu124, cu128 (indexes under http://127.0.0.1:8123/whl/), Python 3.11',
      ]);
    });

    it('scaffolds the configured environments and backends, and keeps files that exist', async () => {
      const nxJson = readNxJson(tree) ?? {};
      nxJson.plugins = [
        {
          plugin: '@mlws/nx',
          options: {
            environments: ['staging', { name: 'qa', path: 'envs/qa' }],
            backends: { cpu: null, cu126: '12.6.3' },
          },
        },
      ];
      updateNxJson(tree, nxJson);
      tree.write('.python-version', '3.12\n');
      const lines: string[] = [];
      await initGenerator(
        tree,
        { skipFormat: true, skipDockerfile: true, name: 'ml' },
        fakeClients({ log: (l) => lines.push(l) }),
      );
      expect(tree.exists('envs/qa/pyproject.toml')).toBe(true);
      expect(tree.exists('prod/pyproject.toml')).toBe(false);
      expect(tree.exists('docker/Dockerfile-uv')).toBe(false);
      expect(tree.read('.python-version', 'utf-8')).toBe('3.12\n');
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('cu126 = ["torch>=2.5"]');
      expect(lines).toContain('@mlws/nx: kept as they are: .python-version');
    });

    it('writes no Dockerfile when no environment has the prod role, and says how to add one', async () => {
      const nxJson = readNxJson(tree) ?? {};
      nxJson.plugins = [
        { plugin: '@mlws/nx', options: { environments: [{ name: 'qa', path: 'qa', role: 'staging' }] } },
      ];
      updateNxJson(tree, nxJson);
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true, name: 'ml' }, fakeClients({ log: (l) => lines.push(l) }));
      expect(tree.exists('qa/pyproject.toml')).toBe(true);
      expect(tree.exists('docker/Dockerfile-uv')).toBe(false);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^@mlws\/nx: docker\/Dockerfile-uv was not written: no environment has the prod role.*--role prod/,
        ),
      );
    });

    it('takes the name from package.json', async () => {
      tree.write('package.json', JSON.stringify({ name: '@acme/vision-lab' }));
      await initGenerator(tree, { skipFormat: true }, quiet);
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('name = "vision-lab"');
    });

    it('validates its options before writing anything', async () => {
      await expect(initGenerator(tree, { name: 'bad name', torchIndexUrl: 'ext::sh' }, quiet)).rejects.toThrow(
        '@mlws/nx: "bad name" is not a valid Python distribution name (PEP 508: letters, digits, and "-", "_", "." inside)\n@mlws/nx: --torch-index-url ext::sh is not an http(s) or file URL',
      );
      expect(tree.exists('pyproject.toml')).toBe(false);
      expect(readNxJson(tree)?.plugins).toBeUndefined();
    });
  });

  describe('in an existing workspace', () => {
    it('adopts it: no pyproject changes, a report of what it found and what is missing', async () => {
      const files = seedsWorkspace();
      delete files['prod/pyproject.toml'];
      files['.gitmodules'] +=
        '[submodule "packages/prompt-handler"]\n\tpath = packages/prompt-handler\n\turl = file:///srv/remotes/prompt-handler.git\n';
      writeFiles(tree, files);
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true }, fakeClients({ log: (l) => lines.push(l) }));
      for (const [path, text] of Object.entries(files)) expect(tree.read(path, 'utf-8')).toBe(text);
      expect(tree.exists('prod/pyproject.toml')).toBe(false);
      expect(tree.exists('docker/Dockerfile-uv')).toBe(false);
      expect(tree.exists('.python-version')).toBe(false);
      expect(lines).toEqual([
        '@mlws/nx: added to the plugins in nx.json',
        '@mlws/nx: adopted the existing workspace, its pyprojects left as they are: 2 packages (2 submodules, 1 not initialised), environments dev, staging',
        '@mlws/nx: prod/pyproject.toml does not exist: nx g @mlws/nx:environment prod creates it',
        '@mlws/nx: packages/prompt-handler is a submodule that is not initialised: git submodule update --init packages/prompt-handler',
        '@mlws/nx: PyTorch backends: none declared in pyproject.toml (nx g @mlws/nx:backend <name> adds one)',
        '@mlws/nx: ignore rules: no git ignore rule of the repository hides the members from Nx',
      ]);
      expect(tree.exists('.nxignore')).toBe(false);
    });

    it('says what it found: the declared backends and the tag prefix of each package', async () => {
      const files = seedsWorkspace();
      files['pyproject.toml'] = files['pyproject.toml'].replace(
        '\n[tool.uv.workspace]',
        '\n[project.optional-dependencies]\ncu124 = ["torch"]\ncu128 = ["torch"]\nviz = ["matplotlib"]\n\n[tool.uv.workspace]',
      );
      writeFiles(tree, files);
      const lines: string[] = [];
      const git = fakeRepo({
        tags: {
          'packages/bench-utils': ['0.1.2', '0.1.3.dev0'],
          'packages/model_qwen2.5-vl': ['v0.1.0', 'v0.1.2.dev0'],
        },
      });
      await initGenerator(tree, { skipFormat: true }, { log: (l) => lines.push(l), git });
      expect(lines).toContain('@mlws/nx: PyTorch backends: cu124, cu128 (the extras pyproject.toml declares)');
      expect(lines).toContain(
        '@mlws/nx: release tags found: unprefixed versions (1.2.3) in bench-utils; prefix "v" (v1.2.3) in model-qwen2-5-vl',
      );
    });

    it('lets Nx see the members a git ignore rule hides: a .nxignore block, git files unchanged, one line saying so', async () => {
      const files = seedsWorkspace();
      writeFiles(tree, { ...files, '.gitignore': 'packages/*/*\n', '.nxignore': 'data/\n' });
      const rule = '.gitignore\u00001\u0000packages/*/*';
      const git = fakeRepo({
        hidden: {
          'packages/bench-utils/pyproject.toml': rule,
          'packages/bench-utils/src': rule,
          'packages/model_qwen2.5-vl/pyproject.toml': rule,
        },
      });
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true }, { log: (l) => lines.push(l), git });
      const nxignore = tree.read('.nxignore', 'utf-8') ?? '';
      expect(nxignore).toMatch(/^# >>> @mlws\/nx[^\n]*\n!\/packages\/\n!\/packages\/\*\/\n!\/packages\/\*\/\*\*\n/);
      expect(nxignore).toContain('/packages/*/**/.venv/\n');
      expect(nxignore.endsWith('# <<< @mlws/nx\ndata/\n')).toBe(true);
      expect(tree.read('.gitignore', 'utf-8')?.startsWith('packages/*/*\n')).toBe(true);
      for (const [path, text] of Object.entries(files)) expect(tree.read(path, 'utf-8')).toBe(text);
      expect(lines).toContain(
        '@mlws/nx: ignore rules: .gitignore:1 (packages/*/*) hid 2 members from Nx; .nxignore re-includes /packages/*/** for Nx only (git status and git check-ignore answer as before), the Python tool state in them stays hidden',
      );
      // run again: the same block, nothing added twice
      await initGenerator(tree, { skipFormat: true }, { log: () => undefined, git });
      expect(tree.read('.nxignore', 'utf-8')).toBe(nxignore);
    });

    it('with --no-nxignore only names the ignore file, the line and the fix', async () => {
      writeFiles(tree, seedsWorkspace());
      const git = fakeRepo({
        hidden: { 'packages/bench-utils/pyproject.toml': '.git/info/exclude\u00003\u0000packages/**' },
      });
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true, nxignore: false }, { log: (l) => lines.push(l), git });
      expect(tree.exists('.nxignore')).toBe(false);
      expect(lines).toContain(
        '@mlws/nx: packages/bench-utils is a uv workspace member that Nx does not see: .git/info/exclude:3 (packages/**) hides its files from Nx, so Nx finds no pyproject.toml and no sources there: ' +
          'run nx g @mlws/nx:init (it re-includes them for Nx in .nxignore; git is unchanged), or put these lines in .nxignore: !/packages/ !/packages/*/ !/packages/*/**',
      );
    });

    it("leaves a member's own ignore rules and git's per-user excludes file alone", async () => {
      writeFiles(tree, seedsWorkspace());
      const git = fakeRepo({
        hidden: {
          'packages/bench-utils/pyproject.toml': '/home/me/.gitignore_global\u00001\u0000pyproject.toml',
          'packages/model_qwen2.5-vl/src': 'packages/model_qwen2.5-vl/.gitignore\u00001\u0000src',
        },
      });
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true }, { log: (l) => lines.push(l), git });
      expect(tree.exists('.nxignore')).toBe(false);
      expect(lines).toContain('@mlws/nx: ignore rules: no git ignore rule of the repository hides the members from Nx');
    });
  });
});
