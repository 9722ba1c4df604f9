import type { Tree } from '@nx/devkit';
import { redactUrl } from '../../model/redact-url';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { say } from '../shared/say';
import { fail, failAll } from '../shared/errors';
import { absoluteSubmoduleUrl, checkGitUrl, listRemoteTags } from '../shared/git-remote';
import { environmentFile, locatePackage, pinnableEnvironment } from '../shared/locate';
import { badPackageName, badTag } from '../shared/names';
import { gitSourcesOf, pinInEnvironment } from '../../uv/pin-source';
import { readNormalizedOptions } from '../shared/plugin-options';
import { announceRelock, relockCallback } from '../shared/relock';
import { readTreeWorkspace } from '../shared/tree-workspace';
import { missingTagMessage } from './missing-tag';
import { readUtf8Text } from '../shared/read-utf8-text';

export interface PinGeneratorSchema {
  name: string;
  env: string;
  tag: string;
  skipLock?: boolean;
}

/**
 * `nx g @mlws/nx:pin <name> --env <env> --tag <tag>`. Everything is checked before the tree is
 * touched (names, environment, package, URL, the tag on the remote); uv runs in the callback.
 */
export async function pinGenerator(
  tree: Tree,
  options: PinGeneratorSchema,
  clients: Pick<Clients, 'git' | 'uv' | 'log'> = defaultClients(),
) {
  failAll(
    [
      // a directory (packages/x) is looked up as one; a name must be a distribution name
      options.name?.includes('/') ? undefined : badPackageName(options.name),
      badTag(options.tag),
      options.env ? undefined : 'an environment is required (--env <env>)',
    ].filter(isString),
  );
  const opts = readNormalizedOptions(tree);
  const ws = readTreeWorkspace(tree, opts);
  const env = pinnableEnvironment(tree, opts, options.env);
  const pkg = locatePackage(ws, options.name);
  failAll([
    ...(typeof env === 'string' ? [env] : []),
    ...(pkg
      ? []
      : [
          `no package named "${options.name}" in this workspace (packages: ${ws.model.packages.map((p) => p.name).join(', ') || 'none'})`,
        ]),
  ]);
  if (typeof env === 'string' || !pkg) return;

  const file = environmentFile(env);
  const text = readUtf8Text(tree, file) ?? '';
  const current = gitSourcesOf(text).find((s) => s.name === pkg.name);
  let url: string;
  if (pkg.submodule) {
    const bad = checkGitUrl(pkg.submodule.url, `${pkg.submodule.path} in .gitmodules`);
    if (bad) fail(bad);
    url = await absoluteSubmoduleUrl(clients.git, tree.root, pkg.submodule.url, pkg.submodule.path);
  } else if (current) {
    url = current.url;
  } else {
    return fail(
      `${pkg.name} is not a git submodule (no .gitmodules entry) and ${file} has no git source for it, so its remote is unknown: add it as a submodule (nx g @mlws/nx:package) first`,
    );
  }
  const bad = checkGitUrl(url, `the remote of ${pkg.name}`);
  if (bad) fail(bad);

  const tags = await listRemoteTags(clients.git, tree.root, url);
  if (!tags.includes(options.tag)) fail(missingTagMessage(options.tag, url, tags));

  // the pin is committed: never with credentials from the remote's URL
  const result = pinInEnvironment(text, file, { name: pkg.name, url: redactUrl(url), tag: options.tag });
  if (!result.ok) return fail(result.message);
  const { edit } = result;
  if (edit.text === text) {
    say(clients, `${pkg.name} is already pinned to ${options.tag} in ${file}: nothing to do`);
    return;
  }
  tree.write(file, edit.text);
  const was = edit.before?.tag
    ? `${edit.before.tag} → ${options.tag}`
    : `${options.tag} (new source${edit.addedRequirement ? ' and requirement' : ''})`;
  say(clients, `pin ${pkg.name} in ${env.name} (${file}): ${was}; the tag is on ${edit.url}`);
  if (options.skipLock) return;
  announceRelock(clients, [env]);
  const again = `nx g @mlws/nx:pin ${pkg.name} --env ${env.name} --tag ${options.tag}`;
  return relockCallback(
    tree.root,
    [env],
    [{ file, before: text }],
    clients,
    `fix that and run ${again} again, or add --skip-lock to pin without relocking`,
  );
}

const isString = (x: string | undefined): x is string => typeof x === 'string';

export default pinGenerator;
