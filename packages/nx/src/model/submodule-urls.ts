import { unsafeGitUrlReason } from './git-url';
import type { Submodule } from './gitmodules';
import { redactUrl } from './redact-url';

/**
 * One line per `.gitmodules` URL the plugin refuses (remote-helper transports, control characters,
 * a leading "-"): what is wrong and how to set another URL. Credentials in a URL are not repeated.
 */
export function refusedSubmoduleUrls(submodules: readonly Submodule[]): string[] {
  const out: string[] = [];
  for (const s of submodules) {
    const reason = unsafeGitUrlReason(s.url);
    if (!reason) continue;
    out.push(
      `.gitmodules: ${s.path} has the URL ${JSON.stringify(redactUrl(s.url))}, which @mlws/nx refuses (${reason}): set an https or ssh URL with git config -f .gitmodules submodule.${s.name}.url <url>, then run git submodule sync`,
    );
  }
  return out;
}
