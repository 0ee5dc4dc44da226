// ESM consumer of the packed @vodmns/rx.
import * as api from '@vodmns/rx';

console.log('rx esm ok', Object.keys(api).length);
