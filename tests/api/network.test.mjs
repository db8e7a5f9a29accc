// The network: invitations and their rules, connections, degrees, mutual
// connections, paths, follows, blocks, auto-accept, notifications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, problem, connect } from './lib.mjs';

let s;
before(async () => { s = await new Server({ args: ['--invite-limit', '1000'] }).start(); });
after(async () => { await s.stop(); });

const NOTE = 'Hi! We met at the Lean summit in Göteborg – I would like to keep in touch.';
const invite = (from, to, body = {}) => s.post('/api/v1/invitations', { to: to.handle, note: NOTE, ...body }, { token: from.token });
const profile = (viewer, m) => s.get(`/api/v1/profiles/${m.handle}`, viewer ? { token: viewer.token } : {});
const notes = (m) => s.get('/api/v1/notifications', { token: m.token });

test('invite with a note, accept: both connected, sender notified, nobody else', async () => {
  const a = await s.signup('Anna Lind'), b = await s.signup('Bo Ek');
  const r = await invite(a, b);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.invitation.note, NOTE);
  assert.equal(r.json.invitation.to.handle, b.handle);
  const id = r.json.invitation.id;
  const recv = await s.get('/api/v1/invitations/received', { token: b.token });
  assert.equal(recv.json.invitations.length, 1);
  assert.equal(recv.json.invitations[0].from.handle, a.handle);
  assert.equal(recv.json.invitations[0].note, NOTE);
  assert.deepEqual((await s.get('/api/v1/invitations/sent', { token: a.token })).json.invitations.map((i) => i.id), [id]);
  let n = await notes(b);
  assert.equal(n.json.unread, 1);
  assert.equal(n.json.notifications[0].kind, 'invitation.received');
  assert.equal(n.json.notifications[0].actor.handle, a.handle);
  // before: actions offer accept to b, withdraw to a
  assert.ok((await profile(b, a)).json.actions.includes('accept'));
  assert.ok((await profile(a, b)).json.actions.includes('withdraw'));
  problem(assert, await s.post(`/api/v1/invitations/${id}/accept`, undefined, { token: a.token }), 404, 'not_found');
  const acc = await s.post(`/api/v1/invitations/${id}/accept`, undefined, { token: b.token });
  assert.equal(acc.status, 200, acc.text);
  assert.equal(acc.json.connected, true);
  assert.equal(acc.json.member.degree, 1);
  const pa = (await profile(a, b)).json;
  assert.equal(pa.degree, 1);
  assert.ok(pa.actions.includes('message') && pa.actions.includes('disconnect') && !pa.actions.includes('connect'));
  assert.equal((await profile(b, a)).json.degree, 1);
  n = await notes(a);
  assert.deepEqual(n.json.notifications.map((x) => x.kind), ['invitation.accepted']);
  assert.equal((await s.get('/api/v1/invitations/received', { token: b.token })).json.invitations.length, 0);
  problem(assert, await s.post(`/api/v1/invitations/${id}/accept`, undefined, { token: b.token }), 409, 'conflict');
  // connecting makes both follow each other
  assert.deepEqual((await s.get('/api/v1/me/following', { token: a.token })).json.members.map((m) => m.handle), [b.handle]);
  assert.deepEqual((await s.get('/api/v1/me/followers', { token: a.token })).json.members.map((m) => m.handle), [b.handle]);
});

test('refusals: self, existing connection, duplicate, unknown, bad bodies', async () => {
  const a = await s.signup('Cai Berg'), b = await s.signup('Dan Borg'), c = await s.signup('Eli Holm');
  await connect(s, a, b);
  problem(assert, await invite(a, a), 422, 'invalid_field', 'to');
  problem(assert, await invite(a, b), 409, 'already_connected', 'to');
  assert.equal((await invite(a, c)).status, 201);
  problem(assert, await invite(a, c), 409, 'already_invited', 'to');
  problem(assert, await invite(a, { handle: 'nobody-here' }), 404, 'not_found', 'to');
  problem(assert, await s.post('/api/v1/invitations', { to: c.handle, note: 'x'.repeat(301) }, { token: a.token }), 422, 'too_long', 'note');
  problem(assert, await s.post('/api/v1/invitations', { note: 'hi' }, { token: a.token }), 422, 'missing_field', 'to');
  problem(assert, await s.post('/api/v1/invitations', { to: c.handle, confirm_without_note: 'yes' }, { token: a.token }), 422, 'wrong_type', 'confirm_without_note');
  problem(assert, await s.post('/api/v1/invitations/abc/accept', undefined, { token: c.token }), 404, 'not_found');
  problem(assert, await s.post('/api/v1/invitations/999999/accept', undefined, { token: c.token }), 404, 'not_found');
  problem(assert, await s.post('/api/v1/invitations', { to: c.handle }), 401, 'unauthenticated');
});

