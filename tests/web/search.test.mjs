// The web app, search: typeahead on every keystroke in the header, the
// results page with degree badges, mutual counts, highlights, filters and
// facet counts; highlights are rendered as text, never as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, shot, signIn, member } from './lib.mjs';

let env, s, V, page;

async function connect(x, y) {
  const r = await s.post('/api/v1/invitations', { to: y.handle, note: `Hello ${y.handle}, good to meet you at the Lean meetup yesterday.` }, { token: x.token });
  assert.equal(r.status, 201, r.text);
  const acc = await s.post(`/api/v1/invitations/${r.json.invitation.id}/accept`, {}, { token: y.token });
  assert.equal(acc.status, 200, acc.text);
}

before(async () => {
  env = await start();
  s = env.server;
  V = await member(s, 'Vera Sund', { headline: 'Operations manager', location: 'Göteborg, Sweden' });
  const lars = await member(s, 'Lars Lundgren', {
    headline: 'Lean consultant in manufacturing', position: { title: 'Consultant', company: 'Nordvik Systems' },
    location: 'Göteborg, Sweden', skills: ['Lean', 'Kaizen'],
  });
  const lena = await member(s, 'Lena Ek', {
    headline: 'Lean coach and Kanban trainer', position: { title: 'Coach', company: 'Volvo Cars' },
    location: 'Göteborg, Sweden', skills: ['Lean', 'Kanban'],
  });
  await member(s, 'Leif Ask', {
    headline: 'Senior lean consultant', position: { title: 'Senior consultant', company: 'Nordvik Systems' },
    location: 'Stockholm, Sweden', skills: ['Lean'],
  });
  await member(s, 'Maja Berg', { headline: 'Accountant', position: { title: 'Accountant', company: 'Berg Revision' } });
  await connect(V, lars);
  await connect(lars, lena);
  page = await newPage(env);
  await signIn(page, V.email, V.password);
});
after(async () => {
  await env?.close();
});

test('typeahead on every keystroke; arrow keys and Enter open a profile', { timeout: 30000 }, async () => {
  const box = page.getByRole('combobox', { name: 'Search people' });
  const seen = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/search/typeahead')) seen.push(new URL(r.url()).searchParams.get('q'));
  });
  await box.click();
  await box.pressSequentially('lar', { delay: 60 });
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await list.getByRole('option', { name: /Lars Lundgren/ }).waitFor();
  assert.deepEqual(seen, ['l', 'la', 'lar'], 'one lookup per keystroke');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await shot(page, 'typeahead');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'ta-opt-0');
  await box.press('Enter');
  await page.waitForURL('**/in/lars-lundgren');
  await page.locator('.profile-name .degree').getByText('1st', { exact: true }).waitFor();
});

test('results: ranked by degree, badges, mutual counts, highlights, facets and filters', { timeout: 30000 }, async () => {
  const box = page.getByRole('combobox', { name: 'Search people' });
  await box.fill('lean consultant');
  await box.press('Enter');
  await page.waitForURL('**/search?q=lean+consultant');
  await page.getByRole('heading', { level: 1, name: 'Results for “lean consultant”' }).waitFor();
  await page.getByTestId('result-count').waitFor();
  const names = await page.locator('.search-hit .member-name').allTextContents();
  assert.ok(names.length >= 2, names.join());
  assert.equal(names[0], 'Lars Lundgren', '1st-degree match on top');
  await page.locator('.search-hit').first().locator('.degree').getByText('1st', { exact: true }).waitFor();
  assert.ok((await page.locator('.search-hit mark').count()) > 0, 'matched words are marked');
  assert.ok(!(await page.locator('.results').textContent()).includes('<mark>'), 'no tags shown as text');
  // Lena is 2nd degree, through Lars: one mutual connection
  if (names.includes('Lena Ek')) {
    const lena = page.locator('.search-hit', { hasText: 'Lena Ek' });
    await lena.locator('.degree').getByText('2nd', { exact: true }).waitFor();
    await lena.getByText('1 mutual connection').waitFor();
  }
  // the company facet, with counts
  const company = page.locator('[data-facet="company"]');
  await company.getByText('Nordvik Systems').waitFor();
  assert.match(await company.locator('.facet', { hasText: 'Nordvik Systems' }).locator('.facet-count').textContent(), /^\d+$/);
  await shot(page, 'search');
  await company.getByRole('checkbox', { name: /Nordvik Systems/ }).check();
  await page.waitForURL(/company=Nordvik\+Systems/);
  await page.locator('.search-hit', { hasText: 'Leif Ask' }).waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('.search-hit .member-name')].some((e) => e.textContent === 'Lena Ek'));
  // degree filter: 1st only
  await page.getByRole('button', { name: '1st', exact: true }).click();
  await page.waitForURL(/degree=1/);
  await page.waitForFunction(() => {
    const n = [...document.querySelectorAll('.search-hit .member-name')].map((e) => e.textContent);
    return n.length === 1 && n[0] === 'Lars Lundgren';
  });
  assert.equal(await page.getByRole('button', { name: '1st', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL('**/search?q=lean+consultant');
  assert.deepEqual(page.errors, []);
});

test('highlights are rendered as text: markup in a hit cannot run', { timeout: 30000 }, async () => {
  // The server escapes hit text and adds only <mark>; the page must show the
  // escaped text as text.  A stubbed answer checks the rendering alone.
  const p = await newPage(env);
  await signIn(p, V.email, V.password);
  await p.route('**/api/v1/search?**', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        total: 1,
        hits: [{
          handle: 'lars-lundgren', display_name: 'Lars Lundgren', headline: 'x', degree: 1, mutual_count: 0, actions: ['message'], invitation_id: null,
          highlights: { headline: '&lt;img src=x onerror=alert(1)&gt; <mark>Lean</mark> &amp; Kaizen', skills: '<mark>Lean</mark>, Kaizen' },
          matched: ['headline', 'skills'],
        }],
        facets: { company: [{ value: 'Nordvik <b>Systems</b>', count: 1 }], location: [] },
        next_cursor: null,
      }),
    }),
  );
  await p.goto('/search?q=lean');
  const hit = p.locator('.search-hit').first();
  await hit.waitFor();
  assert.equal(await hit.locator('.member-headline').textContent(), '<img src=x onerror=alert(1)> Lean & Kaizen');
  assert.equal(await hit.locator('.member-headline mark').textContent(), 'Lean');
  assert.equal(await p.locator('.search-hit img').count(), 0);
  assert.match(await hit.locator('.hit-extra').textContent(), /Skills:\s*Lean, Kaizen/);
  assert.equal(await p.locator('[data-facet="company"] b').count(), 0);
  await p.context().close();
});
