import { fakeClients } from '../../clients/__testing__/fake-clients';
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { seedsWorkspace, writeFiles } from '../shared/__testing__/fakes';
import { initGenerator } from './generator';
import { fakeRepo } from './__testing__/fake-repo';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
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
