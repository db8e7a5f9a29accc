// Profiles: editing, validation, visibility, strength, admin, OpenAPI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, problem } from './lib.mjs';

let s;
before(async () => { s = await new Server().start(); });
after(async () => { await s.stop(); });

const full = {
  headline: 'Lean consultant helping factories cut lead times',
  summary: 'I help manufacturers in the Nordics find and remove waste. Fifteen years on shop floors from Luleå to Aarhus, with Kanban, value stream mapping and patience.',
  location: 'Göteborg, Sweden',
  industry: 'Management consulting',
  position: { title: 'Senior consultant', company: 'Nordvik Systems', from: '2019-03' },
  past_positions: [{ title: 'Production engineer', company: 'Volvo Cars', from: '2010-08', to: '2019-02' }],
  education: [{ school: 'Chalmers', degree: 'MSc', field: 'Industrial engineering', from: 2005, to: 2010 }],
  skills: ['Lean', 'Kanban', 'Value stream mapping'],
  languages: ['sv', 'en'],
};

test('profile strength rises as the profile fills, with what is missing', async () => {
  const m = await s.signup('Gustav Nyberg');
  let st = await s.get('/api/v1/me/profile/strength', { token: m.token });
  assert.equal(st.status, 200);
  assert.equal(st.json.strength, 0);
  assert.equal(st.json.missing.length, 9);
  assert.deepEqual(st.json.missing.map((x) => x.field).sort(), ['education', 'headline', 'industry', 'languages', 'location', 'past_positions', 'position', 'skills', 'summary']);
  assert.equal(st.json.missing.reduce((a, x) => a + x.points, 0), 100);
  await s.patch('/api/v1/me/profile', { headline: full.headline }, { token: m.token });
  st = await s.get('/api/v1/me/profile/strength', { token: m.token });
  assert.equal(st.json.strength, 15);
  assert.ok(!st.json.missing.some((x) => x.field === 'headline'));
  await s.patch('/api/v1/me/profile', { skills: ['Lean'] }, { token: m.token });
  st = await s.get('/api/v1/me/profile/strength', { token: m.token });
  assert.equal(st.json.strength, 20);
  assert.equal(st.json.missing.find((x) => x.field === 'skills').points, 10);
  const r = await s.patch('/api/v1/me/profile', full, { token: m.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.profile_strength.strength, 100);
  assert.deepEqual(r.json.profile_strength.missing, []);
  assert.equal(r.json.strength, 100);
});

test('edit and read back every field', async () => {
  const m = await s.signup('Hanna Virtanen');
  const r = await s.patch('/api/v1/me/profile', full, { token: m.token });
  assert.equal(r.status, 200, r.text);
  const p = (await s.get(`/api/v1/profiles/${m.handle}`)).json;
  assert.equal(p.view, 'full');
  for (const k of ['headline', 'summary', 'location', 'industry']) assert.equal(p[k], full[k]);
  assert.deepEqual(p.position, { ...full.position, to: null });
  assert.deepEqual(p.past_positions, full.past_positions);
  assert.deepEqual(p.education, full.education);
  assert.deepEqual(p.skills, full.skills);
  assert.deepEqual(p.languages, full.languages);
  assert.equal(p.email, undefined, 'others never see the email');
  // PATCH replaces only what it names; null clears the current position
  const r2 = await s.patch('/api/v1/me/profile', { position: null, skills: [] }, { token: m.token });
  assert.equal(r2.json.position, null);
  assert.deepEqual(r2.json.skills, []);
  assert.equal(r2.json.headline, full.headline);
  // change handle
  const r3 = await s.patch('/api/v1/me/profile', { handle: 'hanna-v' }, { token: m.token });
  assert.equal(r3.json.handle, 'hanna-v');
  assert.equal((await s.get('/api/v1/profiles/hanna-v')).status, 200);
  problem(assert, await s.get(`/api/v1/profiles/${m.handle}`), 404, 'not_found');
});

test('bad profile input is refused with the field and changes nothing', async () => {
  const m = await s.signup('Ingrid Dahl');
  await s.patch('/api/v1/me/profile', full, { token: m.token });
  const other = await s.signup('Jonas Ek');
  const cases = [
    [{ headline: 'x'.repeat(221) }, 422, 'too_long', 'headline'],
    [{ visibility: 'friends' }, 422, 'invalid_field', 'visibility'],
    [{ handle: other.handle }, 409, 'handle_taken', 'handle'],
    [{ handle: '9lives' }, 422, 'invalid_field', 'handle'],
    [{ handle: '' }, 422, 'missing_field', 'handle'],
    [{ display_name: '' }, 422, 'missing_field', 'display_name'],
    [{ skills: 'Lean' }, 422, 'wrong_type', 'skills'],
    [{ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 422, 'too_many', 'skills'],
    [{ skills: ['Lean', 'lean'] }, 422, 'invalid_field', 'skills'],
    [{ skills: [''] }, 422, 'missing_field', 'skills[0]'],
    [{ languages: ['swedish'] }, 422, 'too_long', 'languages[0]'],
    [{ languages: ['S1'] }, 422, 'invalid_field', 'languages'],
    [{ position: { company: 'X' } }, 422, 'missing_field', 'position.title'],
    [{ position: { title: 'T', to: '2020' } }, 422, 'invalid_field', 'position'],
    [{ past_positions: [{ title: 'T', from: '2020-13' }] }, 422, 'invalid_field', 'past_positions[0]'],
    [{ past_positions: [{ title: 'T', from: '2020', to: '2019' }] }, 422, 'invalid_field', 'past_positions[0]'],
    [{ past_positions: [{ title: 'T', boss: 'me' }] }, 422, 'unknown_field', 'past_positions[0].boss'],
    [{ education: [{ school: 'KTH', from: 1800 }] }, 422, 'invalid_field', 'education[0].from'],
    [{ education: [{ school: 'KTH', from: '2001' }] }, 422, 'wrong_type', 'education[0].from'],
    [{ email: 'new@example.org' }, 422, 'unknown_field', 'email'],
    [{ kind: 'admin' }, 422, 'unknown_field', 'kind'],
  ];
  for (const [body, status, code, field] of cases)
    problem(assert, await s.patch('/api/v1/me/profile', body, { token: m.token }), status, code, field);
  const me = (await s.get('/api/v1/me', { token: m.token })).json;
  assert.equal(me.headline, full.headline);
  assert.deepEqual(me.skills, full.skills);
  assert.equal(me.handle, m.handle);
  assert.equal(me.kind, 'basic');
});

test('visibility: public, members, network, private', async () => {
  const owner = await s.signup('Kari Nordmann');
  const viewer = await s.signup('Lars Holm');
  await s.patch('/api/v1/me/profile', full, { token: owner.token });
  const path = `/api/v1/profiles/${owner.handle}`;
  assert.equal((await s.get(path)).json.summary, full.summary);
  await s.patch('/api/v1/me/profile', { visibility: 'members' }, { token: owner.token });
  problem(assert, await s.get(path), 404, 'not_found');
  assert.equal((await s.get(path, { token: viewer.token })).json.view, 'full');
  await s.patch('/api/v1/me/profile', { visibility: 'network' }, { token: owner.token });
  problem(assert, await s.get(path), 404, 'not_found');
  const card = (await s.get(path, { token: viewer.token })).json;
  assert.equal(card.view, 'card');
  assert.equal(card.display_name, 'Kari Nordmann');
  assert.equal(card.summary, undefined);
  assert.equal(card.skills, undefined);
  const r = await s.patch('/api/v1/me/profile', { visibility: 'private' }, { token: owner.token });
  assert.equal(r.json.profile_strength.warnings[0].field, 'visibility');
  problem(assert, await s.get(path, { token: viewer.token }), 404, 'not_found');
  assert.equal((await s.get(path, { token: owner.token })).json.view, 'full');
});

test('admin endpoints need an admin', async () => {
  const m = await s.signup('Maja Lind');
  problem(assert, await s.get('/api/v1/admin/members', { token: m.token }), 403, 'forbidden');
  problem(assert, await s.put(`/api/v1/admin/members/${m.handle}/kind`, { kind: 'admin' }, { token: m.token }), 403, 'forbidden');
});

test('OpenAPI document lists every route', async () => {
  const r = await s.get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi.slice(0, 2), '3.');
  const paths = Object.keys(r.json.paths);
  for (const p of ['/api/v1/auth/signup', '/api/v1/auth/signin', '/api/v1/me', '/api/v1/me/profile', '/api/v1/profiles/{handle}', '/api/v1/admin/members'])
    assert.ok(paths.includes(p), p);
});
