// CommonJS consumer of the packed @vodmns/mns-local (require(esm), Node >= 20.19).
const api = require('@vodmns/mns-local');

console.log('mns-local cjs ok', Object.keys(api).length);
