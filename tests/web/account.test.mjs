// The web app, account flows: serving (types, caching, CSP), sign-up, the
// first-run guide with the strength rising, editing the profile in place
// with a field error shown next to the field, sign out and in, settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, shot, signUp, signIn, signOut, PASSWORD } from './lib.mjs';

let env, page;
const email = 'kim.berg@example.org';

before(async () => {
  env = await start();
  page = await newPage(env);
});
after(async () => {
  await env?.close();
});

const strength = async () => Number(await page.getByTestId('strength-value').locator('strong').first().textContent());

test('serves the app: types, caching of hashed assets, CSP, app paths', async () => {
  const index = await fetch(env.base + '/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const csp = index.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const html = await index.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<style|style="/, 'no inline style');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')), html);
  for (const a of assets) {
    const r = await fetch(env.base + a);
    assert.equal(r.status, 200, a);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', a);
    assert.match(r.headers.get('content-type'), a.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
  }
  const app = await fetch(env.base + '/in/somebody');
  assert.equal(app.status, 200);
  assert.equal(await app.text(), html, 'app paths get index.html');
  assert.equal((await fetch(env.base + '/missing.png')).status, 404);
});

test('sign up, then the first-run guide raises the profile strength', { timeout: 60000 }, async () => {
  await page.goto('/signup');
  await shot(page, 'signup');
  // A refused sign-up keeps what was typed and names the field.
  await page.getByLabel('Full name').fill('Kim Berg');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Agree and join' }).click();
  const pwErr = page.locator('#f-password-err');
  await pwErr.waitFor({ state: 'visible' });
  assert.match(await pwErr.textContent(), /10 characters/);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Kim Berg');
  assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Agree and join' }).click();
  await page.waitForURL('**/welcome');
  await page.getByRole('heading', { name: 'Welcome to ties, Kim' }).waitFor();
  assert.equal(await strength(), 0);
  assert.equal(await page.locator('.missing-list li').count(), 9);
  await shot(page, 'welcome-start');

  // 1. headline
  await page.getByLabel('Headline').fill('Lean consultant helping factories cut lead times');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'Where do you work now?' }).waitFor();
  assert.equal(await strength(), 15);
  assert.equal(await page.locator('.missing-list li[data-field="headline"]').count(), 0);

  // 2. position, first with a date the server refuses: the error is shown, nothing is lost
  await page.getByLabel('Job title').fill('Senior consultant');
  await page.getByLabel('Company').fill('Nordvik Systems');
  await page.getByLabel('Since').fill('2019-13');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('#f-position-from-err').getByText('use YYYY or YYYY-MM').waitFor();
  assert.equal(await page.getByLabel('Job title').inputValue(), 'Senior consultant');
  await page.getByLabel('Since').fill('2019-03');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'What are you good at?' }).waitFor();
  assert.equal(await strength(), 30);

  // 3. skills, added with Enter
  const skill = page.getByRole('textbox', { name: 'Skills', exact: true });
  for (const s of ['Lean', 'Kanban', 'Value stream mapping']) {
    await skill.fill(s);
    await skill.press('Enter');
  }
  assert.equal(await page.locator('.chips .chip').count(), 3);
  await shot(page, 'welcome-skills');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'Which languages do you work in?' }).waitFor();
  assert.equal(await strength(), 45);

  // 4. languages
  await page.getByRole('checkbox', { name: 'Swedish' }).check();
  await page.getByRole('checkbox', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: /Your profile is 55% strong/ }).waitFor();
  assert.equal(await strength(), 55);
  const missing = await page.locator('.missing-list li').evaluateAll((els) => els.map((e) => e.dataset.field));
  assert.deepEqual(missing.sort(), ['education', 'industry', 'location', 'past_positions', 'summary']);
  await shot(page, 'welcome-done');
  assert.deepEqual(page.errors, []);
});

test('own profile: edit in place, a refused field shows its error next to it', { timeout: 60000 }, async () => {
  await page.getByRole('link', { name: 'Go to my profile' }).click();
  await page.waitForURL('**/in/kim-berg');
  await page.getByRole('heading', { level: 1, name: /Kim Berg/ }).waitFor();
  await page.getByText('Lean consultant helping factories cut lead times').waitFor();
  await shot(page, 'profile-own');

  await page.getByRole('button', { name: 'Edit intro' }).click();
  const headline = page.getByLabel('Headline');
  const long = 'Lean '.repeat(45) + 'and more'; // 233 characters: over the 220 limit
  await headline.fill(long);
  await page.getByLabel('Location').fill('Göteborg, Sweden');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const err = page.locator('#f-headline-err');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /at most 220 characters/i);
  assert.equal(await headline.getAttribute('aria-invalid'), 'true');
  assert.match(await headline.getAttribute('aria-describedby'), /f-headline-err/);
  assert.equal(await headline.inputValue(), long, 'what was typed is kept');
  assert.equal(await page.getByLabel('Location').inputValue(), 'Göteborg, Sweden');
  await page.waitForFunction(() => document.activeElement?.id === 'f-headline', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-headline', 'focus moves to the field at fault');
  await shot(page, 'profile-edit-error');

  await headline.fill('Lean consultant · Kanban coach');
  await page.getByLabel('Who can see your profile').selectOption('members');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Lean consultant · Kanban coach').waitFor();
  await page.getByText('Visible to: Members').waitFor();
  await page.getByText('Göteborg, Sweden').waitFor();

  // skills section, edited in place
  await page.getByRole('button', { name: 'Edit skills' }).click();
  const skill = page.getByRole('textbox', { name: 'Skills', exact: true });
  await skill.fill('Six Sigma');
  await skill.press('Enter');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.tags .tag', { hasText: 'Six Sigma' }).waitFor();

  // a past position that ends before it starts: the error is shown at that position
  await page.getByRole('button', { name: 'Edit experience' }).click();
  await page.getByRole('button', { name: 'Add a past position' }).click();
  await page.locator('#f-past_positions-0-title').fill('Production engineer');
  await page.locator('#f-past_positions-0-company').fill('Volvo Cars');
  await page.locator('#f-past_positions-0-from').fill('2019');
  await page.locator('#f-past_positions-0-to').fill('2010');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('ends before it starts').waitFor();
  assert.equal(await page.locator('#f-past_positions-0-title').inputValue(), 'Production engineer');
  await page.locator('#f-past_positions-0-from').fill('2010');
  await page.locator('#f-past_positions-0-to').fill('2019');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.timeline .item-title', { hasText: 'Production engineer' }).waitFor();
  assert.ok((await strength()) >= 70);

  // visibility private: ties says what it costs
  await page.getByRole('button', { name: 'Edit intro' }).click();
  await page.getByLabel('Who can see your profile').selectOption('private');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.warning-card').getByText('Your profile is private').waitFor();
  await page.getByRole('button', { name: 'Edit intro' }).click();
  await page.getByLabel('Who can see your profile').selectOption('public');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Visible to: Everyone').waitFor();
  assert.deepEqual(page.errors, []);
});

