// CommonJS code loading every entry point of the packed packages with require(): Node >= 20.19
// loads ES modules synchronously (require(esm)), so the ESM-only packages serve CommonJS callers.
const assert = require('node:assert/strict');

const entryPoints = {
  '@mcc/core': 'dispatch',
  '@mcc/engine': 'createEngine',
  '@mcc/http': 'exchange',
  '@mcc/rest-transport/client': 'createRestClient',
  '@mcc/rest-transport/server': 'createRestHandler',
  '@mcc/soap-transport/client': 'createSoapClient',
  '@mcc/soap-transport/server': 'createSoapHandler',
  '@mcc/store-sqlite': 'createSqliteStore',
  '@mcc/store-postgres': 'createPostgresStore',
  '@mcc/store-postgres/testing': 'startCluster',
  '@mcc/testkit': 'mccConformance',
};
for (const [specifier, name] of Object.entries(entryPoints)) {
  assert.equal(typeof require(specifier)[name], 'function', `require('${specifier}').${name}`);
}
console.log(`require(esm): ${Object.keys(entryPoints).length} entry points loaded`);
