/**
 * globalSetup of the "workspace" e2e project (runs once, in jest's main process):
 *   1. build the plugin (npx nx run nx:build → dist/packages/nx)
 *   2. start verdaccio (tools/local-registry) and publish @mlws/nx to it
 *   3. create ONE template workspace the way a user does (src/utils/workspace.ts)
 * Shares its results with the suites through env vars (read by src/utils):
 *   MLWS_E2E_REGISTRY, MLWS_E2E_NPMRC, MLWS_E2E_TEMPLATE
 * MLWS_E2E_SKIP_BUILD=1 skips step 1 (dist/packages/nx must exist).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mkTmp, run } from '../../../../tools/fixtures/proc';
import { publishPlugin, startLocalRegistry, type LocalRegistry } from '../../../../tools/local-registry';
import { e2eNxVersion, REPO_ROOT } from '../../../../tools/setup/versions';
import { assertSuccess } from '../utils/run';
import { createTemplateWorkspace } from '../utils/workspace';

export interface E2eGlobalState {
  registry?: LocalRegistry;
  templateRoot?: string;
}

declare global {
  var __MLWS_E2E__: E2eGlobalState | undefined;
}

const log = (msg: string) => process.stderr.write(`[mlws-e2e] ${msg}\n`);

export default async function globalSetup(): Promise<void> {
  const state: E2eGlobalState = {};
  globalThis.__MLWS_E2E__ = state;
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const nxVersion = e2eNxVersion();
  log('');

  if (process.env['MLWS_E2E_SKIP_BUILD'] !== '1') {
    log('building the plugin: npx nx run nx:build');
    assertSuccess(
      await run('npx', ['nx', 'run', 'nx:build', '--outputStyle=static'], {
        cwd: REPO_ROOT,
        env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
        timeoutMs: 10 * 60 * 1000,
      }),
      REPO_ROOT,
    );
    log(`built (${since()})`);
  }
  const dist = join(REPO_ROOT, 'dist', 'packages', 'nx');
  const { version } = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as { version: string };

  try {
    state.registry = await startLocalRegistry();
    log(`verdaccio at ${state.registry.url} (${since()})`);
    await publishPlugin(state.registry.url, { npmrc: state.registry.npmrc, distDir: dist });
    log(`published @mlws/nx@${version} (${since()})`);

    state.templateRoot = mkTmp('template');
    const template = await createTemplateWorkspace({
      registryUrl: state.registry.url,
      npmrc: state.registry.npmrc,
      nxVersion,
      pluginVersion: version,
      dir: join(state.templateRoot, 'workspace'),
    });
    log(`template workspace ${template}: nx@${nxVersion} + @mlws/nx@${version} (${since()})`);

    process.env['MLWS_E2E_REGISTRY'] = state.registry.url;
    process.env['MLWS_E2E_NPMRC'] = state.registry.npmrc;
    process.env['MLWS_E2E_TEMPLATE'] = template;
  } catch (e) {
    await globalTeardownState(state, true);
    throw e;
  }
}

/** Stops the registry and removes the template (kept with MLWS_KEEP_TMP=1 or `keep`). */
export async function globalTeardownState(state: E2eGlobalState, keep = false): Promise<void> {
  await state.registry?.stop();
  if (state.templateRoot) {
    if (keep || process.env['MLWS_KEEP_TMP'] === '1') log(`kept template ${state.templateRoot}`);
    else rmSync(state.templateRoot, { recursive: true, force: true });
  }
}
