import type { ContactCenterConfig } from '../config/schema.js';
import type { Directory } from './directory.js';
import type { Routing } from './routing.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The pieces of one engine that its operations and its control work with. */
export interface EngineParts {
  readonly config: ContactCenterConfig;
  readonly directory: Directory;
  readonly routing: Routing;
  readonly work: UnitOfWork;
  /** Makes session ids for starts without one. */
  readonly generateId: () => string;
}
