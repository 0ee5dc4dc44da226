// ESM consumer of the packed @vodmns/mns-local.
import * as api from '@vodmns/mns-local';

console.log('mns-local esm ok', Object.keys(api).length);
