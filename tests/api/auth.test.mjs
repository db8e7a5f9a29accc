// Accounts and sessions: sign-up, sign-in, sign-out, password change,
// deletion, cookies + CSRF, rate limits, no user enumeration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, problem } from './lib.mjs';

let s;
before(async () => { s = await new Server().start(); });
after(async () => { await s.stop(); });

test('healthz answers ok', async () => {
  const r = await s.get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
});

test('sign up returns a session and a derived handle', async () => {
  const r = await s.post('/api/v1/auth/signup', { email: ' Asa.Oberg@Example.ORG', password: 'a long password', display_name: 'Åsa Öberg' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.member.handle, 'asa-oberg');
  assert.equal(r.json.member.email, 'asa.oberg@example.org');
  assert.equal(r.json.member.kind, 'basic');
  assert.equal(r.json.member.visibility, 'public');
  assert.match(r.json.token, /^[A-Za-z0-9_-]{43}$/);
  const me = await s.get('/api/v1/me', { token: r.json.token });
  assert.equal(me.status, 200);
  assert.equal(me.json.display_name, 'Åsa Öberg');
  // a namesake gets the next free handle
  const r2 = await s.post('/api/v1/auth/signup', { email: 'asa2@example.org', password: 'a long password', display_name: 'Asa Oberg' });
  assert.equal(r2.json.member.handle, 'asa-oberg-2');
});

test('sign-up refusals change nothing', async () => {
  const ok = { email: 'dup@example.org', password: 'a long password', display_name: 'Dup Licate' };
  assert.equal((await s.post('/api/v1/auth/signup', ok)).status, 201);
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, display_name: 'Other' }), 409, 'email_taken', 'email');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'DUP@example.org ' }), 409, 'email_taken', 'email');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'x@example.org', handle: 'dup-licate' }), 409, 'handle_taken', 'handle');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'short@example.org', password: 'short' }), 422, 'weak_password', 'password');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'not-an-email' }), 422, 'invalid_field', 'email');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'h@example.org', handle: 'Bad Handle' }), 422, 'invalid_field', 'handle');
  problem(assert, await s.post('/api/v1/auth/signup', { email: 'm@example.org', password: 'a long password' }), 422, 'missing_field', 'display_name');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'e@example.org', display_name: '' }), 422, 'missing_field', 'display_name');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'u@example.org', admin: true }), 422, 'unknown_field', 'admin');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 7 }), 422, 'wrong_type', 'email');
  problem(assert, await s.post('/api/v1/auth/signup', { ...ok, email: 'l@example.org', display_name: 'x'.repeat(101) }), 422, 'too_long', 'display_name');
  problem(assert, await s.post('/api/v1/auth/signup', '{"email": "a@b.c", '), 400, 'bad_json');
  problem(assert, await s.post('/api/v1/auth/signup', '[1,2]'), 400, 'bad_json');
  problem(assert, await s.post('/api/v1/auth/signup', '{"email":"a@b.se","email":"c@d.se","password":"a long password","display_name":"X"}'), 400, 'bad_json');
  problem(assert, await s.post('/api/v1/auth/signup', Buffer.from('{"email":"\xff@x.se"}', 'latin1')), 400, 'bad_utf8');
  problem(assert, await s.post('/api/v1/auth/signup', JSON.stringify(ok), { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  problem(assert, await s.post('/api/v1/auth/signup', JSON.stringify({ ...ok, display_name: 'x'.repeat(300 * 1024) })), 413, 'too_large');
  // none of the refused sign-ups created a member
  for (const email of ['x@example.org', 'short@example.org', 'h@example.org', 'e@example.org', 'u@example.org', 'l@example.org']) {
    const r = await s.post('/api/v1/auth/signin', { email, password: 'a long password' });
    problem(assert, r, 401, 'bad_credentials');
  }
});

test('sign in, sign out; unknown email and wrong password look the same', async () => {
  const m = await s.signup('Bertil Ek');
  const r = await s.post('/api/v1/auth/signin', { email: m.email.toUpperCase(), password: m.password });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.member.handle, m.handle);
  const wrong = await s.post('/api/v1/auth/signin', { email: m.email, password: 'wrong password!' });
  const unknown = await s.post('/api/v1/auth/signin', { email: 'nobody@example.org', password: 'wrong password!' });
  problem(assert, wrong, 401, 'bad_credentials');
  problem(assert, unknown, 401, 'bad_credentials');
  assert.equal(wrong.json.detail, unknown.json.detail);
  assert.equal(wrong.json.field, unknown.json.field);
  const out = await s.post('/api/v1/auth/signout', undefined, { token: r.json.token });
  assert.equal(out.status, 204);
  problem(assert, await s.get('/api/v1/me', { token: r.json.token }), 401, 'unauthenticated');
  // the sign-up session is still alive
  assert.equal((await s.get('/api/v1/me', { token: m.token })).status, 200);
});

test('unauthenticated and unknown routes', async () => {
  problem(assert, await s.get('/api/v1/me'), 401, 'unauthenticated');
  problem(assert, await s.get('/api/v1/me', { token: 'x'.repeat(43) }), 401, 'unauthenticated');
  problem(assert, await s.get('/api/v1/nope'), 404, 'not_found');
  problem(assert, await s.req('PUT', '/api/v1/me'), 405, 'method_not_allowed');
});

