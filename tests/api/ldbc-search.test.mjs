// People search on real names: the LDBC ldbc-tiny persons loaded with
// `ties ldbc load`; for each row of interactive_1_param.txt (and a fixed
// sample of more searchers and first names) the search for that first name,
// as that person, must list every person of that first name within 3 hops,
// at their BFS distance, in distance order — checked against a BFS here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, SHARED } from './lib.mjs';

const TINY = join(SHARED, 'data/ldbc-tiny');
const skip = !existsSync(TINY) && `no LDBC data at ${TINY}`;

function rows(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const head = lines[0].split('|');
  return { head, rows: lines.slice(1).map((l) => l.split('|')) };
}

test('search by first name as an LDBC person: every match within 3 hops, in distance order', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ties-ldbc-'));
  const db = join(dir, 't.db');
  const env = { ...process.env, TIES_LOG: 'warn' };
  try {
    const load = spawnSync(BIN, ['ldbc', 'load', TINY, '--db', db], { env, encoding: 'utf8', input: '' });
    assert.equal(load.status, 0, load.stderr);

    const persons = rows(join(TINY, 'dynamic/person_0_0.csv')).rows;
    const first = new Map(persons.map((p) => [p[0], p[1]]));
    const adj = new Map(persons.map((p) => [p[0], []]));
    for (const [a, b] of rows(join(TINY, 'dynamic/person_knows_person_0_0.csv')).rows) {
      adj.get(a).push(b);
      adj.get(b).push(a);
    }
    const bfs = (start) => {
      const dist = new Map([[start, 0]]);
      const queue = [start];
      while (queue.length) {
        const x = queue.shift();
        if (dist.get(x) === 3) continue;
        for (const y of adj.get(x)) if (!dist.has(y)) { dist.set(y, dist.get(x) + 1); queue.push(y); }
      }
      return dist;
    };

    const cases = rows(join(TINY, 'substitution_parameters/interactive_1_param.txt')).rows.map(([p, n]) => [p, n]);
    assert.ok(cases.length >= 2);
    // more: every 11th person searching the first names of people 2 and 3 hops away
    for (let i = 0; i < persons.length; i += 11) {
      const d = bfs(persons[i][0]);
      const far = [...d].filter(([, k]) => k >= 2).map(([id]) => first.get(id));
      if (far.length) cases.push([persons[i][0], far[(i * 7) % far.length]]);
    }

    let checked = 0;
    for (const [personId, firstName] of cases) {
      const r = spawnSync(BIN, ['search', '--as', `ldbc-${personId}`, '--limit', '100', '--db', db, firstName], { env, encoding: 'utf8', input: '' });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /AddressSanitizer|runtime error/);
      const hits = r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l)) : [];
      const tierOf = { '1st': 1, '2nd': 2, '3rd': 3, out: 4 };
      const got = hits.map((h) => [h.handle.slice('ldbc-'.length), tierOf[h.tier]]);
      // tiers never go down the list
      for (let k = 1; k < got.length; k++) assert.ok(got[k - 1][1] <= got[k][1], `${personId} ${firstName}: tier order`);
      const dist = bfs(personId);
      const want = [...dist].filter(([id, k]) => k >= 1 && first.get(id) === firstName);
      const found = new Map(got);
      for (const [id, k] of want) {
        assert.equal(found.get(id), k, `${firstName} ${id} at distance ${k} from ${personId}`);
        checked++;
      }
      // and whoever is listed in a network tier is at that distance
      for (const [id, k] of got) if (k <= 3) assert.equal(dist.get(id), k, `${id} listed at ${k}`);
    }
    assert.ok(checked > 20, `only ${checked} matches were checked`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
