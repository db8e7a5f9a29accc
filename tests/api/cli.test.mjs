// The CLI: every subcommand's help, errors with non-zero exits, user
// management, demo, import (all-or-nothing with line numbers), net, check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BIN, SHARED, Server } from './lib.mjs';

const env = { ...process.env, TIES_PWHASH: 'fast', TIES_LOG: 'warn' };
function ties(args, opts = {}) {
  const r = spawnSync(BIN, args, { env: { ...env, ...(opts.env || {}) }, input: opts.input ?? '', encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /AddressSanitizer|LeakSanitizer|runtime error/, r.stderr);
  return r;
}
const json = (r) => JSON.parse(r.stdout.trim().split('\n').pop());
const tmp = () => mkdtempSync(join(tmpdir(), 'ties-cli-'));

test('help for the binary and every subcommand; unknown commands fail', () => {
  const top = ties(['--help']);
  assert.equal(top.status, 0);
  for (const cmd of ['serve', 'init', 'user', 'demo', 'import', 'gen', 'net', 'check']) {
    assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`));
    const r = ties([cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, /^usage: ties /, cmd);
  }
  const bad = ties(['frobnicate']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown command 'frobnicate'/);
  assert.equal(ties([]).status, 2);
  assert.equal(ties(['serve', '--listen', 'nonsense']).status, 2);
  assert.equal(ties(['serve', '--threads', '0']).status, 2);
  assert.equal(ties(['gen']).status, 2);
});

test('init, user add/promote/list', () => {
  const dir = tmp(), db = join(dir, 't.db');
  try {
    const init = ties(['init', '--db', db]);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /schema version \d+/);
    const add = ties(['user', 'add', '--email', 'ops@example.org', '--name', 'Olga Ops', '--db', db], { env: { TIES_PASSWORD: 'operator password' } });
    assert.equal(add.status, 0, add.stderr);
    assert.deepEqual(json(add), { handle: 'olga-ops', kind: 'basic' });
    const dup = ties(['user', 'add', '--email', 'ops@example.org', '--name', 'Other', '--db', db], { env: { TIES_PASSWORD: 'operator password' } });
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /already exists/);
    const weak = ties(['user', 'add', '--email', 'w@example.org', '--name', 'W', '--db', db], { input: 'short\n' });
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /at least 10 characters/);
    assert.equal(ties(['user', 'add', '--email', 'x@example.org', '--name', 'X', '--kind', 'god', '--db', db], { env: { TIES_PASSWORD: 'operator password' } }).status, 1);
    const promote = ties(['user', 'promote', 'olga-ops', '--db', db]);
    assert.equal(promote.status, 0, promote.stderr);
    assert.deepEqual(json(promote), { handle: 'olga-ops', kind: 'admin' });
    assert.equal(ties(['user', 'promote', 'nobody', '--db', db]).status, 1);
    const list = ties(['user', 'list', '--db', db]);
    const rows = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].kind, 'admin');
    assert.equal(rows[0].email, 'ops@example.org');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('an admin promoted by the CLI can use the admin API and the live check', async () => {
  const s = await new Server().start();
  try {
    const a = await s.signup('Ada Admin');
    const b = await s.signup('Bert Basic');
    assert.equal((await s.get('/api/v1/admin/members', { token: a.token })).status, 403);
    assert.equal(ties(['user', 'promote', a.handle, '--db', s.db]).status, 0);
    const list = await s.get('/api/v1/admin/members?limit=1', { token: a.token });
    assert.equal(list.status, 200);
    assert.equal(list.json.members.length, 1);
    assert.ok(list.json.next_cursor);
    const page2 = await s.get(`/api/v1/admin/members?limit=1&cursor=${list.json.next_cursor}`, { token: a.token });
    assert.equal(page2.json.members[0].handle, b.handle);
    const kind = await s.put(`/api/v1/admin/members/${b.handle}/kind`, { kind: 'premium' }, { token: a.token });
    assert.deepEqual(kind.json, { handle: b.handle, kind: 'premium' });
    assert.equal((await s.get('/api/v1/me', { token: b.token })).json.kind, 'premium');
    const live = await s.get('/api/v1/admin/check', { token: a.token });
    assert.equal(live.json.graph.equal, true);
    const chk = ties(['check', '--db', s.db, '--url', s.base], { env: { TIES_TOKEN: a.token } });
    assert.equal(chk.status, 0, chk.stdout + chk.stderr);
    assert.equal(json(chk).server.graph.equal, true);
    const denied = ties(['check', '--db', s.db, '--url', s.base], { env: { TIES_TOKEN: b.token } });
    assert.equal(denied.status, 1);
    assert.match(denied.stderr, /403/);
  } finally { await s.stop(); }
});

test('demo loads a deterministic network once', () => {
  const dir = tmp(), db = join(dir, 't.db');
  try {
    const r = ties(['demo', '--members', '60', '--seed', '7', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const out = json(r);
    assert.equal(out.members, 60);
    assert.ok(out.connections > 150, JSON.stringify(out));
    const again = ties(['demo', '--members', '60', '--seed', '7', '--db', db]);
    assert.equal(again.status, 1, 'a second load is refused and changes nothing');
    assert.match(again.stderr, /already loaded/);
    assert.equal(ties(['user', 'list', '--db', db]).stdout.trim().split('\n').length, 60);
    const chk = ties(['check', '--db', db]);
    assert.equal(chk.status, 0, chk.stdout);
    assert.equal(json(chk).index.connections, out.connections);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('import edges: snap (gzip and plain), malformed lines change nothing', () => {
  const dir = tmp(), db = join(dir, 't.db');
  try {
    const plain = join(dir, 'tiny.txt');
    writeFileSync(plain, '# a comment\n1 2\n2\t3\n3 1\n2 1\n4 4\n\n5 1\n');
    const r = ties(['import', 'edges', plain, '--prefix', 'tiny', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual({ ...json(r), seconds: 0, edges_per_second: 0 }, { members: 4, connections: 4, duplicates: 1, self_loops: 1, seconds: 0, edges_per_second: 0 });
    assert.deepEqual({ ...json(ties(['net', 'mutual', 'tiny-1', 'tiny-2', '--db', db])), micros: 0 }, { count: 1, members: ['tiny-3'], micros: 0 });
    assert.equal(json(ties(['net', 'degree', 'tiny-5', 'tiny-3', '--db', db])).degree, 2);
    assert.deepEqual(json(ties(['net', 'size', 'tiny-5', '--db', db])).first, 1);
    assert.deepEqual(json(ties(['net', 'path', 'tiny-5', 'tiny-2', '--db', db])).path, ['tiny-5', 'tiny-1', 'tiny-2']);
    assert.equal(ties(['net', 'degree', 'tiny-1', 'nobody', '--db', db]).status, 1);
    assert.equal(ties(['net', 'wat', 'tiny-1', '--db', db]).status, 2);
    // a malformed line: the line number, and nothing stored
    const bad = join(dir, 'bad.txt.gz');
    writeFileSync(bad, gzipSync('10 11\n11 12\n12 x\n'));
    const rb = ties(['import', 'edges', bad, '--prefix', 'bad', '--db', db]);
    assert.equal(rb.status, 1);
    assert.match(rb.stderr, /bad\.txt\.gz:3: expected a second member id/);
    assert.match(rb.stderr, /nothing was imported/);
    for (const text of ['1 2 3\n', '1,2\n', '-1 2\n', '1\n'])
      writeFileSync(plain, text), assert.equal(ties(['import', 'edges', plain, '--prefix', 'more', '--db', db]).status, 1, text);
    // importing the same handles again conflicts and changes nothing
    writeFileSync(plain, '1 2\n7 8\n');
    const dup = ties(['import', 'edges', plain, '--prefix', 'tiny', '--db', db]);
    assert.equal(dup.status, 1);
    const users = ties(['user', 'list', '--db', db]).stdout.trim().split('\n');
    assert.equal(users.length, 4);
    assert.equal(json(ties(['check', '--db', db])).ok, true);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('import edges: the real SNAP Facebook graph and the GitHub MUSAE pair', { skip: !existsSync(join(SHARED, 'data/graphs')) && 'shared data absent' }, () => {
  const dir = tmp(), db = join(dir, 't.db');
  try {
    const fb = ties(['import', 'edges', join(SHARED, 'data/graphs/facebook_combined.txt.gz'), '--db', db]);
    assert.equal(fb.status, 0, fb.stderr);
    assert.equal(json(fb).members, 4039);
    assert.equal(json(fb).connections, 88234);
    const gh = ties(['import', 'edges', join(SHARED, 'data/graphs/musae_git_edges.csv'), '--db', db]);
    assert.equal(gh.status, 0, gh.stderr);
    assert.equal(json(gh).members, 37700);
    assert.equal(json(gh).connections, 289003);
    const users = ties(['user', 'list', '--db', db]).stdout;
    assert.match(users, /"handle":"fb-0"/);
    assert.match(users, /"display_name":"Eiryyy"/);
    const chk = json(ties(['check', '--db', db]));
    assert.equal(chk.ok, true);
    assert.equal(chk.index.connections, 88234 + 289003);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
