/**
 * What a docker-build task leaves as its (cacheable) output: the image lives in the engine or a
 * registry, not in Nx's cache, so the record says what was built and how to build it again.
 * No timestamps or machine paths: the record must be the same on every machine (remote cache).
 */
export interface ImageRecord {
  imageId: string;
  /** `repo@sha256:…` once pushed. */
  digest?: string;
  tags: string[];
  target?: string;
  backend?: string;
  buildArgs: Record<string, string>;
  /** The docker argv (without the program) that built it, context-relative, for a rebuild. */
  argv: string[];
}

/** The temporary files of one build, written into the recorded argv as placeholders. */
export interface BuildFiles {
  iidfile: string;
  metadataFile: string;
}

const PLACEHOLDERS: ReadonlyArray<[keyof BuildFiles, string]> = [
  ['iidfile', '<iidfile>'],
  ['metadataFile', '<metadata-file>'],
];

/** The argv as recorded (and shown): the build's temporary paths replaced by placeholders. */
export function recordedArgv(argv: readonly string[], files: BuildFiles): string[] {
  return argv.map((a) => PLACEHOLDERS.find(([k]) => files[k] === a)?.[1] ?? a);
}

/** A recorded argv made runnable again with this build's temporary paths. */
export function runnableArgv(recorded: readonly string[], files: BuildFiles): string[] {
  return recorded.map((a) => {
    const key = PLACEHOLDERS.find(([, p]) => p === a)?.[0];
    return key ? files[key] : a;
  });
}

export function parseImageRecord(text: string): ImageRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<ImageRecord>;
    if (typeof r.imageId !== 'string' || !Array.isArray(r.tags) || !Array.isArray(r.argv)) return undefined;
    return { buildArgs: {}, ...r } as ImageRecord;
  } catch {
    return undefined;
  }
}

export function formatImageRecord(r: ImageRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** How to get the recorded image back when the engine does not have it. */
export type Recovery = { kind: 'present' } | { kind: 'pull'; ref: string } | { kind: 'rebuild' };

export function recoveryFor(record: ImageRecord, presentInEngine: boolean): Recovery {
  if (presentInEngine) return { kind: 'present' };
  if (record.digest) return { kind: 'pull', ref: record.digest };
  return { kind: 'rebuild' };
}

/** The default place of a project's image record (the docker-build target's output, what docker-run reads). */
export function defaultRecordFile(projectName: string): string {
  return `dist/docker/${projectName}.json`;
}
