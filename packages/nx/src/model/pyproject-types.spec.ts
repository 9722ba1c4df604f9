import { parseToml } from '../vendor/smol-toml';
import { pyprojectTypeProblems } from './pyproject-types';

const problems = (toml: string) => pyprojectTypeProblems(parseToml(toml) as Record<string, unknown>);

describe('pyproject value types uv refuses', () => {
  it('accepts what uv accepts', () => {
    expect(
      problems(`
[project]
name = "a"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["b"]
[project.optional-dependencies]
cu124 = ["torch"]
[dependency-groups]
dev = ["pytest", { include-group = "lint" }]
lint = []
[tool.uv]
dev-dependencies = []
[tool.uv.workspace]
members = ["packages/*"]
exclude = []
[tool.uv.sources]
b = { workspace = true }
c = { path = "../c", editable = true }
torch = [{ index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cpu", marker = "sys_platform == 'darwin'" }]
d = { git = "https://x/d", tag = "v1", subdirectory = "." }
[[tool.uv.index]]
name = "pytorch-cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
`),
    ).toEqual([]);
  });

  it.each([
    [
      '[tool.uv.workspace]\nmembers = "packages/*"',
      '[tool.uv.workspace] members must be an array of glob strings, not a string ("packages/*"), and uv refuses it: write members = ["packages/*"]',
    ],
    [
      '[tool.uv.workspace]\nmembers = ["a"]\nexclude = "x"',
      '[tool.uv.workspace] exclude must be an array of glob strings, not a string ("x"), and uv refuses it: write exclude = ["x"]',
    ],
    [
      '[project]\ndependencies = "numpy"',
      '[project] dependencies must be an array of requirement strings, not a string ("numpy"), and uv refuses it: write dependencies = ["numpy"]',
    ],
    [
      '[project]\ndependencies = [1]',
      '[project] dependencies[0] must be a string, not a number (1), and uv refuses it: quote it, or remove it',
    ],
    [
      '[project]\nname = 5',
      '[project] name must be a string, not a number (5), and uv refuses it: quote it: name = "5"',
    ],
    [
      '[project.optional-dependencies]\nx = "a"',
      '[project.optional-dependencies] x must be an array of requirement strings, not a string ("a"), and uv refuses it: write x = ["a"]',
    ],
    [
      '[dependency-groups]\ndev = [1]',
      '[dependency-groups] dev[0] must be a requirement string or { include-group = "<group>" }, not a number (1), and uv refuses it: quote it, or remove it',
    ],
    [
      '[tool.uv]\ndev-dependencies = "a"',
      '[tool.uv] dev-dependencies must be an array of requirement strings, not a string ("a"), and uv refuses it: write dev-dependencies = ["a"]',
    ],
    [
      '[tool.uv]\nsources = 3',
      '[tool.uv.sources] must be a table, not a number (3), and uv refuses it: write it as a [tool.uv.sources] section',
    ],
    [
      '[tool.uv.sources]\na = "x"',
      '[tool.uv.sources] a must be a table or an array of tables, not a string ("x"), and uv refuses it: write it like a = { workspace = true }, { path = "<dir>" } or { git = "<url>", tag = "<tag>" }',
    ],
    [
      '[tool.uv.sources]\na = [{ workspace = true }, "x"]',
      '[tool.uv.sources] a[1] must be a table, not a string ("x"), and uv refuses it: write it like { workspace = true }, { path = "<dir>" } or { git = "<url>", tag = "<tag>" }',
    ],
    [
      '[tool.uv.sources]\na = { git = "https://x/y", tag = 3 }',
      '[tool.uv.sources] a.tag must be a string, not a number (3), and uv refuses it: quote it: tag = "…"',
    ],
    [
      '[tool.uv.sources]\na = { workspace = "yes" }',
      '[tool.uv.sources] a.workspace must be true or false, not a string ("yes"), and uv refuses it: write workspace = true',
    ],
    [
      '[tool.uv.sources]\na = { foo = 1 }',
      '[tool.uv.sources] a has the key "foo", which uv does not know, and uv refuses it: use git, subdirectory, rev, tag, branch, url, path, index, marker, extra, group, lfs, editable, package, workspace',
    ],
    ['project = 1', '[project] must be a table, not a number (1), and uv refuses it: write it as a [project] section'],
    [
      '[tool.uv]\nindex = "x"',
      '[tool.uv] index must be an array of tables, not a string ("x"), and uv refuses it: write it as [[tool.uv.index]] tables (name = "pytorch-cu124", url = "https://…")',
    ],
    [
      '[[tool.uv.index]]\nname = 3\nurl = "https://x"',
      '[[tool.uv.index]] #1 name must be a string, not a number (3), and uv refuses it: quote it: name = "…"',
    ],
    [
      '[[tool.uv.index]]\nname = "a"\nurl = "https://x"\nexplicit = "yes"',
      '[[tool.uv.index]] #1 explicit must be true or false, not a string ("yes"), and uv refuses it: write explicit = true',
    ],
  ])('%s', (toml, message) => {
    expect(problems(toml)).toEqual([message]);
  });
});
