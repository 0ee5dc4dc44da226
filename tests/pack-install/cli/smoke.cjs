// CommonJS consumer of the packed @vodmns/cli (require(esm), Node >= 20.19).
const api = require('@vodmns/cli');

console.log('cli cjs ok', Object.keys(api).length);
