// TypeScript (module nodenext) consumer of the packed @vodmns/cli.
import * as api from '@vodmns/cli';

export const names: readonly string[] = Object.keys(api);
