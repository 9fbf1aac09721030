import { z } from 'zod';

export class EnvValidationError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Validates the environment before anything else starts; a bad variable stops the process with
 * a message naming it, instead of failing later at first use.
 */
export function loadEnv<S extends z.ZodType>(
  app: string,
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new EnvValidationError(app, problems);
}

/** Runs `loadEnv` and exits with the message on failure: for main.ts files. */
export function loadEnvOrExit<S extends z.ZodType>(app: string, schema: S): z.infer<S> {
  try {
    return loadEnv(app, schema);
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
