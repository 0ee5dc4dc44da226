// CommonJS consumer of the packed @vodmns/sqlite (require(esm), Node >= 20.19).
const { SqliteIdempotencyStore } = require('@vodmns/sqlite');

try {
  new SqliteIdempotencyStore({});
  console.error('a missing path was accepted');
  process.exit(1);
} catch (error) {
  if (error.code !== 'ERR_MNS_INVALID_ARGUMENT') {
    console.error(`@vodmns/sqlite via require() is not usable: ${error}`);
    process.exit(1);
  }
}
console.log('sqlite cjs ok');