test('two members who invite each other are connected at once', async () => {
  const a = await s.signup('Fia Ström'), b = await s.signup('Gun Ås');
  assert.equal((await invite(a, b)).status, 201);
  const r = await invite(b, a);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.connected, true);
  assert.equal((await profile(a, b)).json.degree, 1);
  assert.equal((await s.get('/api/v1/invitations/sent', { token: a.token })).json.invitations.length, 0);
  assert.deepEqual((await notes(a)).json.notifications.map((x) => x.kind), ['invitation.accepted']);
});

test('the note nudge: missing or stock notes need confirming unless the two share a company', async () => {
  const a = await s.signup('Hans Vik'), b = await s.signup('Ida Nes');
  problem(assert, await s.post('/api/v1/invitations', { to: b.handle }, { token: a.token }), 422, 'note_nudge', 'note');
  problem(assert, await invite(a, b, { note: 'I would like to add you to my professional network.' }), 422, 'note_nudge', 'note');
  problem(assert, await invite(a, b, { note: 'Jag vill gärna lägga till dig i mitt professionella nätverk' }), 422, 'note_nudge', 'note');
  problem(assert, await invite(a, b, { note: 'HALUAISIN lisätä sinut ammatilliseen verkostooni!' }), 422, 'note_nudge', 'note');
  assert.equal((await s.get('/api/v1/invitations/received', { token: b.token })).json.invitations.length, 0, 'nudges send nothing');
  const r = await s.post('/api/v1/invitations', { to: b.handle, confirm_without_note: true }, { token: a.token });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.invitation.note, null);
  // colleagues need no note
  const c = await s.signup('Jon Lie'), d = await s.signup('Kim Fos');
  await s.patch('/api/v1/me/profile', { position: { title: 'Engineer', company: 'Nordvik Systems' } }, { token: c.token });
  await s.patch('/api/v1/me/profile', { past_positions: [{ title: 'Analyst', company: 'nordvik systems', from: '2015', to: '2018' }] }, { token: d.token });
  assert.equal((await s.post('/api/v1/invitations', { to: d.handle }, { token: c.token })).status, 201);
});

test('ignore keeps it pending for the sender; decline is silent; withdraw has a cool-down', async () => {
  const a = await s.signup('Lea Dahl'), b = await s.signup('Max Rud'), c = await s.signup('Nils Bak');
  const i1 = (await invite(a, b)).json.invitation.id;
  assert.equal((await s.post(`/api/v1/invitations/${i1}/ignore`, undefined, { token: b.token })).status, 204);
  assert.equal((await s.get('/api/v1/invitations/received', { token: b.token })).json.invitations.length, 0);
  const withIgnored = (await s.get('/api/v1/invitations/received?include_ignored=true', { token: b.token })).json.invitations;
  assert.deepEqual(withIgnored.map((x) => [x.id, x.status]), [[i1, 'ignored']]);
  const sent = (await s.get('/api/v1/invitations/sent', { token: a.token })).json.invitations;
  assert.deepEqual(sent.map((x) => [x.id, x.status]), [[i1, 'pending']]);
  assert.ok((await profile(a, b)).json.actions.includes('withdraw'));
  // an ignored invitation can still be accepted later
  assert.equal((await s.post(`/api/v1/invitations/${i1}/accept`, undefined, { token: b.token })).status, 200);

  const i2 = (await invite(a, c)).json.invitation.id;
  const before = (await notes(a)).json.notifications.length;
  assert.equal((await s.post(`/api/v1/invitations/${i2}/decline`, undefined, { token: c.token })).status, 204);
  assert.equal((await notes(a)).json.notifications.length, before, 'no notification for a decline');
  assert.equal((await profile(a, c)).json.degree === 1, false);

  const d = await s.signup('Ola Sand');
  const i3 = (await invite(a, d)).json.invitation.id;
  problem(assert, await s.del(`/api/v1/invitations/${i3}`, undefined, { token: d.token }), 404, 'not_found');
  assert.equal((await s.del(`/api/v1/invitations/${i3}`, undefined, { token: a.token })).status, 204);
  assert.equal((await notes(d)).json.notifications.length, 0, 'a withdrawn invitation leaves nothing');
  assert.equal((await s.get('/api/v1/invitations/received', { token: d.token })).json.invitations.length, 0);
  const again = await invite(a, d);
  problem(assert, again, 409, 'invitation_cooldown', 'to');
  assert.match(again.json.detail, /21 days/);
  // the other way round is not affected
  assert.equal((await invite(d, a)).status, 201);
});

