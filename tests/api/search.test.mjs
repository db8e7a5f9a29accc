// People search: tiers by network distance, relevance within a tier, five
// languages, phrases, filters and facets, typeahead, privacy, paging, bad
// queries, and an index that follows every change at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, problem, connect } from './lib.mjs';

let s, me, a1, a2, b1, b2, c1, d1, priv, netv;
const search = (who, q, extra = '') => s.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, { token: who.token });
const handles = (r) => r.json.hits.map((h) => h.handle);
const edit = (m, body) => s.patch('/api/v1/me/profile', body, { token: m.token });

before(async () => {
  s = await new Server().start();
  me = await s.signup('Maja Sökare');
  await edit(me, { languages: ['sv', 'en'] });
  // network: me - a1, a2 (1st); a1 - b1, b2 (2nd); b1 - c1 (3rd); d1 out of network
  [a1, a2, b1, b2, c1, d1, priv, netv] = await Promise.all(
    ['Anna Lind', 'Arne Berg', 'Bodil Holm', 'Björn Dahl', 'Cecilia Ek', 'David Lund', 'Petra Privat', 'Nils Nätverk'].map((n) => s.signup(n)));
  await connect(s, me, a1); await connect(s, me, a2); await connect(s, a1, b1); await connect(s, a1, b2); await connect(s, b1, c1);
  await edit(a1, { headline: 'Controller', summary: 'Works with lean consultants now and then.', location: 'Malmö, Sweden' });
  await edit(a2, { headline: 'Lean consultant', location: 'Göteborg, Sweden', skills: ['Lean'] });
  await edit(b1, { headline: 'Lean consultant for factories', position: { title: 'Senior consultant', company: 'Nordvik Systems' }, location: 'Tromsø, Norway', skills: ['Lean', 'Kanban'], languages: ['no', 'en'] });
  await edit(b2, { headline: 'Project manager', summary: 'I am a lean consultant at heart.', position: { title: 'Project manager', company: 'Acme' }, past_positions: [{ title: 'Analyst', company: 'Nordvik Systems', from: '2010', to: '2012' }], location: 'Göteborg, Sweden' });
  await edit(c1, { headline: 'Konsult inom lean', languages: ['sv'], position: { title: 'Konsult', company: 'Lean Partners AB' }, location: 'Malmö, Sweden', industry: 'Management consulting' });
  await edit(d1, { headline: 'Lean consultant — the best one', summary: 'Lean consultant, lean consultant, lean consultant.', skills: ['Lean'], location: 'Göteborg, Sweden', languages: ['fi', 'en'], position: { title: 'Insinööri', company: 'Oulu Works' } });
  await edit(priv, { headline: 'Lean consultant', visibility: 'private' });
  await edit(netv, { headline: 'Lean consultant', visibility: 'network', summary: 'Secret glassblowing wizard.', location: 'Kiruna, Sweden', skills: ['Glassblowing'], position: { title: 'Owner', company: 'Hidden Glassworks' } });
});
after(async () => { await s.stop(); });

test('tiers: 1st, then 2nd, then 3rd, then everyone else; each hit carries degree and mutual count', async () => {
  const r = await search(me, 'lean consultant');
  assert.equal(r.status, 200, r.text);
  // c1 matches through her industry, "Management consulting" (consult-)
  // netv (network-only) matches on its card; d1 has more "lean consultant" text
  assert.deepEqual(handles(r).slice(0, 5), [a2.handle, a1.handle, b1.handle, b2.handle, c1.handle]);
  assert.deepEqual(new Set(handles(r).slice(5)), new Set([d1.handle, netv.handle]));
  assert.deepEqual(r.json.hits.map((h) => h.degree), [1, 1, 2, 2, 3, null, null]);
  assert.equal(r.json.total, 7);
  assert.equal(r.json.total_estimated, false);
  const hb1 = r.json.hits[2];
  assert.equal(hb1.mutual_count, 1);
  assert.ok(hb1.actions.includes('connect'));
  assert.ok(r.json.hits[0].actions.includes('message'));
  // the out-of-network member with the "best" text still comes after the network
});

test('within a tier: headline above summary; highlights mark the matched words', async () => {
  const r = await search(me, 'lean consultant', '&degree=2');
  assert.deepEqual(handles(r), [b1.handle, b2.handle], 'headline match ranks above a summary match');
  const h = r.json.hits[0];
  assert.ok(h.matched.includes('headline'));
  assert.equal(h.highlights.headline, '<mark>Lean</mark> <mark>consultant</mark> for factories');
  assert.ok(!('summary' in h.highlights));
  assert.match(r.json.hits[1].highlights.summary, /<mark>lean<\/mark> <mark>consultant<\/mark> at heart/);
});

