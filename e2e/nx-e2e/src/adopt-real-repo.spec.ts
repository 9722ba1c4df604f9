/**
 * Adopting a real repository of this process, as its authors left it: a uv workspace of submodule
 * packages whose root hides the packages' contents from itself with an ignore rule, and which
 * tracks a `reports/` directory of its own. `nx g @mlws/nx:init`, then what a user checks: every
 * member is a project, a source edit in a member changes its build hash and makes it affected,
 * git answers as before, the tracked `reports/` stays visible, and init said what it did.
 *
 * One fixture per shape of the hiding rule:
 *   - `.gitignore` line `packages/*\/*` (with the usual re-includes of the submodules' own files);
 *   - `.git/info/exclude` line `packages/**`;
 *   - `packages/.gitignore` line `*\/*`, adopted with --no-nxignore (the user declines): the
 *     message names the ignore file, the line and the fix, and following it brings the members back.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSuccess,
  createPlaygroundWorkspace,
  describeWithTools,
  git,
  runGit,
  runNx,
  type PlaygroundWorkspace,
  type RunResult,
} from './utils';
import { outputOf, taskHeaders } from './utils/uv';

const members = ['bench-utils', 'model-interface', 'model-qwen2-5-vl'];
const pluginLines = (r: RunResult) =>
  outputOf(r)
    .split('\n')
    .filter((l) => l.startsWith('@mlws/nx:'));
const commitAll = async (root: string, message: string) => {
  await git(root, ['add', '--all']);
  await git(root, ['commit', '--quiet', '-m', message]);
};
/** The paths git is asked about before and after init: members' files, a tracked dir's new file, tool state. */
const probes = [
  'packages/bench-utils/pyproject.toml',
  'packages/bench-utils/src/bench_utils/__init__.py',
  'packages/model_qwen2.5-vl/src',
  'packages/bench-utils/.venv/bin/python',
  'reports/new.md',
  '.venv/bin/python',
  'staging/pyproject.toml',
];
const checkIgnore = async (root: string) =>
  (await runGit(root, ['check-ignore', '-v', '-n', '--no-index', ...probes])).stdout;
const status = async (root: string) => (await git(root, ['status', '--porcelain'])).trimEnd();
const projects = async (root: string) => {
  const r = assertSuccess(await runNx(root, ['show', 'projects', '--json']), root);
  return { list: (JSON.parse(r.stdout) as string[]).sort(), output: outputOf(r) };
};

/** The playground as a repository that has not met the plugin: no plugin in nx.json, a tracked reports/, and `hide` applied and committed. */
async function realRepo(hide: (root: string) => void): Promise<PlaygroundWorkspace> {
  const ws = await createPlaygroundWorkspace();
  writeFileSync(join(ws.root, 'nx.json'), '{}\n');
  mkdirSync(join(ws.root, 'reports'));
  writeFileSync(join(ws.root, 'reports', 'bench-2024.md'), '# Benchmarks\n');
  hide(ws.root);
  await commitAll(ws.root, 'a repository as its authors left it');
  return ws;
}

