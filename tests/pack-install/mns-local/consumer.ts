// TypeScript (module nodenext) consumer of the packed @vodmns/mns-local.
import * as api from '@vodmns/mns-local';

export const names: readonly string[] = Object.keys(api);
