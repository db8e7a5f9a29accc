// The web app, network flows: an invitation composed in one browser and
// accepted in a second, the note nudge, notifications with their badge,
// degrees, "how you're connected", withdraw, follow, My network with a
// quiet disconnect, ignore/decline, block, the auto-accept rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, shot, signIn, member } from './lib.mjs';

let env, s, A, B, C, D, a, b;

before(async () => {
  env = await start();
  s = env.server;
  A = await member(s, 'Ada Lind', { headline: 'Product owner for payments', position: { title: 'Product owner', company: 'Fjord Bank' }, location: 'Oslo, Norway' });
  B = await member(s, 'Bo Strand', { headline: 'Kanban coach for software teams', position: { title: 'Agile coach', company: 'Hallo AB' }, location: 'Malmö, Sweden', skills: ['Kanban', 'Coaching'] });
  C = await member(s, 'Cai Nyqvist', { headline: 'Data engineer', position: { title: 'Data engineer', company: 'Kvist Data' } });
  D = await member(s, 'Dag Holm', { headline: 'Lean consultant in logistics', position: { title: 'Consultant', company: 'Holm & Co' } });
  a = await newPage(env);
  b = await newPage(env);
});
after(async () => {
  await env?.close();
});

/** Connects two members through the API (x invites y with a note, y accepts). */
async function connect(x, y) {
  const r = await s.post('/api/v1/invitations', { to: y.handle, note: `Hello ${y.handle}, we met at the Lean summit in Göteborg.` }, { token: x.token });
  assert.equal(r.status, 201, r.text);
  const acc = await s.post(`/api/v1/invitations/${r.json.invitation.id}/accept`, {}, { token: y.token });
  assert.equal(acc.status, 200, acc.text);
}

const badge = (page, which) => page.getByTestId(`${which}-badge`);

test('invite with a personal note (after the nudge); accepted in a second browser', { timeout: 60000 }, async () => {
  await signIn(a, A.email, A.password);
  await a.goto(`/in/${B.handle}`);
  await a.getByRole('heading', { level: 1, name: /Bo Strand/ }).waitFor();
  await a.getByRole('button', { name: 'Connect with Bo Strand' }).click();
  const dlg = a.getByRole('dialog', { name: 'Invite Bo Strand to connect' });
  await dlg.waitFor();
  const note = dlg.getByLabel('Personal note');
  await a.waitForFunction(() => document.activeElement?.id === 'f-note', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await a.evaluate(() => document.activeElement?.id), 'f-note', 'focus starts in the note');
  await note.fill('I would like to add you to my professional network');
  await dlg.getByRole('button', { name: 'Send invitation' }).click();
  await dlg.getByText('this is a stock text', { exact: false }).waitFor();
  await dlg.getByRole('button', { name: 'Send anyway' }).waitFor();
  assert.equal(await note.inputValue(), 'I would like to add you to my professional network');
  await shot(a, 'connect-nudge');
  await note.fill('Hi Bo, I lead the payments team at Fjord Bank and loved your Kanban talk in Malmö. Could we compare notes on WIP limits?');
  assert.ok(await dlg.locator('.nudge').isHidden(), 'editing the note clears the nudge');
  await dlg.getByRole('button', { name: 'Send invitation' }).click();
  await dlg.waitFor({ state: 'detached' });
  await a.locator('.toast').getByText('Invitation sent to Bo Strand.').waitFor();
  await a.getByRole('button', { name: /Invitation pending/ }).waitFor();

  // Bo, in a second browser: the badges, the note, accept
  await signIn(b, B.email, B.password);
  await badge(b, 'invitations').waitFor();
  assert.equal(await badge(b, 'invitations').textContent(), '1');
  assert.equal(await badge(b, 'notifications').textContent(), '1');
  await b.getByRole('link', { name: /Invitations/ }).first().click();
  await b.waitForURL('**/invitations');
  await b.getByText('loved your Kanban talk in Malmö').waitFor();
  await shot(b, 'invitations-received');
  await b.getByRole('button', { name: 'Accept invitation from Ada Lind' }).click();
  await b.locator('.inv-done').getByText('You and Ada Lind are now connected.').waitFor();
  await badge(b, 'invitations').waitFor({ state: 'detached' });

  // Ada hears of it: the notification badge, then the list
  await a.reload();
  await badge(a, 'notifications').waitFor();
  assert.equal(await badge(a, 'notifications').textContent(), '1');
  await a.getByRole('link', { name: /Notifications/ }).click();
  await a.waitForURL('**/notifications');
  await a.locator('.notif.unread').getByText('accepted your invitation').waitFor();
  await shot(a, 'notifications');
  await badge(a, 'notifications').waitFor({ state: 'detached' });

  // now 1st degree: Message shows, disabled, "coming soon"
  await a.goto(`/in/${B.handle}`);
  await a.locator('.profile-name .degree').getByText('1st', { exact: true }).waitFor();
  const msg = a.getByRole('button', { name: /Message/ });
  assert.ok(await msg.isDisabled());
  assert.match(await msg.textContent(), /coming soon/);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
});