test('disconnect is silent; afterwards each sees connect instead of message', async () => {
  const a = await s.signup('Per Tun'), b = await s.signup('Rut Hav');
  await connect(s, a, b);
  const summary = (n) => ({ unread: n.unread, items: n.notifications.map((x) => [x.id, x.kind, x.read]) });
  const bNotes = summary((await notes(b)).json);
  assert.equal((await s.del(`/api/v1/connections/${b.handle}`, undefined, { token: a.token })).status, 204);
  assert.deepEqual(summary((await notes(b)).json), bNotes, "nothing in b's notifications changed");
  assert.equal((await s.get('/api/v1/me/connections', { token: b.token })).json.total, 0);
  for (const [x, y] of [[a, b], [b, a]]) {
    const p = (await profile(x, y)).json;
    assert.notEqual(p.degree, 1);
    assert.ok(p.actions.includes('connect') && !p.actions.includes('message'), JSON.stringify(p.actions));
  }
  problem(assert, await s.del(`/api/v1/connections/${b.handle}`, undefined, { token: a.token }), 404, 'not_found');
  assert.equal((await s.get('/api/v1/me/following', { token: a.token })).json.total, 0);
});

test('follow one-way; unfollow a connection and stay connected', async () => {
  const a = await s.signup('Sara Gran'), b = await s.signup('Tor Myr'), c = await s.signup('Ulf Lo');
  assert.equal((await s.post(`/api/v1/members/${c.handle}/follow`, undefined, { token: a.token })).status, 204);
  problem(assert, await s.post(`/api/v1/members/${c.handle}/follow`, undefined, { token: a.token }), 409, 'conflict');
  assert.deepEqual((await s.get('/api/v1/me/followers', { token: c.token })).json.members.map((m) => m.handle), [a.handle]);
  assert.equal((await s.get('/api/v1/me/following', { token: c.token })).json.total, 0);
  assert.ok((await profile(a, c)).json.actions.includes('unfollow'));
  assert.equal((await s.del(`/api/v1/members/${c.handle}/follow`, undefined, { token: a.token })).status, 204);
  assert.equal((await s.get('/api/v1/me/followers', { token: c.token })).json.total, 0);
  problem(assert, await s.del(`/api/v1/members/${c.handle}/follow`, undefined, { token: a.token }), 409, 'conflict');
  problem(assert, await s.post(`/api/v1/members/${a.handle}/follow`, undefined, { token: a.token }), 422, 'invalid_field');
  await connect(s, a, b);
  assert.equal((await s.del(`/api/v1/members/${b.handle}/follow`, undefined, { token: a.token })).status, 204);
  const p = (await profile(a, b)).json;
  assert.equal(p.degree, 1);
  assert.ok(p.actions.includes('follow'));
  assert.deepEqual((await s.get('/api/v1/me/followers', { token: a.token })).json.members.map((m) => m.handle), [b.handle]);
  assert.equal((await s.get('/api/v1/me/followers', { token: b.token })).json.total, 0);
  assert.equal((await s.post(`/api/v1/members/${b.handle}/follow`, undefined, { token: a.token })).status, 204);
  assert.equal((await s.get('/api/v1/me/followers', { token: b.token })).json.total, 1);
});

