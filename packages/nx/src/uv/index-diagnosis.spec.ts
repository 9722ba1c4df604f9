import { diagnoseUvError } from './diagnose-uv-error';
import { unreachableIndexClause } from './index-diagnosis';

/** uv 0.13.8's stderr for `uv lock` against an index on a closed loopback port (captured verbatim). */
const REFUSED = `Using CPython 3.11.7 interpreter at: /usr/bin/python3
error: Request failed after 3 retries in 4.8s
  cause: Failed to fetch: http://127.0.0.1:9/whl/cu124/torch/
  cause: error sending request for url (http://127.0.0.1:9/whl/cu124/torch/)
  cause: client error (Connect)
  cause: tcp connect error
  cause: Connection refused (os error 111)
`;

const INDEXES = [
  { name: 'pytorch-cu124', url: 'http://127.0.0.1:9/whl/cu124' },
  { name: 'pytorch-cu128', url: 'http://127.0.0.1:9/whl/cu128' },
];

describe('unreachableIndexClause', () => {
  it('names the [[tool.uv.index]] uv could not reach, its URL, and the per-run override by name', () => {
    expect(unreachableIndexClause(REFUSED, INDEXES, 'pyproject.toml')).toBe(
      'the package index "pytorch-cu124" (http://127.0.0.1:9/whl/cu124, [[tool.uv.index]] in pyproject.toml) could not be reached (Connection refused): check the network, proxy or credentials, point it elsewhere for this run with UV_INDEX=pytorch-cu124=<url> (or uv --index pytorch-cu124=<url>), or change its url in pyproject.toml',
    );
  });

  it('is the clause of diagnoseUvError for any environment', () => {
    const hint = diagnoseUvError(REFUSED, {
      pyprojectFile: 'staging/pyproject.toml',
      isDev: false,
      uninitialisedSubmodules: [],
      indexes: INDEXES,
    });
    expect(hint).toContain(
      'the package index "pytorch-cu124" (http://127.0.0.1:9/whl/cu124, [[tool.uv.index]] in staging/pyproject.toml) could not be reached',
    );
  });

  it('names the default index and UV_DEFAULT_INDEX when no declared index matches', () => {
    const text = REFUSED.replace(/http:\/\/127\.0\.0\.1:9\/whl\/cu124/g, 'https://pypi.org/simple').replace(
      'Connection refused (os error 111)',
      'dns error: failed to lookup address information: Name or service not known',
    );
    expect(unreachableIndexClause(text, INDEXES, 'pyproject.toml')).toBe(
      'the package index https://pypi.org/simple could not be reached (dns error: failed to lookup address information: Name or service not known) while fetching https://pypi.org/simple/torch/: check the network, proxy or credentials, or use a mirror for this run with UV_DEFAULT_INDEX=<url> (or uv --default-index <url>)',
    );
  });

  it('says what an index answered with an HTTP error status', () => {
    const text =
      'error: Failed to fetch: `http://127.0.0.1:9/whl/cu128/torch/`\n  Caused by: HTTP status client error (401 Unauthorized) for url (http://127.0.0.1:9/whl/cu128/torch/)\n';
    expect(unreachableIndexClause(text, INDEXES, 'pyproject.toml')).toContain(
      'the package index "pytorch-cu128" (http://127.0.0.1:9/whl/cu128, [[tool.uv.index]] in pyproject.toml) answered 401 Unauthorized',
    );
  });

  it('leaves other failures to the other clauses', () => {
    expect(
      unreachableIndexClause('error: No solution found when resolving dependencies', INDEXES, 'pyproject.toml'),
    ).toBeUndefined();
  });
});
