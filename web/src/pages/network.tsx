// My network: connections (search within, sort), followers, following, and
// the size of the network by degree.
import { useEffect, useState } from 'preact/hooks';
import { Card, Connection, get, qs } from '../api';
import { navigate, useRoute } from '../router';
import { LoadError, Spinner } from '../ui/form';
import { longDate, plural } from '../ui/format';
import { IconNetwork, IconSearch } from '../ui/Icons';
import { Link } from '../ui/Link';
import { useLoad } from '../ui/load';
import { Actions, DisconnectConfirm, MemberLine } from '../ui/member';
import { Menu } from '../ui/Menu';
import { IconMore } from '../ui/Icons';
import { PageTitle } from '../ui/PageTitle';
import { Tabs } from '../ui/Tabs';

type Tab = 'connections' | 'followers' | 'following';

export function NetworkPage({ tab }: { tab: Tab }) {
  const size = useLoad(() => get<{ first: number; second: number; third: number }>('/me/network'), [tab]);
  return (
    <div class="page network-page">
      <div class="card page-card network-main">
        <PageTitle title="My network" />
        <Tabs
          label="My network"
          tabs={[
            { href: '/mynetwork', label: 'Connections', current: tab === 'connections' },
            { href: '/mynetwork/followers', label: 'Followers', current: tab === 'followers' },
            { href: '/mynetwork/following', label: 'Following', current: tab === 'following' },
          ]}
        />
        {tab === 'connections' ? <Connections /> : <Follows which={tab} />}
      </div>
      <aside class="network-side" aria-label="Your network size">
        <div class="card">
          <h2 class="side-title">Your network</h2>
          {size.data ? (
            <dl class="network-size" data-testid="network-size">
              <div><dt>1st degree</dt><dd>{size.data.first.toLocaleString('en')}</dd></div>
              <div><dt>2nd degree</dt><dd>{size.data.second.toLocaleString('en')}</dd></div>
              <div><dt>3rd degree</dt><dd>{size.data.third.toLocaleString('en')}</dd></div>
            </dl>
          ) : size.error ? (
            <p class="muted">Network size is not available right now.</p>
          ) : (
            <Spinner />
          )}
          {size.data && (
            <p class="muted small">
              {plural(size.data.first + size.data.second + size.data.third, 'member')} within three steps of you.
            </p>
          )}
        </div>
      </aside>
    </div>
  );
}

function Connections() {
  const { query } = useRoute();
  const sort = query.get('sort') === 'name' ? 'name' : 'recent';
  const [q, setQ] = useState(query.get('q') || '');
  const [debounced, setDebounced] = useState(q);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(t);
  }, [q]);
  const [extra, setExtra] = useState<Connection[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Card | null>(null);
  const r = useLoad(async () => {
    const d = await get<{ total: number; connections: Connection[]; next_cursor?: string | null }>('/me/connections' + qs({ sort, q: debounced, limit: 30 }));
    setExtra([]);
    setCursor(d.next_cursor || null);
    return d;
  }, [sort, debounced]);
  const more = async () => {
    const d = await get<{ connections: Connection[]; next_cursor?: string | null }>('/me/connections' + qs({ sort, q: debounced, limit: 30, cursor }));
    setExtra((x) => [...x, ...d.connections]);
    setCursor(d.next_cursor || null);
  };
  const items = r.data ? [...r.data.connections, ...extra] : [];
  return (
    <section aria-labelledby="conn-title">
      <div class="list-head">
        <h2 id="conn-title" class="list-title" aria-live="polite">
          {r.data ? (debounced ? `${plural(r.data.total, 'connection')} match “${debounced}”` : plural(r.data.total, 'connection')) : 'Connections'}
        </h2>
      </div>
      <div class="list-tools">
        <div class="search-within">
          <label for="conn-q" class="sr-only">Search your connections</label>
          <IconSearch />
          <input id="conn-q" type="search" placeholder="Search by name" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="sort">
          <label for="conn-sort">Sort by</label>
          <select
            id="conn-sort"
            value={sort}
            onChange={(e) => navigate('/mynetwork' + qs({ sort: (e.currentTarget as HTMLSelectElement).value, q: q.trim() }), { replace: true })}
          >
            <option value="recent">Recently added</option>
            <option value="name">Name</option>
          </select>
        </div>
      </div>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
      {r.data && items.length === 0 && (
        <div class="empty">
          <IconNetwork />
          {debounced ? <p>No connection matches “{debounced}”.</p> : <p>No connections yet.</p>}
          {!debounced && <p class="muted">Search for people you know and invite them with a personal note. <Link href="/search">Find people</Link></p>}
        </div>
      )}
      <ul class="member-list">
        {items.map((c) => (
          <li class="member-item" key={c.handle}>
            <MemberLine card={c}>
              {c.connected_at ? <p class="member-meta">Connected {longDate(c.connected_at)}</p> : null}
            </MemberLine>
            <div class="item-actions">
              <button type="button" class="btn btn-secondary" disabled aria-describedby={`soon-c-${c.handle}`}>
                Message <span class="soon" id={`soon-c-${c.handle}`}>coming soon</span>
              </button>
              <Menu
                label={`More actions for ${c.display_name}`}
                button={<><IconMore /><span class="sr-only">More</span></>}
                items={[{ label: 'Remove connection', onSelect: () => setRemoving(c) }]}
              />
            </div>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more</button>}
      {removing && (
        <DisconnectConfirm
          card={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            r.reload();
          }}
        />
      )}
    </section>
  );
}

function Follows({ which }: { which: 'followers' | 'following' }) {
  const [extra, setExtra] = useState<Card[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const r = useLoad(async () => {
    const d = await get<{ members: Card[]; next_cursor?: string | null }>(`/me/${which}?limit=30`);
    setExtra([]);
    setCursor(d.next_cursor || null);
    return d;
  }, [which]);
  const more = async () => {
    const d = await get<{ members: Card[]; next_cursor?: string | null }>(`/me/${which}` + qs({ limit: 30, cursor }));
    setExtra((x) => [...x, ...d.members]);
    setCursor(d.next_cursor || null);
  };
  const items = r.data ? [...r.data.members, ...extra] : [];
  const replace = (c: Card) => {
    r.setData({ ...r.data!, members: r.data!.members.map((m) => (m.handle === c.handle ? c : m)) });
    setExtra(extra.map((m) => (m.handle === c.handle ? c : m)));
  };
  return (
    <section aria-labelledby="follow-title">
      <div class="list-head">
        <h2 id="follow-title" class="list-title">{which === 'followers' ? 'People who follow you' : 'People you follow'}</h2>
      </div>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
      {r.data && items.length === 0 && (
        <div class="empty">
          <IconNetwork />
          <p>{which === 'followers' ? 'Nobody follows you yet.' : 'You follow nobody yet.'}</p>
          <p class="muted">Following is one-way: you see a member's public posts without being connected.</p>
        </div>
      )}
      <ul class="member-list">
        {items.map((c) => (
          <li class="member-item" key={c.handle}>
            <MemberLine card={c} />
            <div class="item-actions">
              <Actions card={c} variant="full" onChange={(n) => (n ? replace(n) : r.reload())} />
            </div>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more</button>}
    </section>
  );
}