test('browser sessions: HttpOnly cookie without token in body, CSRF on writes', async () => {
  const m = await s.signup('Cecilia Holm');
  const r = await s.post('/api/v1/auth/signin', { email: m.email, password: m.password, session: 'cookie' });
  assert.equal(r.status, 200);
  assert.equal(r.json.token, undefined);
  const cookies = r.headers.getSetCookie();
  const sess = cookies.find((c) => c.startsWith('ties_session='));
  assert.match(sess, /HttpOnly/);
  assert.match(sess, /SameSite=Lax/);
  const csrfCookie = cookies.find((c) => c.startsWith('ties_csrf='));
  assert.doesNotMatch(csrfCookie, /HttpOnly/);
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  assert.equal((await s.get('/api/v1/me', { cookie })).status, 200);
  problem(assert, await s.patch('/api/v1/me/profile', { headline: 'x' }, { cookie }), 403, 'csrf');
  problem(assert, await s.patch('/api/v1/me/profile', { headline: 'x' }, { cookie, csrf: 'wrong' }), 403, 'csrf');
  const me = await s.get('/api/v1/me', { cookie });
  assert.equal(me.json.headline, '');
  const ok = await s.patch('/api/v1/me/profile', { headline: 'Lean coach' }, { cookie, csrf: r.json.csrf });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.headline, 'Lean coach');
  // bearer clients need no CSRF token
  assert.equal((await s.patch('/api/v1/me/profile', { headline: 'Lean coach 2' }, { token: m.token })).status, 200);
});

test('change password ends other sessions and needs the current one', async () => {
  const m = await s.signup('David Strand');
  const other = (await s.post('/api/v1/auth/signin', { email: m.email, password: m.password })).json.token;
  problem(assert, await s.post('/api/v1/auth/password', { current_password: 'not it at all', new_password: 'brand new password' }, { token: m.token }), 401, 'bad_credentials', 'current_password');
  problem(assert, await s.post('/api/v1/auth/password', { current_password: m.password, new_password: 'short' }, { token: m.token }), 422, 'weak_password', 'new_password');
  const r = await s.post('/api/v1/auth/password', { current_password: m.password, new_password: 'brand new password' }, { token: m.token });
  assert.equal(r.status, 204);
  assert.equal((await s.get('/api/v1/me', { token: m.token })).status, 200);
  problem(assert, await s.get('/api/v1/me', { token: other }), 401, 'unauthenticated');
  problem(assert, await s.post('/api/v1/auth/signin', { email: m.email, password: m.password }), 401, 'bad_credentials');
  assert.equal((await s.post('/api/v1/auth/signin', { email: m.email, password: 'brand new password' })).status, 200);
});

test('delete account removes the member and everything it owns', async () => {
  const m = await s.signup('Eva Lund', { handle: 'eva-lund' });
  await s.patch('/api/v1/me/profile', { skills: ['Lean'], past_positions: [{ title: 'Analyst', company: 'Acme', from: '2015', to: '2018' }] }, { token: m.token });
  problem(assert, await s.del('/api/v1/me', { password: 'wrong password' }, { token: m.token }), 401, 'bad_credentials', 'password');
  assert.equal((await s.get('/api/v1/profiles/eva-lund')).status, 200);
  assert.equal((await s.del('/api/v1/me', { password: m.password }, { token: m.token })).status, 204);
  problem(assert, await s.get('/api/v1/profiles/eva-lund'), 404, 'not_found');
  problem(assert, await s.get('/api/v1/me', { token: m.token }), 401, 'unauthenticated');
  problem(assert, await s.post('/api/v1/auth/signin', { email: m.email, password: m.password }), 401, 'bad_credentials');
  // the email and handle are free again
  const again = await s.signup('Eva Lund', { email: m.email });
  assert.equal(again.handle, 'eva-lund');
});

test('sign-in attempts are rate-limited per account', async () => {
  const m = await s.signup('Frida Berg');
  for (let i = 0; i < 10; i++)
    problem(assert, await s.post('/api/v1/auth/signin', { email: m.email, password: 'wrong password ' + i }), 401, 'bad_credentials');
  const r = await s.post('/api/v1/auth/signin', { email: m.email, password: m.password });
  problem(assert, r, 429, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.ok(r.json.retry_after > 0);
  // an unknown email is throttled the same way (no enumeration)
  for (let i = 0; i < 10; i++) await s.post('/api/v1/auth/signin', { email: 'ghost@example.org', password: 'x' });
  problem(assert, await s.post('/api/v1/auth/signin', { email: 'ghost@example.org', password: 'x' }), 429, 'rate_limited');
});

test('sign-in attempts are rate-limited per address', async () => {
  const t = await new Server().start();
  try {
    for (let i = 0; i < 30; i++)
      await t.post('/api/v1/auth/signin', { email: `p${i}@example.org`, password: 'whatever pw' });
    problem(assert, await t.post('/api/v1/auth/signin', { email: 'fresh@example.org', password: 'whatever pw' }), 429, 'rate_limited');
  } finally { await t.stop(); }
});
