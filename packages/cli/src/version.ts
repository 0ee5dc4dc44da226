import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The `@vodmns/cli` package version (from its package.json). */
export const CLI_VERSION: string = (require('../package.json') as { version: string }).version;
