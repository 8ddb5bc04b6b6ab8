export { type Authorization, readAuthorization } from './authorization.js';
export {
  type CredentialChecker,
  type CredentialSet,
  createCredentialChecker,
  sameSecret,
} from './credentials.js';
