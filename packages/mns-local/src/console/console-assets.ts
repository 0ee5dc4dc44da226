import { readFile } from 'node:fs/promises';

/** The console's static files, read once at start from the package's `assets/console/` (shipped in `files`). */
export interface ConsoleAssets {
  readonly html: string;
  readonly script: string;
  readonly style: string;
  readonly icon: string;
}

const ASSET_DIR = new URL('../../assets/console/', import.meta.url);

/** Reads the console's files (from `src/console/` and `dist/console/` alike: both sit two levels down). */
export async function loadConsoleAssets(): Promise<ConsoleAssets> {
  const read = async (name: string): Promise<string> => {
    const url = new URL(name, ASSET_DIR);
    try {
      return await readFile(url, 'utf8');
    } catch (cause) {
      throw new Error(
        `mns-local: cannot read the console file ${url.pathname} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); ` +
          'the package is incomplete — reinstall it, or start with console: false / --no-console',
        { cause },
      );
    }
  };
  const [html, script, style, icon] = await Promise.all([
    read('console.html'),
    read('console.js'),
    read('console.css'),
    read('icon.svg'),
  ]);
  return { html, script, style, icon };
}
