// CommonJS consumer of the packed @vodmns/rx (require(esm), Node >= 20.19).
const api = require('@vodmns/rx');

console.log('rx cjs ok', Object.keys(api).length);
