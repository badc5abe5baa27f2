import { z } from 'zod';

/** The settings the service reads from its environment, validated. */
export type Config = z.infer<typeof settingsSchema>;

/** A setting whose value the service cannot run with. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A whole number from `min` to `max`, given as a decimal string. */
function integerSetting(min: number, max: number, fallback: number) {
  const inRange = (value: string) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;

  return z
    .string()
    .refine(inRange, { error: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .default(fallback);
}

/** `true` or `false`, nothing else: a typo must not silently mean false. */
function booleanSetting(fallback: boolean) {
  return z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .transform((value) => value === 'true')
    .default(fallback);
}

const settingsSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], {
        error: 'expected development, production or test',
      })
      .default('production'),
    PORT: integerSetting(1, 65535, 8000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),

    // Bytes of request body. A larger body is refused with 413, and no more
    // than the limit is read.
    BODY_LIMIT: integerSetting(1, 104_857_600, 102_400),

    // The HTTP server's timeouts and the stop: see src/http-server.ts and
    // src/shutdown.ts for what each one guards against.
    KEEP_ALIVE_TIMEOUT_MS: integerSetting(1, 3_600_000, 65_000),
    HEADERS_TIMEOUT_MS: integerSetting(1, 3_600_000, 20_000),
    REQUEST_TIMEOUT_MS: integerSetting(1, 3_600_000, 30_000),
    SHUTDOWN_DELAY_MS: integerSetting(0, 600_000, 0),
    SHUTDOWN_TIMEOUT_MS: integerSetting(1, 600_000, 10_000),

    DEBUG_ROUTES: booleanSetting(false),
  })
  .superRefine((settings, context) => {
    // The delay must leave the stop time to finish the requests in flight.
    requireBelow(settings, context, 'SHUTDOWN_DELAY_MS', 'SHUTDOWN_TIMEOUT_MS');
    // The headers are part of the request, so their limit must fit in the
    // request's: Node swaps two that do not (see src/http-server.ts).
    requireBelow(
      settings,
      context,
      'HEADERS_TIMEOUT_MS',
      'REQUEST_TIMEOUT_MS',
      { orEqual: true },
    );
  });

// Zod runs the checks across settings even when a setting above failed,
// which it passes as given: only numbers compare.
type PartlyParsed = Record<string, unknown>;

/** Blames `lower` unless it is below `upper` (or equal, with `orEqual`). */
function requireBelow(
  settings: PartlyParsed,
  context: z.RefinementCtx,
  lower: string,
  upper: string,
  { orEqual = false } = {},
): void {
  const low = settings[lower];
  const high = settings[upper];
  if (typeof low !== 'number' || typeof high !== 'number') return;
  if (low < high || (orEqual && low === high)) return;

  context.addIssue({
    code: 'custom',
    path: [lower],
    message: `expected ${orEqual ? 'at most' : 'less than'} ${upper} (${high})`,
  });
}

/**
 * Reads the settings from `environment`. An empty value counts as unset, so
 * that `PORT=` in an env file means the default rather than an error.
 */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const settings = withoutEmptyValues(environment);
  const result = settingsSchema.safeParse(settings);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  const name = String(issue.path[0]);
  const value = describeValue(name, settings);
  throw new ConfigError(`Invalid setting ${name}=${value}: ${issue.message}`);
}

/** What each setting is when the environment leaves it unset. */
const DEFAULTS: PartlyParsed = settingsSchema.parse({});

/**
 * The value as given or, for a setting left unset that a check across
 * settings blames, the default it stands for.
 */
function describeValue(name: string, settings: PartlyParsed): string {
  if (name in settings) return JSON.stringify(settings[name]);
  return `${String(DEFAULTS[name])} (the default)`;
}

function withoutEmptyValues(environment: NodeJS.ProcessEnv) {
  return Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== ''),
  );
}
