import { useEffect } from 'preact/hooks';
import { get, Notification, post } from '../api';
import { badges, refreshBadges } from '../store';
import { Avatar } from '../ui/Avatar';
import { LoadError, Spinner } from '../ui/form';
import { ago } from '../ui/format';
import { IconBell } from '../ui/Icons';
import { Link } from '../ui/Link';
import { useLoad } from '../ui/load';
import { profileHref } from '../ui/member';
import { PageTitle } from '../ui/PageTitle';

function text(n: Notification) {
  const name = <strong>{n.actor.display_name}</strong>;
  switch (n.kind) {
    case 'invitation.received':
      return <>{name} invited you to connect.</>;
    case 'invitation.accepted':
      return <>{name} accepted your invitation. You are now connected.</>;
    case 'connection.auto_accepted':
      return <>You are now connected with {name}: your auto-accept rule accepted the invitation.</>;
    default:
      return <>{name}: {n.kind}</>;
  }
}

function target(n: Notification): string {
  return n.kind === 'invitation.received' ? '/invitations' : profileHref(n.actor.handle);
}

export function NotificationsPage() {
  const r = useLoad(() => get<{ unread: number; notifications: Notification[]; next_cursor?: string | null }>('/notifications?limit=50'), []);
  // Seeing the list reads it: mark everything read once it has loaded (the
  // items keep their unread look until the next visit).
  useEffect(() => {
    if (r.data && r.data.unread > 0)
      post('/notifications/read', {}).then(() => {
        badges.set({ ...badges.get(), unread: 0 });
        refreshBadges();
      }, () => undefined);
  }, [r.data]);
  return (
    <div class="page narrow">
      <div class="card page-card">
        <PageTitle title="Notifications" />
        {r.loading && !r.data && <Spinner />}
        {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
        {r.data && r.data.notifications.length === 0 && (
          <div class="empty">
            <IconBell />
            <p>No notifications yet.</p>
            <p class="muted">Invitations and new connections show up here.</p>
          </div>
        )}
        <ul class="notif-list">
          {r.data?.notifications.map((n) => (
            <li class={'notif' + (n.read ? '' : ' unread')} key={n.id}>
              <Avatar name={n.actor.display_name} handle={n.actor.handle} size="md" />
              <div class="notif-body">
                <p>
                  {!n.read && <span class="sr-only">New: </span>}
                  <Link href={target(n)} class="notif-link">{text(n)}</Link>
                </p>
                {n.actor.headline && <p class="member-headline">{n.actor.headline}</p>}
                <p class="member-meta">{ago(n.created_at)}</p>
              </div>
              {!n.read && <span class="unread-dot" aria-hidden="true" />}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
