import { parseGitmodules } from '../model/gitmodules';
import { readPyproject, Pyproject } from '../model/pyproject';
import { buildWorkspaceModel } from '../model/workspace';
import { normalizeOptions, MlwsPluginOptions } from '../model/options';
import { releaseTarget } from './release-target';

const files: Record<string, string> = {
  'pyproject.toml':
    '[project]\nname = "root"\nversion = "0.1.0"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[tool.uv.sources]\nlocal-tool = { path = "tools/local_tool" }\n',
  'packages/bench-utils/pyproject.toml': '[project]\nname = "bench_utils"\nversion = "0.1.3.dev0"\n',
  'packages/plain/pyproject.toml': '[project]\nname = "plain"\nversion = "0.1.0"\n',
  'tools/local_tool/pyproject.toml': '[project]\nname = "local-tool"\nversion = "0.1.0"\n',
  'staging/pyproject.toml': '[project]\nname = "s"\nversion = "0"\n',
  'envs/qa/pyproject.toml': '[project]\nname = "q"\nversion = "0"\n',
};
const gitmodules =
  '[submodule "bench-utils"]\n\tpath = packages/bench-utils\n\turl = https://github.com/org/bench-utils.git\n';

const pkgOf = (m: ReturnType<typeof model>['m'], name: string) => {
  const p = m.packages.find((x) => x.name === name);
  if (!p) throw new Error(`no package ${name}`);
  return p;
};

function model(options: MlwsPluginOptions = {}) {
  const o = normalizeOptions(options);
  const pyprojects = Object.entries(files).map(
    ([f, t]) => (readPyproject(f, t) as { ok: true; pyproject: Pyproject }).pyproject,
  );
  return {
    o,
    m: buildWorkspaceModel({
      pyprojects,
      errors: [],
      submodules: parseGitmodules(gitmodules),
      dockerfiles: [],
      options: o,
    }),
  };
}

describe('releaseTarget', () => {
  it('a submodule member gets the release executor with the tag prefix and the environments', () => {
    const { o, m } = model({ environments: ['staging', 'prod', { name: 'qa', path: 'envs/qa' }], tagPrefix: 'rel-' });
    const pkg = pkgOf(m, 'bench-utils');
    expect(releaseTarget(pkg, m, o)).toEqual({
      executor: '@mlws/nx:release',
      options: {
        tagPrefix: 'rel-',
        environments: [
          { name: 'staging', path: 'staging', role: 'staging' },
          { name: 'qa', path: 'envs/qa', role: 'other' },
        ],
      },
      cache: false,
      parallelism: false,
      metadata: {
        description:
          'Release bench_utils: --bump dev|patch|minor|major|stable → PEP 440 version, commit, tag rel-<version> and push packages/bench-utils, GitHub release, pin staging, relock, root commit; --dry-run, --resume',
        technologies: ['python', 'uv', 'git'],
      },
    });
  });

  it('none for a plain member, a path source, or when the target is turned off', () => {
    const { o, m } = model();
    expect(releaseTarget(pkgOf(m, 'plain'), m, o)).toBeUndefined();
    expect(releaseTarget(pkgOf(m, 'local-tool'), m, o)).toBeUndefined();
    const off = model({ targetNames: { release: false } });
    expect(releaseTarget(pkgOf(off.m, 'bench-utils'), off.m, off.o)).toBeUndefined();
  });
});
