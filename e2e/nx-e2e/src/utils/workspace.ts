/**
 * Nx workspaces for the suites, created the way a user creates one:
 * `npm init -y && npm install -D nx @mlws/nx` from the local registry, `git init`, the plugin in
 * nx.json. globalSetup makes ONE template; each test copies it with `cp -a` (isolated, fast).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlayground, type Playground, type PlaygroundManifest } from '../../../../tools/fixtures/playground';
import { git, run } from '../../../../tools/fixtures/proc';
import { npmEnv } from '../../../../tools/local-registry';
import { assertSuccess } from './run';
import { tmpDir } from './tmp';

export type PluginEntry =
  string | { plugin: string; options?: Record<string, unknown>; include?: string[]; exclude?: string[] };

/**
 * Adds `plugin` (with `options`, if given) to the `plugins` of `<dir>/nx.json` (created if
 * missing). Idempotent: an existing entry for the same plugin is replaced. Returns the nx.json.
 */
export function addPluginToNxJson(
  dir: string,
  plugin = '@mlws/nx',
  options?: Record<string, unknown>,
): Record<string, unknown> {
  const file = join(dir, 'nx.json');
  const nxJson: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const plugins = (Array.isArray(nxJson['plugins']) ? nxJson['plugins'] : []) as PluginEntry[];
  const entry: PluginEntry = options ? { plugin, options } : plugin;
  const nameOf = (p: PluginEntry) => (typeof p === 'string' ? p : p.plugin);
  const at = plugins.findIndex((p) => nameOf(p) === plugin);
  if (at >= 0) plugins[at] = entry;
  else plugins.push(entry);
  nxJson['plugins'] = plugins;
  writeFileSync(file, `${JSON.stringify(nxJson, null, 2)}\n`);
  return nxJson;
}

const WORKSPACE_GITIGNORE = ['node_modules/', '.nx/', 'dist/', ''].join('\n');

export interface TemplateOptions {
  registryUrl: string;
  /** npmrc with a token for the registry. */
  npmrc: string;
  nxVersion: string;
  /** Version of @mlws/nx to install (default: latest in the registry). */
  pluginVersion?: string;
  /** Where to create it (default: a new /tmp/mlws-e2e-template-* dir). */
  dir?: string;
}

/**
 * Creates the template workspace: temp dir, `npm init -y`,
 * `npm install -D -E nx@<nxVersion> @mlws/nx --registry <local>`, `git init`, .gitignore,
 * nx.json `{ "plugins": ["@mlws/nx"] }`, one commit. Returns its path.
 */
export async function createTemplateWorkspace(opts: TemplateOptions): Promise<string> {
  const dir = opts.dir ?? join(tmpDir('template'), 'workspace');
  mkdirSync(dir, { recursive: true });
  const env = npmEnv(opts.npmrc, opts.registryUrl);
  const registry = `${opts.registryUrl.replace(/\/$/, '')}/`;
  assertSuccess(await run('npm', ['init', '-y'], { cwd: dir, env }), dir);
  const plugin = opts.pluginVersion ? `@mlws/nx@${opts.pluginVersion}` : '@mlws/nx';
  assertSuccess(
    await run(
      'npm',
      ['install', '--save-dev', '--save-exact', `nx@${opts.nxVersion}`, plugin, '--registry', registry],
      {
        cwd: dir,
        env,
        timeoutMs: 10 * 60 * 1000,
      },
    ),
    dir,
  );
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  writeFileSync(join(dir, '.gitignore'), WORKSPACE_GITIGNORE);
  addPluginToNxJson(dir, '@mlws/nx');
  await git(dir, ['add', '--all']);
  await git(dir, ['commit', '--quiet', '-m', 'Nx workspace with @mlws/nx']);
  return dir;
}

/** The template created by globalSetup (env MLWS_E2E_TEMPLATE). */
export function templateDir(): string {
  const dir = process.env['MLWS_E2E_TEMPLATE'];
  if (!dir || !existsSync(dir)) {
    throw new Error(
      'MLWS_E2E_TEMPLATE is not set or missing: template workspaces exist only in the "workspace" jest ' +
        'project of e2e/nx-e2e/jest.config.cjs (its globalSetup creates it). Put the spec outside src/fixtures/.',
    );
  }
  return dir;
}

/** A fresh copy (`cp -a`) of the template workspace in its own temp dir. Returns its path. */
export async function createWorkspaceFromTemplate(label = 'ws'): Promise<string> {
  const dir = join(tmpDir(label), 'workspace');
  assertSuccess(await run('cp', ['-a', templateDir(), dir], { cwd: '/' }), '/');
  return dir;
}

export interface PlaygroundWorkspace {
  /** The root repo of the playground = the Nx workspace root. */
  root: string;
  /** The temp dir holding `root/` and `remotes/`. */
  dir: string;
  remotesDir: string;
  /** file:// URL of every bare remote by repo name (`ml-playground` is the root's). */
  remotes: Record<string, string>;
  manifest: PlaygroundManifest;
  playground: Playground;
}

export interface PlaygroundWorkspaceOptions {
  /** Submodules left uninitialised (default: ['prompt-handler'], like a non-recursive clone). */
  uninitialised?: readonly string[];
  /** Plugin options to put into nx.json (default: plain "@mlws/nx"). */
  pluginOptions?: Record<string, unknown>;
  /** Commit the Nx files (package.json, lock, nx.json, .gitignore) in the root (default true). */
  commit?: boolean;
}

/**
 * The playground fixture whose root repo IS the Nx workspace: fixture built in a temp dir, then
 * package.json, package-lock.json, node_modules and nx.json copied in from the template,
 * `node_modules/` and `.nx/` git-ignored, committed. Ready for `runNx(ws.root, …)`.
 */
export async function createPlaygroundWorkspace(opts: PlaygroundWorkspaceOptions = {}): Promise<PlaygroundWorkspace> {
  const template = templateDir();
  const dir = tmpDir('playground');
  const playground = await buildPlayground(dir, { uninitialised: opts.uninitialised ?? ['prompt-handler'] });
  const { root } = playground;
  const items = ['package.json', 'package-lock.json', 'node_modules', 'nx.json'].map((f) => join(template, f));
  assertSuccess(await run('cp', ['-a', ...items, `${root}/`], { cwd: '/' }), root);
  if (opts.pluginOptions) addPluginToNxJson(root, '@mlws/nx', opts.pluginOptions);
  appendFileSync(join(root, '.gitignore'), '\n# Nx\nnode_modules/\n.nx/\n');
  if (opts.commit ?? true) {
    await git(root, ['add', '--', 'package.json', 'package-lock.json', 'nx.json', '.gitignore']);
    await git(root, ['commit', '--quiet', '-m', 'Add Nx with @mlws/nx']);
  }
  return {
    root,
    dir,
    remotesDir: playground.remotesDir,
    remotes: playground.remotes,
    manifest: playground.manifest,
    playground,
  };
}
