// The demo: a newcomer signs in with the credentials the sign-in page shows
// and sees a living network (what `make run` serves).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, shot } from './lib.mjs';

let env, page;
before(async () => {
  env = await start({ serverArgs: ['--demo'] });
  page = await newPage(env);
});
after(async () => {
  await env?.close();
});

test('sign in with the demo credentials shown on the sign-in page; the network is alive', { timeout: 60000 }, async () => {
  await page.goto('/');
  await page.waitForURL('**/signin');
  const hint = await page.getByTestId('demo-hint').textContent();
  const [, email, password] = hint.match(/Demo:\s*(\S+)\s*\/\s*(\S+)/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Your account' }).waitFor();
  await page.locator('.me-name').getByText('Astrid Lindqvist').waitFor();
  const stats = page.locator('.me-stats');
  await stats.waitFor();
  const connections = Number((await stats.locator('dd').first().textContent()).replace(/\D/g, ''));
  assert.ok(connections > 10, `Astrid has connections (${connections})`);
  await shot(page, 'demo-home');
  await page.goto('/search?q=lean&degree=2');
  await page.locator('.search-hit').first().waitFor();
  await shot(page, 'demo-search');
  await page.locator('.search-hit .member-name').first().click();
  await page.getByRole('region', { name: "How you're connected" }).waitFor();
  await shot(page, 'demo-profile-2nd');
  assert.deepEqual(page.errors, []);
});
