// Browser-test harness: a real `ties serve` (tests/api/lib.mjs) serving the
// built web app, driven by Debian's chromium through playwright-core.  No
// browser is ever downloaded.  Screenshots go to build/screenshots/.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from '../api/lib.mjs';

const root = new URL('../../', import.meta.url).pathname;
// playwright-core is a devDependency of web/; resolve it from there.
const require = createRequire(join(root, 'web/package.json'));
const { chromium } = require('playwright-core');

export const DIST = process.env.TIES_WEB_DIST || join(root, 'web/dist');
export const SHOTS = join(root, 'build/screenshots');
export const CHROMIUM = process.env.TIES_CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery';

/** Starts ties and chromium; returns { server, browser, base, close }. */
export async function start({ serverArgs = [] } = {}) {
  const server = await new Server({ args: ['--web', DIST, ...serverArgs] }).start();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      // launch() gives every browser a fresh temporary profile (user-data dir) of its own.
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    browser,
    base: server.base,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

/** A fresh browser context (its own cookies) and page.  errors collects page errors and CSP violations. */
export async function newPage(env, { width = 1280, height = 860 } = {}) {
  const context = await env.browser.newContext({ baseURL: env.base, viewport: { width, height } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.errors.push(m.text());
  });
  page.setDefaultTimeout(10000);
  return page;
}

export async function shot(page, name, { fullPage = true } = {}) {
  // From the top, so the sticky header sits where it belongs in a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150); // let transitions settle
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage });
}

/** Signs up through the form; lands on the first-run guide. */
export async function signUp(page, name, email, password = PASSWORD) {
  await page.goto('/signup');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Agree and join' }).click();
  await page.waitForURL('**/welcome');
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
  await page.getByRole('button', { name: 'Your account' }).waitFor();
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Your account' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin');
}

/** Creates a member through the API and fills the profile; returns { token, handle, email, password }. */
export async function member(server, name, profile = {}) {
  const m = await server.signup(name);
  if (Object.keys(profile).length) {
    const r = await server.patch('/api/v1/me/profile', profile, { token: m.token });
    if (r.status !== 200) throw new Error(`profile of ${name}: ${r.status} ${r.text}`);
  }
  return m;
}
