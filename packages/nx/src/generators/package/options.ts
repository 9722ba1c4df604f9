import { unsafeGitUrlReason } from '../../model/git-url';
import { isValidDistributionName, moduleNameOf, normalizeDistributionName } from '../../model/names';
import type { NormalizedOptions } from '../../model/options';
import { checkPackageDirectory } from '../shared/directory-rules';
import { secretUserinfo } from '../../model/redact-url';
import { userError } from '../shared/errors';

/** Options of `nx g @mlws/nx:package` (schema.json). */
export interface PackageGeneratorSchema {
  name: string;
  directory?: string;
  remote?: string;
  dependencies?: string[] | string;
  description?: string;
  submodule?: boolean;
  skipLock?: boolean;
}

/** The package to create, every option checked and defaulted. */
export interface PackageSpec {
  name: string;
  normalizedName: string;
  moduleName: string;
  dir: string;
  submodule: boolean;
  /** The package repository's remote (submodules only). */
  remote?: string;
  /** Normalised names of internal dependencies. */
  dependencies: string[];
  description: string;
  version: string;
  skipLock: boolean;
}

export const INITIAL_VERSION = '0.1.0.dev0';

/** Checks the options on their own (no workspace needed); throws one line on the first problem. */
export function normalizePackageOptions(o: PackageGeneratorSchema, plugin: NormalizedOptions): PackageSpec {
  const name = (o.name ?? '').trim();
  if (!isValidDistributionName(name)) {
    const suggestion = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    throw userError(
      `"${name}" is not a valid package name (PEP 508: letters, digits, and "-", "_", "." inside)${suggestion ? `: try nx g @mlws/nx:package ${suggestion}` : ''}`,
    );
  }
  if (Buffer.byteLength(name) > 100) {
    throw userError(
      `the package name is ${name.length} characters long, and it names the directory and the repository (file systems take 255 bytes, GitHub 100 characters): choose a name of at most 100 characters`,
    );
  }
  const normalizedName = normalizeDistributionName(name);
  const dirCheck = checkPackageDirectory(o.directory ?? `packages/${name}`);
  if (!dirCheck.ok) throw userError(`--directory ${dirCheck.reason}: pass --directory packages/${name}`);

  const submodule = o.submodule ?? true;
  let remote: string | undefined;
  if (submodule) {
    remote = o.remote?.trim() || plugin.remoteUrlTemplate?.split('{name}').join(name);
    if (!remote) {
      throw userError(
        `${name} needs the URL of its own (empty) repository: pass --remote <url>, set "remoteUrlTemplate" (e.g. "git@github.com:my-org/{name}.git") in the @mlws/nx options in nx.json, or pass --no-submodule`,
      );
    }
    const unsafe = unsafeGitUrlReason(remote);
    if (unsafe)
      throw userError(
        `the remote "${remote}" is refused: ${unsafe}; pass a https://, ssh:// or git@host:path URL with --remote`,
      );
    if (secretUserinfo(remote) !== undefined) {
      throw userError(
        'the remote URL holds a password or token, which would be written to .gitmodules and committed: use a URL without it and a git credential helper',
      );
    }
  }

  const raw = Array.isArray(o.dependencies) ? o.dependencies : o.dependencies ? [o.dependencies] : [];
  const dependencies: string[] = [];
  for (const d of raw
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!isValidDistributionName(d))
      throw userError(`--dependencies: "${d}" is not a valid package name: use names from nx show projects`);
    const n = normalizeDistributionName(d);
    if (n === normalizedName)
      throw userError(`--dependencies: ${name} cannot depend on itself: drop ${d} from --dependencies`);
    if (!dependencies.includes(n)) dependencies.push(n);
  }

  const description = (o.description ?? name).trim() || name;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(description))
    throw userError('--description must be one line of text: pass it without line breaks');

  return {
    name,
    normalizedName,
    moduleName: moduleNameOf(name),
    dir: dirCheck.dir,
    submodule,
    ...(remote !== undefined ? { remote } : {}),
    dependencies,
    description,
    version: INITIAL_VERSION,
    skipLock: o.skipLock ?? false,
  };
}