test('sign out and sign in again; a wrong password is said in words', { timeout: 60000 }, async () => {
  await signOut(page);
  await page.getByTestId('demo-hint').getByText('astrid@demo.ties').waitFor();
  assert.match(await page.getByTestId('demo-hint').textContent(), /demo-password-2026/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.form-error').getByText(/email or password is wrong/i).waitFor();
  assert.equal(await page.getByLabel('Email').inputValue(), email);
  await shot(page, 'signin-error');
  await signIn(page, email);
  await page.getByRole('heading', { name: 'Invitations' }).waitFor();
  await shot(page, 'home');
  // a protected page while signed out goes to sign-in and comes back after
  await signOut(page);
  await page.goto('/settings');
  await page.waitForURL('**/signin?next=%2Fsettings');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/settings');
});

test('settings: password change errors next to the field; keyboard reaches the account menu', { timeout: 60000 }, async () => {
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByLabel('Current password').fill('wrong password here');
  await page.getByLabel('New password').fill('another long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  const err = page.locator('#f-current_password-err');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /password is wrong/);
  assert.equal(await page.getByLabel('New password').inputValue(), 'another long password');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.toast').getByText('Password changed').waitFor();
  await shot(page, 'settings');

  // keyboard: the account menu opens with Enter and closes with Escape, focus returns
  await page.getByRole('button', { name: 'Your account' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'View profile' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'View profile');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Profile guide');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Your account');
  assert.ok(await page.getByRole('menu').isHidden());
  assert.deepEqual(page.errors, []);
});

test('a public profile is readable signed out, with a way to sign in and connect', { timeout: 30000 }, async () => {
  const p = await newPage(env);
  await p.goto('/in/kim-berg');
  await p.getByRole('heading', { level: 1, name: /Kim Berg/ }).waitFor();
  await p.getByText('Lean consultant · Kanban coach').waitFor();
  await p.getByRole('link', { name: 'Sign in to connect' }).click();
  await p.waitForURL('**/signin?next=%2Fin%2Fkim-berg');
  await shot(p, 'profile-public');
  await p.context().close();
});

test('phone-sized screen: the same pages fit', { timeout: 30000 }, async () => {
  const ctx = await env.browser.newContext({ baseURL: env.base, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  await signIn(p, email, 'another long password');
  await p.goto('/in/kim-berg');
  await p.getByRole('heading', { level: 1, name: /Kim Berg/ }).waitFor();
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling (overflow ${overflow}px)`);
  await shot(p, 'phone-profile', { fullPage: false });
  await p.goto('/mynetwork');
  await p.getByRole('heading', { level: 1, name: 'My network' }).waitFor();
  await shot(p, 'phone-mynetwork', { fullPage: false });
  await ctx.close();
});

test('delete account: a wrong password is refused next to the field; then the account is gone', { timeout: 30000 }, async () => {
  await page.goto('/settings');
  const del = page.getByRole('region', { name: 'Delete account' });
  await del.getByLabel('Your password').fill('not my password');
  await del.getByRole('button', { name: 'Delete my account…' }).click();
  let dlg = page.getByRole('dialog', { name: 'Delete your account?' });
  await dlg.waitFor();
  // the dialog moves focus once it has opened: wait for that, then insist on it
  await page.waitForFunction(() => document.activeElement?.closest('dialog'), null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel', 'the safe choice has the focus');
  await dlg.getByRole('button', { name: 'Delete for good' }).click();
  await page.locator('#f-password-err').getByText('password is wrong').waitFor();
  assert.equal(await del.getByLabel('Your password').inputValue(), 'not my password');
  await del.getByLabel('Your password').fill('another long password');
  await del.getByRole('button', { name: 'Delete my account…' }).click();
  dlg = page.getByRole('dialog', { name: 'Delete your account?' });
  await dlg.getByRole('button', { name: 'Delete for good' }).click();
  await page.waitForURL('**/signin?deleted=1');
  await page.getByRole('status').getByText('Your account is deleted.', { exact: false }).waitFor();
  const r = await env.server.post('/api/v1/auth/signin', { email, password: 'another long password' });
  assert.equal(r.status, 401);
  assert.deepEqual(page.errors, []);
});
