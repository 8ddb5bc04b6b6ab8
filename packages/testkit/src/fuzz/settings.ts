/** How many runs a property-based fuzz test makes, and how to replay one. */
export interface FuzzSettings {
  /** Runs per property: the test's own (bounded, for CI) or `FUZZ_RUNS`. */
  numRuns: number;
  /** `FUZZ_SEED`: the seed fast-check printed for a failure. */
  seed?: number;
  /** `FUZZ_PATH`: the path fast-check printed, to go straight to the shrunk counter-example. */
  path?: string;
  /** The test's timeout in ms: 20 s for the bounded campaign, none (0) when `FUZZ_RUNS` is set. */
  timeoutMs: number;
}

/**
 * Settings of one fuzz property (pass them to `fc.assert`): `defaultRuns` for CI, or the long
 * campaign's `FUZZ_RUNS` (e.g. `FUZZ_RUNS=100000 pnpm fuzz`); replays a reported failure with
 * `FUZZ_SEED=<seed> FUZZ_PATH=<path>`.
 */
export function fuzzSettings(defaultRuns: number, env: Record<string, string | undefined> = process.env) {
  const runs = Number(env.FUZZ_RUNS);
  const long = Number.isInteger(runs) && runs > 0;
  const seed = Number(env.FUZZ_SEED);
  const settings: FuzzSettings = { numRuns: long ? runs : defaultRuns, timeoutMs: long ? 0 : 20_000 };
  if (env.FUZZ_SEED && Number.isInteger(seed)) settings.seed = seed;
  if (env.FUZZ_PATH) settings.path = env.FUZZ_PATH;
  return settings;
}

/** The part of {@link FuzzSettings} fast-check's `assert` takes. */
export function fastCheckParameters(settings: FuzzSettings): {
  numRuns: number;
  seed?: number;
  path?: string;
} {
  const { timeoutMs: _, ...parameters } = settings;
  return parameters;
}