test("2nd degree: how you're connected and the mutual connections", { timeout: 30000 }, async () => {
  await connect(D, B);
  await a.goto(`/in/${D.handle}`);
  await a.locator('.profile-name .degree').getByText('2nd', { exact: true }).waitFor();
  const path = a.getByRole('region', { name: "How you're connected" });
  await path.waitFor();
  const names = await path.locator('.path-name').allTextContents();
  assert.deepEqual(names, ['You', 'Bo Strand', 'Dag Holm']);
  await a.getByRole('heading', { name: '1 mutual connection' }).waitFor();
  await a.getByRole('region', { name: '1 mutual connection' }).getByRole('link', { name: 'Bo Strand' }).waitFor();
  await shot(a, 'profile-2nd');
});

test('send without a note after the nudge, then withdraw from Sent', { timeout: 30000 }, async () => {
  await a.goto(`/in/${C.handle}`);
  await a.getByRole('button', { name: 'Connect with Cai Nyqvist' }).click();
  const dlg = a.getByRole('dialog', { name: 'Invite Cai Nyqvist to connect' });
  await dlg.getByRole('button', { name: 'Send invitation' }).click();
  await dlg.getByText('Add a personal note').first().waitFor();
  await dlg.getByRole('button', { name: 'Send without a note' }).click();
  await dlg.waitFor({ state: 'detached' });
  await a.locator('.toast').getByText('Invitation sent to Cai Nyqvist.').waitFor();

  await a.goto('/invitations/sent');
  await a.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
  await a.getByText('Cai Nyqvist').waitFor();
  await shot(a, 'invitations-sent');
  await a.getByRole('button', { name: 'Withdraw invitation to Cai Nyqvist' }).click();
  const confirm = a.getByRole('dialog', { name: 'Withdraw invitation?' });
  await confirm.getByText('3 weeks', { exact: false }).waitFor();
  await confirm.getByRole('button', { name: 'Withdraw' }).click();
  await confirm.waitFor({ state: 'detached' });
  await a.getByText('No invitations pending.').waitFor();
  const sent = await s.get('/api/v1/invitations/sent', { token: A.token });
  assert.equal(sent.json.invitations.length, 0);
});

test('follow and unfollow', { timeout: 30000 }, async () => {
  await a.goto(`/in/${C.handle}`);
  await a.getByRole('button', { name: 'Follow Cai Nyqvist' }).click();
  await a.getByRole('button', { name: 'Unfollow Cai Nyqvist' }).waitFor();
  await a.goto('/mynetwork/following');
  await a.getByRole('heading', { name: 'People you follow' }).waitFor();
  await a.locator('.member-list').getByRole('link', { name: 'Cai Nyqvist' }).waitFor();
  await shot(a, 'mynetwork-following');
  await a.getByRole('button', { name: 'Unfollow Cai Nyqvist' }).click();
  await a.getByRole('button', { name: 'Follow Cai Nyqvist' }).waitFor();
  const f = await s.get('/api/v1/me/following', { token: A.token });
  assert.ok(!f.json.members.some((m) => m.handle === C.handle));
  // Bo follows Ada by being connected: Ada sees Bo among her followers
  await a.goto('/mynetwork/followers');
  await a.locator('.member-list').getByRole('link', { name: 'Bo Strand' }).waitFor();
});

