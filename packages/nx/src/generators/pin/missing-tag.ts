/** The one line for a tag that is not on the remote, with the closest tags that are. */
export function missingTagMessage(tag: string, url: string, tags: readonly string[]): string {
  if (tags.length === 0)
    return `tag ${tag} is not on ${url}, which has no tags at all: create and push it first (git tag -a ${tag} && git push origin ${tag})`;
  const stripped = tag.replace(/^v/, '');
  const twin = tags.find((t) => t.replace(/^v/, '') === stripped);
  const hint = twin ? ` — did you mean ${twin}?` : '';
  const shown = [...tags].sort(byVersionish).reverse().slice(0, 6);
  return `tag ${tag} is not on ${url}${hint} (its latest tags: ${shown.join(', ')}${tags.length > shown.length ? ', …' : ''})`;
}

function byVersionish(a: string, b: string): number {
  return a.replace(/^v/, '').localeCompare(b.replace(/^v/, ''), 'en', { numeric: true });
}
