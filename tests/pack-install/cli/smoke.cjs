// CommonJS consumer of the packed @vodmns/cli (require(esm), Node >= 20.19).
const { maskSecret, runCli } = require('@vodmns/cli');

const masked = maskSecret('exampleSecretKeyForTestsOnly0001');
if (typeof runCli !== 'function' || masked.includes('exampleSecretKeyForTestsOnly0001')) {
  console.error(`@vodmns/cli via require() is not usable (maskSecret → ${masked})`);
  process.exit(1);
}
console.log('cli cjs ok');
