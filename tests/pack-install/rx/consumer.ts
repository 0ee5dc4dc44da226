// TypeScript (module nodenext) consumer of the packed @vodmns/rx.
import * as api from '@vodmns/rx';

export const names: readonly string[] = Object.keys(api);