test('block removes connection, invitations and follows, and hides each from the other', async () => {
  const a = await s.signup('Vera Kal'), b = await s.signup('Walt Sjö'), c = await s.signup('Xena Bro');
  await connect(s, a, b);
  await connect(s, b, c);
  assert.equal((await invite(c, a)).status, 201);
  assert.equal((await s.post(`/api/v1/members/${c.handle}/follow`, undefined, { token: a.token })).status, 204);
  assert.equal((await s.post(`/api/v1/members/${c.handle}/block`, undefined, { token: a.token })).status, 204);
  problem(assert, await s.post(`/api/v1/members/${c.handle}/block`, undefined, { token: a.token }), 409, 'conflict');
  problem(assert, await s.post(`/api/v1/members/${a.handle}/block`, undefined, { token: a.token }), 422, 'invalid_field');
  problem(assert, await profile(a, c), 404, 'not_found');
  problem(assert, await profile(c, a), 404, 'not_found');
  assert.equal((await profile(null, a)).status, 200, 'signed-out visitors still see a public profile');
  problem(assert, await invite(c, a), 404, 'not_found', 'to');
  problem(assert, await invite(a, c), 404, 'not_found', 'to');
  assert.equal((await s.get('/api/v1/invitations/received', { token: a.token })).json.invitations.length, 0);
  assert.equal((await s.get('/api/v1/invitations/sent', { token: c.token })).json.invitations.length, 0);
  assert.ok(!(await notes(a)).json.notifications.some((n) => n.actor?.handle === c.handle));
  assert.equal((await s.get('/api/v1/me/following', { token: a.token })).json.members.some((m) => m.handle === c.handle), false);
  problem(assert, await s.post(`/api/v1/members/${a.handle}/follow`, undefined, { token: c.token }), 404, 'not_found');
  problem(assert, await s.get(`/api/v1/members/${c.handle}/path`, { token: a.token }), 404, 'not_found');
  assert.deepEqual((await s.get('/api/v1/me/blocks', { token: a.token })).json.members.map((m) => m.handle), [c.handle]);
  // blocking a connection disconnects
  assert.equal((await s.post(`/api/v1/members/${b.handle}/block`, undefined, { token: a.token })).status, 204);
  assert.equal((await s.get('/api/v1/me/connections', { token: a.token })).json.total, 0);
  assert.equal((await s.get('/api/v1/me/connections', { token: b.token })).json.total, 1);
  // unblock: visible again, nothing restored
  assert.equal((await s.del(`/api/v1/members/${b.handle}/block`, undefined, { token: a.token })).status, 204);
  const p = (await profile(a, b)).json;
  assert.equal(p.degree, null, 'the block ended their only connection');
  assert.ok(p.actions.includes('connect'));
  problem(assert, await s.del(`/api/v1/members/${b.handle}/block`, undefined, { token: a.token }), 404, 'not_found');
});

test('degrees, mutual connections, network size and how you are connected', async () => {
  const [a, b, c, d, e, x] = await Promise.all(['Ann Ahl', 'Ben Bly', 'Cia Cox', 'Dag Dun', 'Eva Eng', 'Xin Xu'].map((n) => s.signup(n)));
  await connect(s, a, b); await connect(s, b, c); await connect(s, c, d); await connect(s, a, x); await connect(s, x, c);
  assert.equal((await profile(a, a)).json.degree, 0);
  assert.deepEqual((await profile(a, a)).json.actions, ['edit']);
  assert.equal((await profile(a, c)).json.degree, 2);
  assert.equal((await profile(a, c)).json.mutual_count, 2);
  assert.equal((await profile(a, d)).json.degree, 3);
  assert.equal((await profile(a, d)).json.mutual_count, 0);
  assert.equal((await profile(a, e)).json.degree, null);
  assert.equal((await profile(null, a)).json.degree, null);
  const mutual = (await s.get(`/api/v1/members/${c.handle}/mutual`, { token: a.token })).json;
  assert.equal(mutual.count, 2);
  assert.deepEqual(mutual.members.map((m) => m.handle).sort(), [b.handle, x.handle].sort());
  assert.ok(mutual.members.every((m) => m.degree === 1));
  const page1 = (await s.get(`/api/v1/members/${c.handle}/mutual?limit=1`, { token: a.token })).json;
  assert.equal(page1.members.length, 1);
  const page2 = (await s.get(`/api/v1/members/${c.handle}/mutual?limit=1&cursor=${page1.next_cursor}`, { token: a.token })).json;
  assert.equal(page2.members.length, 1);
  assert.equal(page2.next_cursor, null);
  assert.notEqual(page1.members[0].handle, page2.members[0].handle);
  assert.deepEqual((await s.get('/api/v1/me/network', { token: a.token })).json, { first: 2, second: 1, third: 1 });
  const path = (await s.get(`/api/v1/members/${d.handle}/path`, { token: a.token })).json;
  assert.equal(path.degree, 3);
  assert.equal(path.path.length, 4);
  assert.equal(path.path[0].handle, a.handle);
  assert.equal(path.path[3].handle, d.handle);
  assert.equal(path.path[2].handle, c.handle);
  assert.ok([b.handle, x.handle].includes(path.path[1].handle));
  assert.deepEqual((await s.get(`/api/v1/members/${e.handle}/path`, { token: a.token })).json, { degree: null, path: null });
  problem(assert, await s.get('/api/v1/members/nobody/path', { token: a.token }), 404, 'not_found');
  problem(assert, await s.get(`/api/v1/members/${c.handle}/mutual?limit=0`, { token: a.token }), 400, 'bad_query', 'limit');
});

