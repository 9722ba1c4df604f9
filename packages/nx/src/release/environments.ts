import { environmentFile } from '../model/environment-files';
import { gitSourcesOf, pinInEnvironment } from '../uv/pin-source';
import type { EnvironmentOption } from '../model/environment-roles';
import type { EnvironmentPinPlan, RelockPlan } from './state';
import { isPrerelease } from '../model/pep440';

/**
 * Which environments a release pins, and their edits. Pure (files come in as text): a dev or
 * pre-release pins `devEnvironments` (default: the staging-role environments), a final release
 * `stableEnvironments` (default: staging and prod roles, model/environment-roles.ts). An
 * environment that does not pin the package yet is left alone with a note: adding a package to an
 * environment is a decision (`nx g @mlws/nx:pin`), not a side effect of releasing it.
 */

export interface PinChoiceInput {
  /** PEP 503-normalised distribution name. */
  name: string;
  version: string;
  tag: string;
  devEnvironments: readonly string[];
  stableEnvironments: readonly string[];
  /** The workspace's environments besides dev. */
  environments: readonly EnvironmentOption[];
  /** Text of a workspace-relative file, undefined when missing. */
  read: (file: string) => string | undefined;
}

export interface PinChoice {
  pins: EnvironmentPinPlan[];
  /** Environments asked for but left alone, one line each. */
  notes: string[];
  problems: string[];
}

export function choosePins(i: PinChoiceInput): PinChoice {
  const wanted = isPrerelease(i.version) ? i.devEnvironments : i.stableEnvironments;
  const out: PinChoice = { pins: [], notes: [], problems: [] };
  for (const name of wanted) {
    const env = i.environments.find((e) => e.name === name);
    if (!env) {
      const known = i.environments.map((e) => e.name).join(', ') || 'none';
      out.problems.push(
        `"${name}" is not an environment of this workspace (environments: ${known}): fix the release target's ${isPrerelease(i.version) ? 'devEnvironments' : 'stableEnvironments'} option, or add it with nx g @mlws/nx:environment ${name}`,
      );
      continue;
    }
    const file = environmentFile(env);
    const text = i.read(file);
    if (text === undefined) {
      out.notes.push(`${file} does not exist: the ${name} environment is not pinned`);
      continue;
    }
    if (!gitSourcesOf(text).some((s) => s.name === i.name)) {
      out.notes.push(
        `${name} does not pin ${i.name} (${file}): left alone; pin it with nx g @mlws/nx:pin ${i.name} --env ${name} --tag ${i.tag}`,
      );
      continue;
    }
    out.pins.push({ name, path: env.path, file });
  }
  return out;
}

/** The tags the environments pin a package at (what its tag prefix is read from, beside its tags). */
export function pinnedTags(
  name: string,
  environments: readonly EnvironmentOption[],
  read: (file: string) => string | undefined,
): string[] {
  return environments.flatMap((env) => {
    const text = read(environmentFile(env));
    return text === undefined
      ? []
      : gitSourcesOf(text)
          .filter((s) => s.name === name && s.tag !== undefined)
          .map((s) => s.tag as string);
  });
}

export function relockPlan(pins: readonly EnvironmentPinPlan[], devLock: boolean, devName: string): RelockPlan[] {
  return [
    ...pins.map((p) => ({ name: p.name, path: p.path, lockFile: p.path === '.' ? 'uv.lock' : `${p.path}/uv.lock` })),
    ...(devLock ? [{ name: devName, path: '.', lockFile: 'uv.lock' }] : []),
  ];
}

export type PinText = { ok: true; text: string; note: string } | { ok: false; message: string };

/** The pinned text of one environment's pyproject (only the tag token changes). */
export function pinnedText(text: string, file: string, name: string, url: string, tag: string): PinText {
  const r = pinInEnvironment(text, file, { name, url, tag });
  if (!r.ok) return r;
  const was = r.edit.before?.tag;
  const urlNote =
    r.edit.before?.url && r.edit.before.url !== r.edit.url ? ` (URL ${r.edit.before.url} → ${r.edit.url})` : '';
  return { ok: true, text: r.edit.text, note: `${file}: ${name} ${was ?? '(new)'} → ${tag}${urlNote}` };
}
