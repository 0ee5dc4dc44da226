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
  const read = (name: string): Promise<string> => readFile(new URL(name, ASSET_DIR), 'utf8');
  const [html, script, style, icon] = await Promise.all([
    read('console.html'),
    read('console.js'),
    read('console.css'),
    read('icon.svg'),
  ]);
  return { html, script, style, icon };
}
