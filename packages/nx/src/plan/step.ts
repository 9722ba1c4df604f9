import type { Command } from './command';

export interface Step {
  command: Command;
  /** Undoes this step (run in order when this or a later step fails and the plan rolls back). */
  undo?: Command[];
  /**
   * A point of no return once it succeeded (a push, a deleted git dir): a later failure stops
   * with the commands that finish the job instead of rolling back. Plans put every step that can
   * fail for an ordinary reason (a relock) before it, so those roll back.
   */
  irreversible?: boolean;
  /** The environment a `uv lock` step relocks (named in the diagnosis of its failure). */
  environment?: string;
}

export interface Plan {
  steps: Step[];
  /** Undo of the files written before the plan runs (the Nx tree), applied last on rollback. */
  restoreFiles: Command[];
  /** What is done once every step succeeded (shown as the last line). */
  done?: string;
  /** What a clean rollback says after the failure (default: `rolled back, the workspace is as it was`). */
  rolledBack?: string;
}
