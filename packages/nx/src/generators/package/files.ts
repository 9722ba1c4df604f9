import { normalizeDistributionName } from '../../model/names';

/** The files of a new hatchling package (pure: the generator writes them into the tree). */
export interface PackageFilesInput {
  /** Distribution name as given (`[project].name`). */
  name: string;
  moduleName: string;
  version: string;
  description: string;
  requiresPython: string;
  /** Internal dependencies (normalised names); their sources are the root's `{ workspace = true }`. */
  dependencies: readonly string[];
}

export function packageFiles(p: PackageFilesInput): Record<string, string> {
  return {
    'pyproject.toml': pyproject(p),
    'README.md': readme(p),
    '.gitignore': GITIGNORE,
    [`src/${p.moduleName}/__init__.py`]: [
      `"""${docstring(p.description)}"""`,
      '',
      'from importlib.metadata import version',
      '',
      `__version__ = version(${JSON.stringify(p.name)})`,
      '',
    ].join('\n'),
    [`src/${p.moduleName}/py.typed`]: '',
    // against the installed metadata, not the first version: a release bumps [project].version
    [`tests/test_${p.moduleName}.py`]: [
      'from importlib.metadata import version',
      '',
      `import ${p.moduleName}`,
      '',
      '',
      'def test_version() -> None:',
      `    assert ${p.moduleName}.__version__ == version(${JSON.stringify(p.name)})`,
      '',
    ].join('\n'),
  };
}

function pyproject(p: PackageFilesInput): string {
  const deps =
    p.dependencies.length === 0
      ? ['dependencies = []']
      : ['dependencies = [', ...p.dependencies.map((d) => `    ${JSON.stringify(d)},`), ']'];
  return [
    '[project]',
    `name = ${JSON.stringify(p.name)}`,
    `version = ${JSON.stringify(p.version)}`,
    `description = ${JSON.stringify(p.description)}`,
    'readme = "README.md"',
    `requires-python = ${JSON.stringify(p.requiresPython)}`,
    ...deps,
    '',
    // its own test and lint tools: `uv run --package <name>` installs this package's dev group,
    // not the root's, so `nx run <name>:test` / `:lint` work in a fresh clone
    '[dependency-groups]',
    `dev = ${JSON.stringify([...PACKAGE_DEV_GROUP]).replace(/","/g, '", "')}`,
    '',
    '[build-system]',
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    '',
    '[tool.hatch.build.targets.wheel]',
    `packages = ["src/${p.moduleName}"]`,
    '',
  ].join('\n');
}

function readme(p: PackageFilesInput): string {
  return [
    `# ${p.name}`,
    '',
    p.description,
    '',
    '```python',
    `import ${p.moduleName}`,
    '```',
    '',
    'In the workspace: `nx run ' + normalized(p.name) + ':test`, `nx run ' + normalized(p.name) + ':build`.',
    '',
  ].join('\n');
}

function normalized(name: string): string {
  return normalizeDistributionName(name);
}

/** The description inside a `"""…"""` docstring: no quote or backslash can end or escape it. */
function docstring(text: string): string {
  return text.replace(/\\/g, '/').replace(/"/g, "'");
}

const GITIGNORE = [
  '__pycache__/',
  '*.py[cod]',
  '*.egg-info/',
  '.venv/',
  'build/',
  'dist/',
  'reports/',
  '.pytest_cache/',
  '.ruff_cache/',
  '.mypy_cache/',
  '',
].join('\n');

/** What a new package's `test` and `lint` targets run. */
export const PACKAGE_DEV_GROUP = ['pytest', 'ruff'] as const;
