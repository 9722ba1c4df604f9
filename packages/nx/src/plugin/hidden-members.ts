import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clients } from '../clients/clients';
import { defaultClients } from '../clients/default-clients';
import { hidingRules } from '../git/ignore-rules';
import { hiddenMembersMessage, HiddenPath, IgnoreRule, nxignoreScopes, nxReadsSource } from '../model/nx-visibility';
import type { Problem, WorkspaceModel } from '../model/workspace';
import { isMemberDir } from '../model/member-dirs';
import { MemberWalkEntry, walkMemberGlobs } from '../fs/member-walk';

/**
 * The uv workspace members whose pyproject.toml is on disk but was not among the files Nx matched
 * (`seenDirs`): an ignore rule hides them from Nx. Reads only the directories the members globs
 * can match (`entries`: the shared walk of inference, else one of its own); symlinked directories
 * are followed.
 */
export function findHiddenMembers(
  workspaceRoot: string,
  members: readonly string[],
  exclude: readonly string[],
  seenDirs: ReadonlySet<string>,
  entries: readonly MemberWalkEntry[] = walkMemberGlobs(workspaceRoot, members),
): string[] {
  return entries
    .filter(
      (e) =>
        e.dir &&
        !e.inSkipped &&
        !seenDirs.has(e.path) &&
        isMemberDir(e.path, members, exclude) &&
        existsSync(join(workspaceRoot, e.path, 'pyproject.toml')),
    )
    .map((e) => e.path)
    .sort();
}

/**
 * One problem per ignore rule that hides members from Nx, naming the file, the line and the fix;
 * git names the rule (`git check-ignore -v`, asked about these members only, and only when some
 * are hidden; the real clients are made only then, as this runs in every graph computation). Rules
 * of a member's own repository are not the cause and are left out.
 */
export async function hiddenMemberProblems(
  workspaceRoot: string,
  model: Pick<WorkspaceModel, 'hiddenMembers' | 'root'>,
  clients?: Pick<Clients, 'git'>,
): Promise<Problem[]> {
  const dirs = model.hiddenMembers ?? [];
  if (dirs.length === 0) return [];
  const hits = (
    await hidingRules(
      (clients ?? defaultClients()).git,
      workspaceRoot,
      dirs.map((d) => `${d}/pyproject.toml`),
    )
  ).filter((h) => nxReadsSource(h.source) && !dirs.some((d) => h.source.startsWith(`${d}/`)));
  const scopes = nxignoreScopes(dirs, model.root?.workspace?.members ?? []);
  const groups: Array<{ rule: IgnoreRule | undefined; dirs: string[] }> = [];
  for (const dir of dirs) {
    const hit: HiddenPath | undefined = hits.find((h) => h.path === `${dir}/pyproject.toml`);
    const rule = hit ? { source: hit.source, line: hit.line, pattern: hit.pattern } : undefined;
    const group = groups.find(
      (g) => g.rule?.source === rule?.source && g.rule?.line === rule?.line && g.rule?.pattern === rule?.pattern,
    );
    if (group) group.dirs.push(dir);
    else groups.push({ rule, dirs: [dir] });
  }
  return groups.map((g) => ({ level: 'warn' as const, message: hiddenMembersMessage(g.dirs, g.rule, scopes) }));
}