test('profile visibility "network": 1st to 3rd degree see it all', async () => {
  const [a, b, c, d, e] = await Promise.all(['Aki Ra', 'Bea Ro', 'Cid Ru', 'Dee Ry', 'Eno Re'].map((n) => s.signup(n)));
  await connect(s, a, b); await connect(s, b, c); await connect(s, c, d);
  await s.patch('/api/v1/me/profile', { visibility: 'network', summary: 'Only for my network.' }, { token: d.token });
  for (const v of [c, b, a]) {
    const p = (await profile(v, d)).json;
    assert.equal(p.view, 'full', v.handle);
    assert.equal(p.summary, 'Only for my network.');
  }
  const out = (await profile(e, d)).json;
  assert.equal(out.view, 'card');
  assert.equal(out.summary, undefined);
  problem(assert, await profile(null, d), 404, 'not_found');
});

test('auto-accept: below N connections, and 2nd-degree members', async () => {
  const [a, b, c, d, e] = await Promise.all(['Ali Um', 'Bob Um', 'Cat Um', 'Don Um', 'Ema Um'].map((n) => s.signup(n)));
  problem(assert, await s.patch('/api/v1/me/settings', { auto_accept: 'always' }, { token: b.token }), 422, 'invalid_field', 'auto_accept');
  problem(assert, await s.patch('/api/v1/me/settings', { auto_accept_below: 0 }, { token: b.token }), 422, 'invalid_field', 'auto_accept_below');
  assert.deepEqual((await s.get('/api/v1/me/settings', { token: b.token })).json, { auto_accept: 'off', auto_accept_below: 200 });
  const set = await s.patch('/api/v1/me/settings', { auto_accept: 'below', auto_accept_below: 1 }, { token: b.token });
  assert.deepEqual(set.json, { auto_accept: 'below', auto_accept_below: 1 });
  const r = await invite(a, b);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.connected, true);
  assert.deepEqual((await notes(b)).json.notifications.map((n) => n.kind), ['connection.auto_accepted']);
  assert.deepEqual((await notes(a)).json.notifications.map((n) => n.kind), ['invitation.accepted']);
  // b now has 1 connection: no longer below 1
  assert.equal((await invite(c, b)).status, 201);
  // accept 2nd-degree members only
  await s.patch('/api/v1/me/settings', { auto_accept: 'second' }, { token: e.token });
  await connect(s, d, e);
  await connect(s, a, d);
  assert.equal((await invite(a, e)).json.connected, true, 'a is 2nd degree to e');
  assert.equal((await invite(c, e)).status, 201, 'c is out of e\'s 2nd degree');
});

