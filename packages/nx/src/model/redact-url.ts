/**
 * Credentials inside URLs (`https://user:token@host/…`) are never printed or stored: every message,
 * state file, note and pin that shows a URL passes it (or the whole text) through here. Pure.
 *
 * What is removed: the userinfo of a URL with a scheme (`scheme://userinfo@host`) when it holds a
 * password (`user:secret@`), and any userinfo of a non-SSH URL (`https://ghp_token@github.com/…`
 * authenticates with the token as the user name). Kept: the login of an SSH URL without a password
 * (`ssh://git@host/…`, scp-like `git@host:o/r.git`), which names an account, not a secret, and
 * without which the URL would not work.
 */

/** The secret userinfo of a URL (`user:token`), or undefined when it has none to hide. */
export function secretUserinfo(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)/i.exec(url.trim());
  if (!m) return undefined;
  const at = m[2].lastIndexOf('@');
  if (at < 0) return undefined;
  return isSecret(m[1], m[2].slice(0, at)) ? m[2].slice(0, at) : undefined;
}

/** The URL without secret userinfo: `https://x:tok@github.com/o/r.git` → `https://github.com/o/r.git`. */
export function redactUrl(url: string): string {
  return redactUrlsIn(url);
}

/** Every URL inside a text (a message, git's stderr, a state file) with its secret userinfo removed. */
export function redactUrlsIn(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*):\/\/([^\s/?#'"`<>]*)@/gi, (whole, scheme: string, userinfo: string) =>
    isSecret(scheme, userinfo) ? `${scheme}://` : whole,
  );
}

/** Whether a text shows a URL with secret userinfo. */
export function hasSecretUserinfo(text: string): boolean {
  return redactUrlsIn(text) !== text;
}

function isSecret(scheme: string, userinfo: string): boolean {
  if (userinfo === '') return true; // `https://@host`: nothing to hide, but nothing worth keeping either
  if (userinfo.includes(':')) return true;
  return !/(^|\+)ssh($|\+)/i.test(scheme);
}