test('my network: size, search within, sort, and a quiet disconnect', { timeout: 45000 }, async () => {
  const E = await member(s, 'Eva Aronsson', { headline: 'UX researcher' });
  await connect(A, E);
  await a.goto('/mynetwork');
  await a.getByRole('heading', { name: '2 connections' }).waitFor();
  const size = a.getByTestId('network-size');
  await size.waitFor();
  assert.match(await size.textContent(), /1st degree2/);
  assert.match(await size.textContent(), /2nd degree1/);
  // sort by name: Bo before Eva; recent first: Eva before Bo
  const names = () => a.locator('.member-list .member-name').allTextContents();
  await a.locator('.member-list .member-name').first().getByText('Eva Aronsson').waitFor();
  await a.getByLabel('Sort by').selectOption('name');
  await a.waitForURL('**/mynetwork?sort=name');
  await a.locator('.member-list .member-name').first().getByText('Bo Strand').waitFor();
  assert.deepEqual(await names(), ['Bo Strand', 'Eva Aronsson']);
  // search within
  await a.getByLabel('Search your connections').fill('eva');
  await a.getByRole('heading', { name: /1 connection match/ }).waitFor();
  assert.deepEqual(await names(), ['Eva Aronsson']);
  await a.getByLabel('Search your connections').fill('');
  await a.getByRole('heading', { name: '2 connections' }).waitFor();
  await shot(a, 'mynetwork');

  // disconnect Bo: the confirmation says he will not be told
  await a.getByRole('button', { name: 'More actions for Bo Strand' }).click();
  await a.getByRole('menuitem', { name: 'Remove connection' }).click();
  const dlg = a.getByRole('dialog', { name: 'Remove connection?' });
  await dlg.getByText('Bo will not be told.').waitFor();
  await shot(a, 'disconnect-confirm');
  await dlg.getByRole('button', { name: 'Remove connection' }).click();
  await dlg.waitFor({ state: 'detached' });
  await a.getByRole('heading', { name: '1 connection' }).waitFor();
  assert.deepEqual(await names(), ['Eva Aronsson']);
  // Bo is told nothing; on Ada's profile, he sees Connect where Message was
  const n = await s.get('/api/v1/notifications', { token: B.token });
  assert.ok(n.json.notifications.every((x) => x.actor.handle !== A.handle || x.kind === 'invitation.received'), JSON.stringify(n.json));
  await b.goto(`/in/${A.handle}`);
  await b.getByRole('button', { name: 'Connect with Ada Lind' }).waitFor();
  assert.equal(await b.getByRole('button', { name: /Message/ }).count(), 0);
});

test('received invitations: ignore, decline, show ignored', { timeout: 30000 }, async () => {
  const F = await member(s, 'Frej Olsen', { headline: 'Recruiter' });
  const G = await member(s, 'Gun Wik', { headline: 'Controller' });
  for (const x of [F, G]) {
    const r = await s.post('/api/v1/invitations', { to: A.handle, note: `Hi Ada, this is ${x.handle}; we sat together at the Fjord Bank offsite.` }, { token: x.token });
    assert.equal(r.status, 201, r.text);
  }
  await a.goto('/invitations');
  await a.getByRole('button', { name: 'Ignore invitation from Frej Olsen' }).click();
  await a.locator('.inv-done').getByText('Ignored. Frej is not told.').waitFor();
  await a.getByRole('button', { name: 'Decline invitation from Gun Wik' }).click();
  await a.locator('.inv-done').getByText('Declined. Gun is not told.').waitFor();
  await a.reload();
  await a.getByText('No invitations waiting.').waitFor();
  await a.getByLabel('Show ignored').check();
  await a.locator('.inv-item.ignored').getByText('Frej Olsen').waitFor();
  assert.equal(await a.locator('.inv-item').count(), 1);
});

test('block from the profile; unblock in settings; auto-accept rule', { timeout: 30000 }, async () => {
  await a.goto(`/in/${C.handle}`);
  await a.getByRole('button', { name: 'More actions for Cai Nyqvist' }).click();
  await a.getByRole('menuitem', { name: 'Block Cai Nyqvist' }).click();
  const dlg = a.getByRole('dialog', { name: 'Block Cai Nyqvist?' });
  await dlg.getByRole('button', { name: 'Block' }).click();
  await dlg.waitFor({ state: 'detached' });
  await a.waitForURL((u) => u.pathname === '/');
  await a.locator('.toast').getByText('Cai Nyqvist is blocked.', { exact: false }).waitFor();
  assert.equal((await s.get(`/api/v1/profiles/${C.handle}`, { token: A.token })).status, 404);

  await a.goto('/settings');
  const blocked = a.getByRole('region', { name: 'Blocked members' });
  await blocked.getByText('Cai Nyqvist', { exact: true }).first().waitFor();
  await blocked.getByRole('button', { name: 'Unblock Cai Nyqvist' }).click();
  await blocked.getByText('You have blocked nobody.').waitFor();

  await a.getByRole('radio', { name: /People my connections know/ }).check();
  await a.getByRole('region', { name: 'Incoming invitations' }).getByRole('button', { name: 'Save' }).click();
  await a.locator('.toast').getByText('Invitation settings saved.').waitFor();
  const st = await s.get('/api/v1/me/settings', { token: A.token });
  assert.equal(st.json.auto_accept, 'second');
  // a refused value is shown next to its field
  await a.getByRole('radio', { name: /While I have few connections/ }).check();
  await a.getByLabel('Accept everyone while I have fewer than').fill('-5');
  await a.getByRole('region', { name: 'Incoming invitations' }).getByRole('button', { name: 'Save' }).click();
  await a.locator('#f-auto_accept_below-err').waitFor({ state: 'visible' });
  assert.equal(await a.getByLabel('Accept everyone while I have fewer than').inputValue(), '-5');
  await shot(a, 'settings-network');
  assert.deepEqual(a.errors, []);
});
