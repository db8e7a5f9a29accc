// app — the frame (header, main, toasts) and the table of pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Card, enc, get, onSessionEnded, post, qs } from './api';
import { match, navigate, useRoute } from './router';
import { badges, refreshBadges, session, toasts, useStore } from './store';
import { Avatar } from './ui/Avatar';
import { DegreeBadge } from './ui/Degree';
import { Spinner } from './ui/form';
import { IconBell, IconHome, IconMail, IconNetwork, IconSearch, Logo } from './ui/Icons';
import { Link } from './ui/Link';
import { Menu } from './ui/Menu';
import { profileHref } from './ui/member';
import { PageTitle } from './ui/PageTitle';
import { SignIn, SignUp } from './pages/auth';
import { Home } from './pages/home';
import { InvitationsPage } from './pages/invitations';
import { NetworkPage } from './pages/network';
import { NotificationsPage } from './pages/notifications';
import { ProfilePage } from './pages/profile';
import { SearchPage } from './pages/search';
import { SettingsPage } from './pages/settings';
import { Welcome } from './pages/welcome';

const publicPaths = ['/signin', '/signup'];

export function App() {
  const me = useStore(session);
  const loc = useRoute();
  const [ended, setEnded] = useState(false);
  const lastPath = useRef<string | null>(null);

  useEffect(() => onSessionEnded(() => { if (session.get()) setEnded(true); }), []);
  useEffect(() => {
    if (me) setEnded(false);
  }, [me]);

  // Signed-out visitors may see sign-in, sign-up and (public) profiles only.
  const isProfile = !!match('/in/:handle', loc.path);
  useEffect(() => {
    if (me === undefined) return;
    if (!me && !publicPaths.includes(loc.path) && !isProfile) {
      const next = loc.path === '/' ? '' : '?next=' + enc(loc.path + (loc.query.toString() ? '?' + loc.query : ''));
      navigate('/signin' + next, { replace: true });
    } else if (me && publicPaths.includes(loc.path)) navigate('/', { replace: true });
  }, [me, loc.path]);

  // New page: move focus to its heading so screen readers start there.
  useEffect(() => {
    if (lastPath.current === null) {
      lastPath.current = loc.path;
      return;
    }
    if (lastPath.current === loc.path) return;
    lastPath.current = loc.path;
    let tries = 0;
    const focus = () => {
      const h = document.querySelector<HTMLElement>('main [data-page-title]');
      if (h) h.focus({ preventScroll: true });
      else if (tries++ < 30) setTimeout(focus, 50);
    };
    requestAnimationFrame(focus);
    refreshBadges();
  }, [loc.path]);

  useEffect(() => {
    if (!me) return;
    refreshBadges();
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') refreshBadges();
    }, 30000);
    return () => clearInterval(t);
  }, [me?.handle]);

  let page;
  if (me === undefined) page = <Spinner label="Starting" />;
  else page = <Page />;

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <Header />
      {ended && (
        <div class="session-banner" role="alert">
          Your session has ended. <Link href={'/signin?next=' + enc(loc.path)} onClick={() => session.set(null)}>Sign in again</Link> — on this page, what you typed is kept until you leave it.
        </div>
      )}
      <main id="main" tabIndex={-1}>{page}</main>
      <Toasts />
    </>
  );
}

