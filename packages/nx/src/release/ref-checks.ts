import { branchNameProblem, quoteRefName, refNameProblem, remoteNameProblem } from '../model/ref-name';
import { shellJoin } from '../process/shell-quote';

/**
 * The ref names a release creates or passes to git (the tag, the branch, the remote and its branch),
 * checked with git's check-ref-format rules before anything changes: in the preflight, so
 * `--dry-run` refuses them too, and on `--resume` (the state file may have been edited). Pure.
 */

export { tagPrefixMessage, type TagPrefixSource } from '../model/ref-name';

export interface ReleaseRefs {
  /** Workspace-relative package directory, for the commands. */
  packageRoot: string;
  tag: string;
  /** The checked-out branch. */
  branch?: string;
  remote: string;
  /** `refs/heads/<name>` on the remote. */
  remoteBranch: string;
}

/** Problems with the refs of a fresh release (they come from git's config), one line each. */
export function releaseRefProblems(r: ReleaseRefs): string[] {
  const out: string[] = [];
  const tag = refNameProblem(r.tag);
  if (tag)
    out.push(
      `the release tag ${quoteRefName(r.tag)} is not a valid git tag name: ${tag}; choose another tag prefix (--tag-prefix v)`,
    );
  if (r.branch !== undefined) {
    const b = branchNameProblem(r.branch);
    if (b)
      out.push(
        `${r.packageRoot} is on the branch ${quoteRefName(r.branch)}, which git would refuse: ${b}; switch to a valid branch (${shellJoin(['git', '-C', r.packageRoot, 'switch', 'main'])})`,
      );
    const fix = shellJoin(['git', '-C', r.packageRoot, 'branch', `--set-upstream-to=origin/${r.branch}`]);
    const remote = remoteNameProblem(r.remote);
    if (remote)
      out.push(
        `the upstream of ${r.branch} in ${r.packageRoot} names the remote ${quoteRefName(r.remote)}, which git would refuse: ${remote}; set a valid upstream (${fix})`,
      );
    const rb = remoteBranchProblem(r.remoteBranch);
    if (rb)
      out.push(
        `the upstream of ${r.branch} in ${r.packageRoot} names the branch ${quoteRefName(r.remoteBranch)}, which git would refuse: ${rb}; set a valid upstream (${fix})`,
      );
  }
  return out;
}

/** Problems with the refs recorded in a release's state file (read on `--resume`). */
export function stateRefProblems(r: ReleaseRefs & { since?: string }, stateFile: string): string[] {
  const named: Array<[string, string | undefined, string | undefined]> = [
    ['tag', r.tag, refNameProblem(r.tag)],
    ['branch', r.branch, r.branch === undefined ? undefined : branchNameProblem(r.branch)],
    ['remote', r.remote, remoteNameProblem(r.remote)],
    ['remote branch', r.remoteBranch, remoteBranchProblem(r.remoteBranch)],
    ['previous tag', r.since, r.since === undefined ? undefined : refNameProblem(r.since)],
  ];
  return named
    .filter(([, , why]) => why)
    .map(
      ([what, value, why]) =>
        `${stateFile} names the ${what} ${quoteRefName(value ?? '')}, which git would refuse (${why}): the file was edited or is damaged; abandon the release with ${shellJoin(['rm', stateFile])} (commits and tags it made stay)`,
    );
}

function remoteBranchProblem(ref: string): string | undefined {
  if (!ref.startsWith('refs/heads/')) return 'it is not under refs/heads/';
  return branchNameProblem(ref.slice('refs/heads/'.length));
}
