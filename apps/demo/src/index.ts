// The demo as a library, for the smoke test and for embedding: `runDemo(options)` returns the ledger.
export { checkSummary, type DemoSummary, formatSummary, type SummaryCheck } from './demo-summary.js';
export { type DemoOptions, runDemo } from './run-demo.js';
