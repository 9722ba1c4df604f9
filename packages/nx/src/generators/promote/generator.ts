import type { Tree } from '@nx/devkit';
import { repositoryKey } from '../../model/git-url';
import { tagPrefixMessage } from '../../model/ref-name';
import { DEFAULT_TAG_PREFIX, detectTagPrefix } from '../../model/tag-prefix';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { say } from '../shared/say';
import { fail, failAll } from '../shared/errors';
import { checkGitUrl, listRemoteTags } from '../shared/git-remote';
import { environmentFile, pinnableEnvironment } from '../shared/locate';
import { gitSourcesOf, pinInEnvironment } from '../shared/pin-source';
import { readNormalizedOptions } from '../shared/plugin-options';
import { announceRelock, relockCallback } from '../shared/relock';
import { choosePromotion, Promotion } from './choose';
import { formatTable } from './table';
import { readUtf8Text } from '../shared/read-utf8-text';

export interface PromoteGeneratorSchema {
  from?: string;
  to?: string;
  skipLock?: boolean;
}

/**
 * `nx g @mlws/nx:promote [--from staging] [--to prod]`: reads the remotes' tags (read-only, also
 * under --dry-run: the plan depends on them), prints the plan, writes the pins, relocks in the callback.
 */
export async function promoteGenerator(
  tree: Tree,
  options: PromoteGeneratorSchema,
  clients: Pick<Clients, 'git' | 'uv' | 'log'> = defaultClients(),
) {
  const fromName = options.from ?? 'staging';
  const toName = options.to ?? 'prod';
  if (fromName === toName)
    fail(`--from and --to are both ${fromName}: promote copies pins from one environment to another`);
  const opts = readNormalizedOptions(tree);
  const badPrefix = opts.tagPrefix === undefined ? undefined : tagPrefixMessage(opts.tagPrefix, 'nx.json');
  if (badPrefix) fail(badPrefix);
  const from = pinnableEnvironment(tree, opts, fromName);
  const to = pinnableEnvironment(tree, opts, toName);
  failAll([from, to].filter((x): x is string => typeof x === 'string'));
  if (typeof from === 'string' || typeof to === 'string') return;

  const fromFile = environmentFile(from);
  const toFile = environmentFile(to);
  const toText = readUtf8Text(tree, toFile) ?? '';
  const fromPins = gitSourcesOf(readUtf8Text(tree, fromFile) ?? '');
  const toPins = new Map(gitSourcesOf(toText).map((p) => [p.name, p]));
  if (fromPins.length === 0) {
    say(clients, `${fromFile} pins no package by a git tag: nothing to promote`);
    return;
  }
  failAll(fromPins.map((p) => checkGitUrl(p.url, `${fromFile}: ${p.key}`)).filter((x): x is string => x !== undefined));

  const tagsByRepo = new Map<string, string[]>();
  for (const p of fromPins) {
    const key = repositoryKey(p.url) ?? p.url;
    if (!tagsByRepo.has(key)) tagsByRepo.set(key, await listRemoteTags(clients.git, tree.root, p.url));
  }
  const plan = fromPins.map((p) => {
    const now = toPins.get(p.name)?.tag;
    const decision: Promotion = choosePromotion({
      name: p.name,
      ...(p.tag ? { fromTag: p.tag } : {}),
      ...(now ? { toTag: now } : {}),
      remoteTags: tagsByRepo.get(repositoryKey(p.url) ?? p.url) ?? [],
      tagPrefix:
        opts.tagPrefix ??
        detectTagPrefix(tagsByRepo.get(repositoryKey(p.url) ?? p.url) ?? [], p.tag ? [p.tag] : []).prefix ??
        DEFAULT_TAG_PREFIX,
    });
    return { pin: p, now, decision };
  });

  say(clients, `promote ${from.name} → ${to.name}:`);
  const rows = plan.map(({ pin, now, decision }) => [
    pin.name,
    pin.tag ?? pin.rev ?? pin.branch ?? '—',
    now ?? '—',
    decision.action === 'pin' ? decision.tag : (now ?? '—'),
    decision.note,
  ]);
  for (const line of formatTable(['package', `${from.name} tag`, `${to.name} now`, `${to.name} after`, 'note'], rows))
    clients.log(`  ${line}`);

  let text = toText;
  const pinned: string[] = [];
  for (const { pin, decision } of plan) {
    if (decision.action !== 'pin') continue;
    const r = pinInEnvironment(text, toFile, { name: pin.name, url: pin.url, tag: decision.tag });
    if (!r.ok) return fail(r.message);
    text = r.edit.text;
    pinned.push(`${pin.name} ${decision.tag}`);
  }
  if (pinned.length === 0) {
    say(clients, `${to.name} has every stable tag ${from.name} leads to: nothing to promote`);
    return;
  }
  tree.write(toFile, text);
  say(clients, `pin in ${to.name} (${toFile}): ${pinned.join(', ')}`);
  if (options.skipLock) return;
  announceRelock(clients, [to]);
  const again = `nx g @mlws/nx:promote --from ${from.name} --to ${to.name}`;
  return relockCallback(
    tree.root,
    [to],
    [{ file: toFile, before: toText }],
    clients,
    `fix that and run ${again} again, or add --skip-lock to promote without relocking`,
  );
}

export default promoteGenerator;
