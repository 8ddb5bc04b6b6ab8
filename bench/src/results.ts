import type { BaselineId, BenchCase } from './cases.js';
import type { ClientFigures } from './clients.js';
import type { Footprint } from './footprint.js';
import type { CaseRun, MeasureSettings } from './measure.js';

/** One case over every repetition: its runs and, in each, the baseline run right before it. */
export interface CaseResult {
  id: string;
  title: string;
  kind: BenchCase['kind'];
  baseline?: BaselineId;
  reps: { run: CaseRun; baseline?: CaseRun }[];
}

/** Everything one `pnpm bench` measured, as written to bench/results/. */
export interface BenchResults {
  at: string;
  commit: string;
  environment: {
    node: string;
    cpu: string;
    cores: number;
    kernel: string;
    wrk: string;
    loadBefore: number[];
  };
  settings: MeasureSettings & { reps: number };
  cases: CaseResult[];
  clients?: ClientFigures;
  footprint?: Footprint;
  /** The PostgreSQL scale-out's report (postgres/scale-out.ts), as Markdown. */
  postgres?: string;
  /** Why the PostgreSQL scale-out could not run (the run then exits 1). */
  postgresError?: string;
}