test('five languages: stemming, accents, the searcher\'s languages', async () => {
  assert.deepEqual(handles(await search(me, 'consultants', '&degree=1')), [a2.handle, a1.handle]);
  assert.deepEqual(handles(await search(me, 'konsulter')), [c1.handle], 'Swedish plural finds konsult');
  assert.deepEqual(handles(await search(me, 'Malmo')), [a1.handle, c1.handle], 'Malmo finds Malmö');
  assert.deepEqual(handles(await search(me, 'tromso')), [b1.handle], 'Tromso finds Tromsø');
  // a query is stemmed in the searcher's languages (and English): Finnish
  // plurals find the singular for a Finnish-speaking searcher only
  assert.deepEqual(handles(await search(me, 'insinöörit')), []);
  assert.deepEqual(handles(await search(me, 'insinoori')), [d1.handle], 'the surface form, accents folded');
  await edit(me, { languages: ['sv', 'en', 'fi'] });
  assert.deepEqual(handles(await search(me, 'insinöörit')), [d1.handle]);
  assert.deepEqual(handles(await search(me, 'insinoorit')), [d1.handle]);
  await edit(me, { languages: ['sv', 'en'] });
});

test('all words must match; quoted phrases match in order', async () => {
  assert.deepEqual(handles(await search(me, 'lean kanban')), [b1.handle]);
  assert.deepEqual(handles(await search(me, 'lean nonexistentword')), []);
  assert.deepEqual(handles(await search(me, '"consultant factories"')), [], 'a word stands between');
  assert.deepEqual(handles(await search(me, '"factories lean"')), []);
  assert.deepEqual(handles(await search(me, 'factories lean')), [b1.handle], 'unquoted, order does not matter');
  assert.deepEqual(handles(await search(me, '"lean consultant for"')), [b1.handle]);
});

test('filters: degree, company, past company, location, industry, skill, language; facets', async () => {
  assert.deepEqual(handles(await search(me, 'lean', '&degree=1')), [a2.handle, a1.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&degree=3')).sort(), [c1.handle, d1.handle, netv.handle].sort(), '3 means 3rd and beyond');
  assert.deepEqual(handles(await search(me, 'lean', '&company=nordvik%20systems')), [b1.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&past_company=Nordvik%20Systems')), [b2.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&location=G%C3%B6teborg%2C%20Sweden')), [a2.handle, b2.handle, d1.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&industry=Management%20consulting')), [c1.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&skill=kanban')), [b1.handle]);
  assert.deepEqual(handles(await search(me, 'lean', '&language=no')), [b1.handle]);
  const f = (await search(me, 'lean')).json.facets;
  const loc = Object.fromEntries(f.location.map((x) => [x.value, x.count]));
  assert.equal(loc['Göteborg, Sweden'], 3);
  assert.equal(loc['Malmö, Sweden'], 2);
  const comp = Object.fromEntries(f.company.map((x) => [x.value, x.count]));
  assert.equal(comp['Nordvik Systems'], 1);
  assert.equal(comp['Acme'], 1);
});

test('typeahead: name prefixes, closest first', async () => {
  const t = await s.get('/api/v1/search/typeahead?q=b', { token: me.token });
  assert.equal(t.status, 200);
  // Arne Berg (1st degree) first, then the 2nd degree by name
  assert.deepEqual(t.json.members.map((m) => m.handle), [a2.handle, b2.handle, b1.handle]);
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=an', { token: me.token })).json.members.map((m) => m.handle), [a1.handle]);
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=bodil%20h', { token: me.token })).json.members.map((m) => m.handle), [b1.handle]);
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=bjorn', { token: me.token })).json.members.map((m) => m.handle), [b2.handle], 'accents fold');
  assert.equal((await s.get('/api/v1/search/typeahead?q=an', { token: me.token })).json.members[0].degree, 1);
  problem(assert, await s.get('/api/v1/search/typeahead?q=', { token: me.token }), 400, 'bad_query', 'q');
  problem(assert, await s.get('/api/v1/search/typeahead?q=a&limit=21', { token: me.token }), 400, 'bad_query', 'limit');
});

