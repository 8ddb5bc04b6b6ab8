import type { z } from 'zod';
import type { RequestOfParams } from '../operations/define-operation.js';
import type { OperationName, Operations, OperationTable } from '../operations/index.js';
import type { CallOptions, MccService } from '../service.js';

/** The typed request of row `N` of any operations table `T`, derived from its parameters. */
export type TableRequestOf<T extends OperationTable, N extends keyof T> = RequestOfParams<T[N]['request']>;

/** The typed result of row `N` of any operations table `T`, derived from its result schema. */
export type TableResultOf<T extends OperationTable, N extends keyof T> = z.output<T[N]['result']['schema']>;

/**
 * One method per row of the operations table `T` (default: the MCC one, where it is exactly
 * `MccService`). A row named like an MCC operation keeps the MCC method (its named request and
 * result types); any other row (a gateway's own operation, a test's throw-away one) gets a method
 * typed from its own parameters and result schema.
 */
export type ServiceOf<T extends OperationTable = Operations> = {
  [N in keyof T & string]: N extends OperationName
    ? MccService[N]
    : (request: TableRequestOf<T, N>, options?: CallOptions) => Promise<TableResultOf<T, N>>;
};
