// ESM consumer of the packed @vodmns/cli.
import * as api from '@vodmns/cli';

console.log('cli esm ok', Object.keys(api).length);
