// StrykerJS configuration shared by every package (run from the package directory by scripts/mutation.mjs,
// which passes --mutate). See docs/reliability.md, "Mutation testing".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // The packages' vitest configs import the shared project shape from the repository root, which a copied
  // sandbox cannot reach; mutate in place (Stryker restores every file when it ends, also on Ctrl-C).
  inPlace: true,
  // vitest does not type-check, so Stryker need not add `// @ts-nocheck` to every file it leaves in place.
  disableTypeChecks: false,
  concurrency: 1,
  // A mutant that hangs (a retry loop that never ends) is a Timeout, which counts as killed; keep the wait short.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['json', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: '.reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  // The per-file floor (90 %) is enforced by scripts/mutation.mjs from the JSON report; Stryker's own
  // `thresholds.break` is one global score and would let a weak file hide behind strong ones.
  thresholds: { high: 95, low: 90, break: null },
  // A static mutant (a module-level constant) can only be tested by re-running every test that loads the module:
  // here that is 98 % of the time for 28 % of the mutants (hundreds of tests per mutant). They are left out
  // (reported as Ignored, not counted in the score); `node scripts/mutation.mjs --static` includes them.
  ignoreStatic: process.env.VODMNS_MUTATION_STATIC !== '1',
  cleanTempDir: 'always',
  tempDirName: '../../.tmp/stryker',
  logLevel: 'info',
  fileLogLevel: 'off',
};
