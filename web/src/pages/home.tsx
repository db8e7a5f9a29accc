// Home: the member's own corner — profile strength, what waits for them,
// and the size of their network.
import { get, Invitation, Notification, qs } from '../api';
import { badges, session, useStore } from '../store';
import { Avatar } from '../ui/Avatar';
import { ago } from '../ui/format';
import { IconSearch } from '../ui/Icons';
import { Link } from '../ui/Link';
import { useLoad } from '../ui/load';
import { MemberLine, profileHref } from '../ui/member';
import { PageTitle } from '../ui/PageTitle';
import { StrengthMeter } from '../ui/Strength';
import { navigate } from '../router';

export function Home() {
  const me = useStore(session)!;
  const b = useStore(badges);
  const net = useLoad(() => get<{ first: number; second: number; third: number }>('/me/network'), []);
  const inv = useLoad(() => get<{ invitations: Invitation[] }>('/invitations/received?limit=3'), [b.invitations]);
  const notif = useLoad(() => get<{ notifications: Notification[] }>('/notifications?limit=5'), [b.unread]);
  return (
    <div class="page home">
      <aside class="home-side" aria-label="You">
        <div class="card me-card">
          <div class="me-cover" aria-hidden="true" />
          <Link href={profileHref(me.handle)} class="me-link">
            <Avatar name={me.display_name} handle={me.handle} size="lg" />
            <span class="me-name">{me.display_name}</span>
          </Link>
          <p class="me-headline">{me.headline || <Link href="/welcome">Add a headline</Link>}</p>
          {net.data && (
            <dl class="me-stats">
              <div><dt>Connections</dt><dd>{net.data.first.toLocaleString('en')}</dd></div>
              <div><dt>2nd degree</dt><dd>{net.data.second.toLocaleString('en')}</dd></div>
              <div><dt>3rd degree</dt><dd>{net.data.third.toLocaleString('en')}</dd></div>
            </dl>
          )}
        </div>
        <div class="card">
          <StrengthMeter s={me.profile_strength} compact />
          {me.profile_strength.missing.length > 0 && (
            <p class="side-link">
              Next: {me.profile_strength.missing[0].hint} <Link href="/welcome">Improve your profile</Link>
            </p>
          )}
        </div>
      </aside>
      <div class="home-main">
        <PageTitle title="Home" class="sr-only" />
        <form
          class="card home-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = (new FormData(e.currentTarget as HTMLFormElement).get('q') as string).trim();
            navigate('/search' + qs({ q }));
          }}
        >
          <label for="home-q" class="home-search-label">Find the people you work with</label>
          <div class="input-row">
            <div class="search-within grow">
              <IconSearch />
              <input id="home-q" name="q" type="search" placeholder="Name, skill, company — “lean consultant”" />
            </div>
            <button type="submit" class="btn btn-primary">Search</button>
          </div>
        </form>
        <section class="card" aria-labelledby="home-inv">
          <div class="section-head">
            <h2 id="home-inv">Invitations</h2>
            <Link href="/invitations" class="head-link">See all</Link>
          </div>
          {inv.data && inv.data.invitations.length === 0 && <p class="muted">No invitations waiting.</p>}
          {inv.error ? <p class="muted">Invitations are not available right now.</p> : null}
          <ul class="member-list compact">
            {inv.data?.invitations.map((i) => (
              <li class="member-item">
                <MemberLine card={i.from!} size="sm">
                  <p class="member-meta">{ago(i.created_at)}{i.note ? ' · with a note' : ''}</p>
                </MemberLine>
                <Link href="/invitations" class="btn btn-secondary btn-sm">Respond</Link>
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="home-notif">
          <div class="section-head">
            <h2 id="home-notif">Recent activity</h2>
            <Link href="/notifications" class="head-link">See all</Link>
          </div>
          {notif.data && notif.data.notifications.length === 0 && <p class="muted">Nothing new yet. Invite people you know — with a personal note.</p>}
          {notif.error ? <p class="muted">Notifications are not available right now.</p> : null}
          <ul class="member-list compact">
            {notif.data?.notifications.map((n) => (
              <li class="member-item">
                <MemberLine card={n.actor} size="sm">
                  <p class="member-meta">
                    {n.kind === 'invitation.received' ? 'invited you to connect' : n.kind === 'invitation.accepted' ? 'accepted your invitation' : 'is now connected with you'} · {ago(n.created_at)}
                  </p>
                </MemberLine>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
