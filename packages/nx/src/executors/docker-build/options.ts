import type { EnvironmentTargetOptions } from '../shared/options';

export interface DockerBuildExecutorOptions extends Partial<EnvironmentTargetOptions> {
  environment: string;
  dockerfile?: string;
  context?: string;
  target?: string;
  imageName?: string;
  backend?: string;
  buildArgs?: Record<string, string>;
  network?: string;
  push?: boolean;
  cacheFrom?: string[];
  cacheTo?: string[];
  platforms?: string[];
  secrets?: string[];
  ssh?: string[];
  recordFile?: string;
  args?: string[];
}
