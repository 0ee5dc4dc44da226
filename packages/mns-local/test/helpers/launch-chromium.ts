import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (installed by `scripts/install-system-deps.sh`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.VODMNS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile directory; disposing closes it and removes the profile. */
export interface Chromium extends AsyncDisposable {
  readonly context: BrowserContext;
}

/**
 * Launches Debian's Chromium through playwright-core. Fails loudly (never skips) when it is missing, saying how
 * to install it.
 */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The console's browser tests need it: run ` +
        "'sudo bash scripts/install-system-deps.sh' (or 'sudo apt-get install -y chromium') on Debian/Ubuntu, " +
        'or point VODMNS_CHROMIUM at a Chromium binary. Never `npx playwright install`.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'vodmns-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 860 },
      deviceScaleFactor: 1,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(30_000);
  return {
    context,
    async [Symbol.asyncDispose]() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
