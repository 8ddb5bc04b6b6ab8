export * from './wire/enums.js';
export { wireEnum, wireEnumName, wireEnumDescriptions } from './wire/wire-enum.js';
export { param, isBlank, type Param, type ParamKind } from './wire/params.js';
export { defineResult, type ResultSchemas } from './wire/result.js';
export * from './operations/index.js';
export type { CallOptions, MccService } from './service.js';
export { MccError, isStoreError, type MccErrorCode } from './errors.js';
export { dispatch, validateRequest, faultResult, failed, type Validation } from './dispatch.js';
export * from './client/index.js';