test('privacy: private profiles, blocks, network-only profiles out of network', async () => {
  const r = handles(await search(d1, 'lean consultant'));
  assert.ok(!r.includes(priv.handle), 'private never appears');
  // a network-only profile, from outside its network: found by its card (name,
  // headline) only; nothing hidden matches, highlights, filters or counts
  assert.ok(r.includes(netv.handle), 'the card matches');
  const hit = (await search(d1, 'lean consultant')).json.hits.find((h) => h.handle === netv.handle);
  assert.deepEqual(Object.keys(hit.highlights), ['headline']);
  assert.deepEqual(hit.matched, ['headline']);
  assert.ok(!handles(await search(d1, 'glassblowing')).includes(netv.handle), 'hidden summary and skills do not match');
  assert.ok(!handles(await search(d1, 'kiruna')).includes(netv.handle), 'hidden location does not match');
  assert.ok(!handles(await search(d1, 'lean', '&location=Kiruna%2C%20Sweden')).includes(netv.handle), 'nor filters');
  assert.ok(!handles(await search(d1, 'lean', '&company=Hidden%20Glassworks')).includes(netv.handle));
  const fac = (await search(d1, 'lean consultant')).json.facets;
  assert.ok(!fac.location.some((x) => x.value === 'Kiruna, Sweden'), 'nor facets');
  assert.ok(!fac.company.some((x) => x.value === 'Hidden Glassworks'));
  assert.ok(!handles(await search(me, 'lean consultant')).includes(priv.handle));
  // netv in me's network: visible
  await connect(s, netv, a2);
  assert.ok(handles(await search(me, 'glassblowing')).includes(netv.handle), 'in the network, everything matches');
  // blocks hide both ways, in search and typeahead
  assert.equal((await s.post(`/api/v1/members/${me.handle}/block`, undefined, { token: d1.token })).status, 204);
  assert.ok(!handles(await search(me, 'lean consultant')).includes(d1.handle));
  assert.ok(!handles(await search(d1, 'maja')).includes(me.handle));
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=david', { token: me.token })).json.members, []);
  assert.equal((await s.del(`/api/v1/members/${me.handle}/block`, undefined, { token: d1.token })).status, 204);
  assert.ok(handles(await search(me, 'lean consultant')).includes(d1.handle));
  // nobody finds themself
  assert.ok(!handles(await search(me, 'maja')).includes(me.handle));
  problem(assert, await s.get('/api/v1/search?q=lean'), 401, 'unauthenticated');
});

test('paging with cursors, at most 100 a page and 1,000 deep', async () => {
  const p1 = await search(me, 'lean', '&limit=2');
  assert.equal(p1.json.hits.length, 2);
  assert.ok(p1.json.next_cursor);
  const p2 = await search(me, 'lean', `&limit=2&cursor=${p1.json.next_cursor}`);
  const all = handles(await search(me, 'lean', '&limit=100'));
  assert.deepEqual([...handles(p1), ...handles(p2)], all.slice(0, 4));
  problem(assert, await search(me, 'lean', '&limit=101'), 400, 'bad_query', 'limit');
  problem(assert, await search(me, 'lean', '&cursor=crs'), 400, 'bad_query', 'cursor'); // 1,000 in base 36
  problem(assert, await search(me, 'lean', '&cursor=nonsense'), 400, 'bad_query', 'cursor');
});

test('bad queries get a clear 400', async () => {
  problem(assert, await search(me, ''), 400, 'bad_query', 'q');
  problem(assert, await search(me, 'x'.repeat(201)), 400, 'bad_query', 'q');
  problem(assert, await search(me, Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ')), 400, 'bad_query', 'q');
  problem(assert, await search(me, '"lean consultant'), 400, 'bad_query', 'q');
  problem(assert, await s.get('/api/v1/search?q=%FF%FE', { token: me.token }), 400, 'bad_query', 'q');
  problem(assert, await search(me, 'lean', '&degree=4'), 400, 'bad_query', 'degree');
});

test('the index follows profile edits, sign-ups and deletions at once', async () => {
  const n = await s.signup('Zacharias Zetterlund');
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=zach', { token: me.token })).json.members.map((m) => m.handle), [n.handle]);
  assert.deepEqual(handles(await search(me, 'woodcarver')), []);
  await edit(n, { headline: 'Woodcarver in Kosta' });
  assert.deepEqual(handles(await search(me, 'woodcarvers')), [n.handle]);
  await edit(n, { headline: 'Potter in Kosta' });
  assert.deepEqual(handles(await search(me, 'woodcarver')), []);
  assert.deepEqual(handles(await search(me, 'potter')), [n.handle]);
  await edit(n, { visibility: 'private' });
  assert.deepEqual(handles(await search(me, 'potter')), []);
  await edit(n, { visibility: 'public' });
  assert.deepEqual(handles(await search(me, 'potter')), [n.handle]);
  assert.equal((await s.del('/api/v1/me', { password: n.password }, { token: n.token })).status, 204);
  assert.deepEqual(handles(await search(me, 'potter')), []);
  assert.deepEqual((await s.get('/api/v1/search/typeahead?q=zach', { token: me.token })).json.members, []);
});
