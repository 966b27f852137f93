/**
 * The browser the console's tests and screenshots drive: Debian's Chromium through playwright-core
 * (no browser download). Its path: PLAYWRIGHT_CHROMIUM, else CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string =>
  env.PLAYWRIGHT_CHROMIUM || env.CHROMIUM_PATH || DEFAULT_CHROMIUM;

/** Chromium, or an error that says how to install it (never a skip: CI installs it). */
export const launchChromium = async (): Promise<Browser> => {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium (as root: apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk), or set PLAYWRIGHT_CHROMIUM or CHROMIUM_PATH to a Chromium executable.`,
    );
  }
  return chromium.launch({ executablePath: path, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
};