test('notifications: unread count, mark some or all read', async () => {
  const [a, b, c] = await Promise.all(['Ebba Fors', 'Finn Gård', 'Greta Hed'].map((n) => s.signup(n)));
  await invite(b, a); await invite(c, a);
  let n = (await notes(a)).json;
  assert.equal(n.unread, 2);
  assert.equal(n.pending_invitations, 2);
  assert.deepEqual(n.notifications.map((x) => x.actor.handle), [c.handle, b.handle], 'newest first');
  assert.equal((await s.post('/api/v1/notifications/read', { ids: [n.notifications[0].id] }, { token: a.token })).status, 204);
  n = (await notes(a)).json;
  assert.equal(n.unread, 1);
  assert.deepEqual(n.notifications.map((x) => x.read), [true, false]);
  problem(assert, await s.post('/api/v1/notifications/read', { ids: ['x'] }, { token: a.token }), 422, 'wrong_type', 'ids[0]');
  problem(assert, await s.post('/api/v1/notifications/read', { all: true }, { token: a.token }), 422, 'unknown_field', 'all');
  assert.equal((await s.post('/api/v1/notifications/read', {}, { token: a.token })).status, 204);
  assert.equal((await notes(a)).json.unread, 0);
  const p = (await s.get('/api/v1/notifications?limit=1', { token: a.token })).json;
  assert.equal(p.notifications.length, 1);
  const p2 = (await s.get(`/api/v1/notifications?limit=1&cursor=${p.next_cursor}`, { token: a.token })).json;
  assert.equal(p2.notifications.length, 1);
  assert.notEqual(p2.notifications[0].id, p.notifications[0].id);
});

test('my connections: sort by name or recent, search within', async () => {
  const me = await s.signup('Hugo Ivar');
  const others = [];
  for (const n of ['Zelda Ask', 'Adam Berg', 'Mira Cole']) { const m = await s.signup(n); await connect(s, me, m); others.push(m); }
  const byName = (await s.get('/api/v1/me/connections?sort=name', { token: me.token })).json;
  assert.equal(byName.total, 3);
  assert.deepEqual(byName.connections.map((c) => c.display_name), ['Adam Berg', 'Mira Cole', 'Zelda Ask']);
  assert.ok(byName.connections.every((c) => c.degree === 1 && typeof c.connected_at === 'number'));
  const recent = (await s.get('/api/v1/me/connections?sort=recent', { token: me.token })).json;
  assert.deepEqual(recent.connections.map((c) => c.display_name), ['Mira Cole', 'Adam Berg', 'Zelda Ask']);
  const q = (await s.get('/api/v1/me/connections?q=berg', { token: me.token })).json;
  assert.deepEqual(q.connections.map((c) => c.display_name), ['Adam Berg']);
  assert.equal((await s.get('/api/v1/me/connections?q=%25', { token: me.token })).json.total, 0, 'q is literal, not a LIKE pattern');
  assert.equal((await s.get('/api/v1/me/connections?q=_', { token: me.token })).json.total, 0);
  const p1 = (await s.get('/api/v1/me/connections?sort=name&limit=2', { token: me.token })).json;
  assert.equal(p1.connections.length, 2);
  const p2 = (await s.get(`/api/v1/me/connections?sort=name&limit=2&cursor=${p1.next_cursor}`, { token: me.token })).json;
  assert.deepEqual(p2.connections.map((c) => c.display_name), ['Zelda Ask']);
  assert.equal(p2.next_cursor, null);
  problem(assert, await s.get('/api/v1/me/connections?sort=age', { token: me.token }), 400, 'bad_query', 'sort');
});

test('weekly invitation limit answers 429 with when it resets', async () => {
  const t = await new Server({ args: ['--invite-limit', '2'] }).start();
  try {
    const a = await t.signup('Lim Ited');
    const bs = [];
    for (let i = 0; i < 3; i++) bs.push(await t.signup(`Target Number${'abc'[i]}`));
    for (let i = 0; i < 2; i++)
      assert.equal((await t.post('/api/v1/invitations', { to: bs[i].handle, note: NOTE }, { token: a.token })).status, 201);
    const r = await t.post('/api/v1/invitations', { to: bs[2].handle, note: NOTE }, { token: a.token });
    problem(assert, r, 429, 'rate_limited');
    assert.ok(r.json.retry_after > 6 * 86400 && r.json.retry_after <= 7 * 86400, String(r.json.retry_after));
  } finally { await t.stop(); }
});

test('an acknowledged connection survives kill -9', async () => {
  const t = await new Server().start();
  const a = await t.signup('Dur Able'), b = await t.signup('Per Sist');
  await connect(t, a, b);
  await t.kill9();
  const t2 = await new Server({ dir: t.dir }).start();
  try {
    const p = await t2.get(`/api/v1/profiles/${b.handle}`, { token: a.token });
    assert.equal(p.json.degree, 1);
    assert.equal((await t2.get('/api/v1/me/connections', { token: b.token })).json.total, 1);
  } finally { await t2.stop(); }
});
