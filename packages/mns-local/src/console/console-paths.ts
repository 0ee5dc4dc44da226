/** Where the console is served (below the admin prefix `/__mns-local/`). */
export const CONSOLE_PATH = '/__mns-local/console';

/** Whether `url` (path and query) is the console's page, one of its files or its API. */
export function isConsoleUrl(url: string): boolean {
  if (!url.startsWith(CONSOLE_PATH)) return false;
  const next = url.charCodeAt(CONSOLE_PATH.length);
  // end, '/', '?' or '#'
  return Number.isNaN(next) || next === 0x2f || next === 0x3f || next === 0x23;
}
