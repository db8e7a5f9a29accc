// Black-box test harness: starts the real `ties` binary (the sanitizer build
// named by $TIES_BIN) on a free loopback port with a fresh database, and
// talks to it over HTTP like any client.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

export const BIN = process.env.TIES_BIN || new URL('../../build/asan/ties', import.meta.url).pathname;
export const SHARED = process.env.TIES_SHARED || new URL('../../../shared', import.meta.url).pathname;

export class Server {
  // dir: reuse another server's directory (and database) after it stopped.
  constructor({ args = [], env = {}, dir = null } = {}) {
    this.dir = dir || mkdtempSync(join(tmpdir(), 'ties-test-'));
    this.keepDir = !!dir;
    this.db = join(this.dir, 'ties.db');
    this.args = args;
    this.env = env;
    this.stderr = '';
  }

  async start() {
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen', '127.0.0.1:0', '--threads', '4', ...this.args], {
      env: { ...process.env, TIES_PWHASH: 'fast', TIES_LOG: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    let out = '';
    const deadline = Date.now() + 60000;
    while (!/listening on (http:\/\/[\d.:]+)/.test(out)) {
      if (Date.now() > deadline) throw new Error('server did not start: ' + this.stderr);
      const [chunk] = await Promise.race([
        once(this.proc.stdout, 'data'),
        once(this.proc, 'exit').then(() => { throw new Error('server exited: ' + this.stderr); }),
      ]);
      out += chunk;
    }
    this.base = out.match(/listening on (http:\/\/[\d.:]+)/)[1];
    this.stdout = out;
    this.proc.stdout.on('data', (d) => { this.stdout += d; });
    return this;
  }

  // Stops the server; fails if it reported a sanitizer error or exited badly.
  async stop({ keep = false } = {}) {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      await once(this.proc, 'exit');
    }
    const code = this.proc?.exitCode;
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
    if (/AddressSanitizer|LeakSanitizer|runtime error/.test(this.stderr))
      throw new Error('sanitizer report from ties:\n' + this.stderr);
    if (code !== 0) throw new Error(`ties exited with ${code}:\n${this.stderr}`);
  }

  async kill9() {
    const exited = once(this.proc, 'exit');
    this.proc.kill('SIGKILL');
    await exited;
  }

  // One request.  opts: body (object or string), token, cookie, csrf, headers.
  async req(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    let body;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' || opts.body instanceof Uint8Array ? opts.body : JSON.stringify(opts.body);
      if (!('Content-Type' in headers)) headers['Content-Type'] = 'application/json';
    }
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.Cookie = opts.cookie;
    if (opts.csrf) headers['X-CSRF-Token'] = opts.csrf;
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    let json = null;
    if (text && /json/.test(res.headers.get('content-type') || '')) json = JSON.parse(text);
    return { status: res.status, json, text, headers: res.headers };
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, body, opts = {}) { return this.req('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.req('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.req('PUT', path, { ...opts, body }); }
  del(path, body, opts = {}) { return this.req('DELETE', path, { ...opts, body }); }

  // Signs up a member; returns { token, csrf, handle, email, password }.
  async signup(name, extra = {}) {
    const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.');
    const email = extra.email || `${slug}.${Math.random().toString(36).slice(2, 8)}@example.org`;
    const password = extra.password || 'correct horse battery';
    const r = await this.post('/api/v1/auth/signup', { email, password, display_name: name, ...(extra.handle ? { handle: extra.handle } : {}) });
    if (r.status !== 201) throw new Error(`signup ${name}: ${r.status} ${r.text}`);
    return { token: r.json.token, csrf: r.json.csrf, handle: r.json.member.handle, email, password };
  }
}

// Asserts a problem+json response with status and code (and field).
export function problem(assert, r, status, code, field) {
  assert.equal(r.status, status, `status ${r.status} body ${r.text}`);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(r.json.code, code, r.text);
  assert.equal(r.json.status, status);
  assert.ok(typeof r.json.detail === 'string' && r.json.detail.length > 0);
  if (field !== undefined) assert.equal(r.json.field, field, r.text);
}

// Connects a and b (members from signup) through an invitation with a note.
export async function connect(s, a, b) {
  const r = await s.post('/api/v1/invitations', { to: b.handle, note: 'We met at the Lean summit in Göteborg.' }, { token: a.token });
  if (r.status === 200 && r.json.connected) return;
  if (r.status !== 201) throw new Error(`invite ${a.handle} -> ${b.handle}: ${r.status} ${r.text}`);
  const acc = await s.post(`/api/v1/invitations/${r.json.invitation.id}/accept`, undefined, { token: b.token });
  if (acc.status !== 200) throw new Error(`accept: ${acc.status} ${acc.text}`);
}