function Page() {
  const me = useStore(session);
  const { path } = useRoute();
  let m: Record<string, string> | null;
  if ((m = match('/in/:handle', path))) return <ProfilePage handle={m.handle} />;
  if (path === '/signin') return me ? null : <SignIn />;
  if (path === '/signup') return me ? null : <SignUp />;
  if (!me) return null;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
      return <Home />;
    case '/welcome':
      return <Welcome />;
    case '/mynetwork':
      return <NetworkPage tab="connections" />;
    case '/mynetwork/followers':
      return <NetworkPage tab="followers" />;
    case '/mynetwork/following':
      return <NetworkPage tab="following" />;
    case '/invitations':
      return <InvitationsPage tab="received" />;
    case '/invitations/sent':
      return <InvitationsPage tab="sent" />;
    case '/notifications':
      return <NotificationsPage />;
    case '/search':
      return <SearchPage />;
    case '/settings':
      return <SettingsPage />;
    case '/me':
      return <Redirect to={profileHref(me.handle)} />;
  }
  return (
    <div class="page narrow">
      <div class="card page-card">
        <PageTitle title="Page not found" />
        <p>There is no page at this address. <Link href="/">Go home</Link></p>
      </div>
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Header() {
  const me = useStore(session);
  const b = useStore(badges);
  const { path } = useRoute();
  const navItem = (href: string, label: string, icon: preact.ComponentChildren, count = 0, testid?: string) => {
    const current = href === '/' ? path === '/' : path === href || path.startsWith(href + '/');
    return (
      <li>
        <Link href={href} class={'nav-link' + (current ? ' current' : '')} aria-current={current ? 'page' : undefined}>
          <span class="nav-icon">
            {icon}
            {count > 0 && (
              <span class="badge" data-testid={testid} aria-hidden="true">
                {count > 99 ? '99+' : count}
              </span>
            )}
          </span>
          <span class="nav-label">{label}</span>
          {count > 0 && <span class="sr-only">, {count} new</span>}
        </Link>
      </li>
    );
  };
  return (
    <header class="site-header">
      <div class="header-inner">
        <Link href="/" class="logo" aria-label="ties — home">
          <Logo />
          <span class="wordmark" aria-hidden="true">ties</span>
        </Link>
        {me && <SearchBox />}
        {me ? (
          <>
            <nav class="main-nav" aria-label="Main">
              <ul>
                {navItem('/', 'Home', <IconHome />)}
                {navItem('/mynetwork', 'My network', <IconNetwork />)}
                {navItem('/invitations', 'Invitations', <IconMail />, b.invitations, 'invitations-badge')}
                {navItem('/notifications', 'Notifications', <IconBell />, b.unread, 'notifications-badge')}
              </ul>
            </nav>
            <Menu
              label="Your account"
              class="me-menu"
              button={
                <>
                  <Avatar name={me.display_name} handle={me.handle} size="sm" />
                  <span class="me-menu-label">Me <span aria-hidden="true">▾</span></span>
                </>
              }
              items={[
                { label: 'View profile', onSelect: () => navigate(profileHref(me.handle)) },
                { label: 'Profile guide', onSelect: () => navigate('/welcome') },
                { label: 'Settings', onSelect: () => navigate('/settings') },
                {
                  label: 'Sign out',
                  onSelect: async () => {
                    try {
                      await post('/auth/signout');
                    } catch {
                      /* signed out already */
                    }
                    session.set(null);
                    badges.set({ unread: 0, invitations: 0 });
                    navigate('/signin', { replace: true });
                  },
                },
              ]}
            />
          </>
        ) : me === null ? (
          <div class="auth-links">
            <Link href="/signup" class="btn btn-tertiary">Join now</Link>
            <Link href="/signin" class="btn btn-secondary">Sign in</Link>
          </div>
        ) : null}
      </div>
    </header>
  );
}

/** The header search box: typeahead on every keystroke (ARIA combobox). */
function SearchBox() {
  const { path, query } = useRoute();
  const [q, setQ] = useState(path === '/search' ? query.get('q') || '' : '');
  const [items, setItems] = useState<Card[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (path === '/search') setQ(query.get('q') || '');
    setOpen(false);
  }, [path, query.get('q')]);

  const lookup = async (v: string) => {
    const my = ++seq.current;
    if (!v.trim()) {
      setItems([]);
      setOpen(false);
      return;
    }
    try {
      const r = await get<{ members: Card[] }>('/search/typeahead?q=' + enc(v.trim()));
      if (my !== seq.current) return;
      setItems(r.members.slice(0, 8));
      setActive(-1);
      setOpen(true);
    } catch {
      if (my !== seq.current) return;
      setItems([]);
      setActive(-1);
      setOpen(true);
    }
  };

  const go = (i: number) => {
    setOpen(false);
    if (i >= 0 && i < items.length) {
      navigate(profileHref(items[i].handle));
      setQ('');
    } else if (q.trim()) navigate('/search' + qs({ q: q.trim() }));
    else navigate('/search');
  };
  const n = items.length + (q.trim() ? 1 : 0);
  const optId = (i: number) => 'ta-opt-' + i;

  return (
    <form
      class="header-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        go(active);
      }}
    >
      <label for="q" class="sr-only">Search people</label>
      <IconSearch />
      <input
        ref={input}
        id="q"
        type="search"
        autoComplete="off"
        placeholder="Search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && n > 0 ? 'true' : 'false'}
        aria-controls="ta-list"
        aria-activedescendant={open && active >= 0 ? optId(active) : undefined}
        value={q}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLInputElement).value;
          setQ(v);
          lookup(v);
        }}
        onFocus={() => {
          if (q.trim() && items.length) setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (!open) setOpen(true);
            setActive(n ? (active + 1) % n : -1);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive(n ? (active - 1 + n) % n : -1);
          } else if (e.key === 'Escape') {
            if (open) {
              e.preventDefault();
              setOpen(false);
              setActive(-1);
            }
          }
        }}
      />
      <ul id="ta-list" role="listbox" aria-label="Suggestions" class="typeahead" hidden={!open || n === 0}>
        {items.map((c, i) => (
          <li
            id={optId(i)}
            role="option"
            aria-selected={active === i ? 'true' : 'false'}
            class={'ta-item' + (active === i ? ' active' : '')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(i)}
          >
            <Avatar name={c.display_name} handle={c.handle} size="xs" />
            <span class="ta-text">
              <span class="ta-name">
                {c.display_name} <DegreeBadge degree={c.degree} />
              </span>
              {c.headline && <span class="ta-headline">{c.headline}</span>}
            </span>
          </li>
        ))}
        {q.trim() && (
          <li
            id={optId(items.length)}
            role="option"
            aria-selected={active === items.length ? 'true' : 'false'}
            class={'ta-item ta-all' + (active === items.length ? ' active' : '')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(-1)}
          >
            <IconSearch />
            <span>See all results for “{q.trim()}”</span>
          </li>
        )}
      </ul>
    </form>
  );
}

function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div class="toast" key={t.id}>{t.text}</div>
      ))}
    </div>
  );
}