describeWithTools(
  ['git', 'uv'],
  'adopt a real repository: ignore rules that hide the packages, a tracked reports/',
  () => {
    describe('.gitignore hides the packages (packages/*/*)', () => {
      let ws: PlaygroundWorkspace;
      let init: RunResult;
      let before: { status: string; checkIgnore: string };
      beforeAll(async () => {
        ws = await realRepo((root) =>
          appendFileSync(
            join(root, '.gitignore'),
            '\n# packages are submodules: never stage their files here\npackages/*/*\n!packages/*/.gitignore\n',
          ),
        );
        before = { status: await status(ws.root), checkIgnore: await checkIgnore(ws.root) };
        init = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:init']), ws.root);
        process.stdout.write(`\n[adopt-real-repo] nx g @mlws/nx:init\n${pluginLines(init).join('\n')}\n`);
      });

      it('says what it adopted, found and chose, and changes no pyproject, lock, .gitmodules or .python-version', async () => {
        const lines = pluginLines(init);
        expect(lines).toContain(
          '@mlws/nx: adopted the existing workspace, its pyprojects left as they are: 3 packages (3 submodules, 1 not initialised), environments dev, staging, prod',
        );
        expect(lines).toContain('@mlws/nx: PyTorch backends: cpu, cu124, cu128 (the extras pyproject.toml declares)');
        expect(lines.find((l) => l.startsWith('@mlws/nx: release tags found: '))).toMatch(
          /prefix "v" \(v1\.2\.3\) in [^;]*model-interface/,
        );
        const lineNo = readFileSync(join(ws.root, '.gitignore'), 'utf8').split('\n').indexOf('packages/*/*') + 1;
        expect(lines).toContain(
          `@mlws/nx: ignore rules: .gitignore:${lineNo} (packages/*/*) hid 3 members from Nx; .nxignore re-includes /packages/*/** for Nx only (git status and git check-ignore answer as before), the Python tool state in them stays hidden`,
        );
        const changed = (await status(ws.root)).split('\n').map((l) => l.slice(3));
        expect(changed.sort()).toEqual(['.gitignore', '.nxignore', 'nx.json']);
        const gitignore = readFileSync(join(ws.root, '.gitignore'), 'utf8');
        expect(gitignore).toMatch(/^\.mlws\/$/m);
        expect(gitignore).not.toMatch(/^reports\/?$/m);
      });

      it('git answers as before: git status and git check-ignore, and a new file in the tracked reports/ shows', async () => {
        expect(await checkIgnore(ws.root)).toBe(before.checkIgnore);
        await commitAll(ws.root, 'nx g @mlws/nx:init');
        expect(await status(ws.root)).toBe(before.status);
        writeFileSync(join(ws.root, 'reports', 'bench-2025.md'), '# More benchmarks\n');
        expect(await status(ws.root)).toBe('?? reports/bench-2025.md');
        await commitAll(ws.root, 'new benchmark report');
      });

      it('every member is a project, and test reports go to the plugin-owned .mlws/reports/', async () => {
        const { list, output } = await projects(ws.root);
        expect(list).toEqual(expect.arrayContaining([...members, 'release-tool', 'dev', 'staging', 'prod']));
        expect(output).not.toContain('Nx does not see');
        const r = assertSuccess(await runNx(ws.root, ['show', 'project', 'bench-utils', '--json']), ws.root);
        expect(JSON.parse(r.stdout).targets.test.outputs).toEqual([
          '{workspaceRoot}/.mlws/reports/{projectRoot}/junit.xml',
        ]);
      });

      it('a source edit in a member changes its build hash and makes it affected; tool state does not', async () => {
        const build = async () =>
          taskHeaders(
            outputOf(
              assertSuccess(await runNx(ws.root, ['run', 'bench-utils:build', '--outputStyle=static']), ws.root),
            ),
          );
        expect(await build()).toEqual([{ task: 'bench-utils:build', cached: false }]);
        expect(await build()).toEqual([{ task: 'bench-utils:build', cached: true }]);
        // Python tool state inside the member stays out of Nx's view (and so out of the hash)
        mkdirSync(join(ws.root, 'packages/bench-utils/src/bench_utils/__pycache__'), { recursive: true });
        writeFileSync(join(ws.root, 'packages/bench-utils/src/bench_utils/__pycache__/x.cpython-311.pyc'), 'x');
        expect(await build()).toEqual([{ task: 'bench-utils:build', cached: true }]);
        appendFileSync(join(ws.root, 'packages/bench-utils/src/bench_utils/__init__.py'), '\nEDITED = True\n');
        expect(await build()).toEqual([{ task: 'bench-utils:build', cached: false }]);
        const affected = assertSuccess(await runNx(ws.root, ['show', 'projects', '--affected', '--json']), ws.root);
        expect(JSON.parse(affected.stdout)).toContain('bench-utils');
        expect(JSON.parse(affected.stdout)).not.toContain('release-tool');
      });
    });

    it('.git/info/exclude hides the packages (packages/**): init lets Nx see them, git unchanged', async () => {
      const ws = await realRepo(() => undefined);
      appendFileSync(join(ws.root, '.git', 'info', 'exclude'), 'packages/**\n');
      const hidden = await projects(ws.root);
      expect(hidden.list).not.toContain('bench-utils');
      const checkBefore = await checkIgnore(ws.root);
      const init = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:init']), ws.root);
      expect(pluginLines(init).find((l) => l.startsWith('@mlws/nx: ignore rules:'))).toMatch(
        /^@mlws\/nx: ignore rules: \.git\/info\/exclude:\d+ \(packages\/\*\*\) hid 3 members from Nx; /,
      );
      expect((await projects(ws.root)).list).toEqual(expect.arrayContaining(members));
      expect(await checkIgnore(ws.root)).toBe(checkBefore);
    });

    it('packages/.gitignore hides them and the user declines (--no-nxignore): one line names the file, the line and the fix', async () => {
      const ws = await realRepo((root) => writeFileSync(join(root, 'packages', '.gitignore'), '*/*\n'));
      const init = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:init', '--no-nxignore']), ws.root);
      expect(existsSync(join(ws.root, '.nxignore'))).toBe(false);
      const message =
        '@mlws/nx: packages/bench-utils, packages/model-interface, packages/model_qwen2.5-vl are uv workspace members that Nx does not see: packages/.gitignore:1 (*/*) hides their files from Nx, ' +
        'so Nx finds no pyproject.toml and no sources there: run nx g @mlws/nx:init (it re-includes them for Nx in .nxignore; git is unchanged), or put these lines in .nxignore: !/packages/ !/packages/*/ !/packages/*/**';
      expect(pluginLines(init)).toContain(message);
      await commitAll(ws.root, 'nx g @mlws/nx:init --no-nxignore');
      // the graph says the same (the cause, not "no pyproject.toml"), and nx sync --check does too
      const shown = await projects(ws.root);
      expect(shown.list).not.toContain('bench-utils');
      expect(shown.output).toContain(message);
      expect(shown.output).not.toContain('checkout has no pyproject.toml');
      const check = await runNx(ws.root, ['sync', '--check']);
      expect(outputOf(check).split(message).length - 1).toBe(1); // once, though Nx computes the graph twice here
      // the fix as the message gives it
      writeFileSync(join(ws.root, '.nxignore'), '!/packages/\n!/packages/*/\n!/packages/*/**\n');
      expect((await projects(ws.root)).list).toEqual(expect.arrayContaining(members));
    });
  },
);
