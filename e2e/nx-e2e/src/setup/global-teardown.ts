/** globalTeardown of the "workspace" e2e project: stop verdaccio, remove the template. */
import { globalTeardownState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__MLWS_E2E__;
  if (state) await globalTeardownState(state);
  globalThis.__MLWS_E2E__ = undefined;
}
