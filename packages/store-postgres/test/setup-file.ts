import { afterAll } from 'vitest';
import { dropTestSchemas } from './support/test-store.js';

afterAll(dropTestSchemas);
