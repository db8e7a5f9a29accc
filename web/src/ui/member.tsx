// member — how a member appears everywhere (avatar, name, degree, headline,
// mutual connections) and the actions the server says the viewer may take.
import { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Action, ApiError, Card, del, enc, friendly, Invitation, post } from '../api';
import { refreshBadges, toast } from '../store';
import { Avatar } from './Avatar';
import { DegreeBadge } from './Degree';
import { Confirm, Dialog } from './Dialog';
import { Field, FormError, useForm } from './form';
import { IconChat, IconMore, IconPlus, IconUserPlus } from './Icons';
import { Link } from './Link';
import { Menu, MenuItem } from './Menu';

export const profileHref = (handle: string) => '/in/' + enc(handle);

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

export function mutualText(n: number | undefined): string {
  if (!n) return '';
  return n === 1 ? '1 mutual connection' : `${n} mutual connections`;
}

/** Avatar, linked name with degree, headline and an optional line below. */
export function MemberLine({ card, size = 'md', children, headline }: {
  card: Card;
  size?: 'sm' | 'md' | 'lg';
  children?: ComponentChildren;
  headline?: ComponentChildren;
}) {
  return (
    <div class={'member-line member-' + size}>
      <Link href={profileHref(card.handle)} class="member-avatar-link" tabIndex={-1} aria-hidden="true">
        <Avatar name={card.display_name} handle={card.handle} size={size} />
      </Link>
      <div class="member-text">
        <div class="member-name-row">
          <Link href={profileHref(card.handle)} class="member-name">{card.display_name}</Link>
          <DegreeBadge degree={card.degree} />
        </div>
        {headline ?? (card.headline ? <p class="member-headline">{card.headline}</p> : null)}
        {children}
      </div>
    </div>
  );
}

function withActions(card: Card, remove: Action[], add: Action[], extra: Partial<Card> = {}): Card {
  const acts = (card.actions || []).filter((a) => !remove.includes(a));
  for (const a of add) if (!acts.includes(a)) acts.push(a);
  return { ...card, ...extra, actions: acts };
}

/** Compose an invitation: asks for a personal note, and honours the server's nudge. */
export function ConnectDialog({ card, onClose, onDone }: { card: Card; onClose: () => void; onDone: (c: Card | null) => void }) {
  const [note, setNote] = useState('');
  const [nudge, setNudge] = useState<string | null>(null);
  const form = useForm();
  const send = async (confirm: boolean) => {
    setNudge(null);
    let nudged = false;
    const r = await form.run(async () => {
      try {
        const body: Record<string, unknown> = { to: card.handle };
        if (note.trim()) body.note = note.trim();
        if (confirm) body.confirm_without_note = true;
        return await post<{ invitation?: Invitation; connected?: boolean; member?: Card }>('/invitations', body);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'note_nudge') {
          nudged = true;
          setNudge(friendly(e));
          return undefined;
        }
        throw e;
      }
    }, ['note']);
    if (nudged || !r) return;
    if (r.connected) {
      toast(`You and ${card.display_name} are now connected.`);
      onDone(r.member || null);
    } else {
      toast(`Invitation sent to ${card.display_name}.`);
      onDone(withActions(card, ['connect'], ['withdraw'], { invitation_id: r.invitation?.id ?? null }));
    }
    refreshBadges();
  };
  return (
    <Dialog title={`Invite ${card.display_name} to connect`} onClose={onClose} class="connect-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(false);
        }}
      >
        <div class="connect-who">
          <MemberLine card={card} size="sm" />
        </div>
        <Field
          form={form}
          name="note"
          label="Personal note"
          multiline
          rows={5}
          counter={300}
          maxLength={300}
          value={note}
          onValue={(v) => {
            setNote(v);
            setNudge(null);
          }}
          hint={`Say who you are and why you want to connect with ${firstName(card.display_name)}. A personal note is what gets an invitation accepted.`}
          placeholder={`Hi ${firstName(card.display_name)}, we met at …`}
        />
        <div class="nudge" role="alert" hidden={!nudge}>
          {nudge && (
            <>
              <p class="nudge-title">A personal note makes the difference</p>
              <p>{nudge}</p>
              <p class="nudge-small">Invitations without a note (or with a stock text) are best kept for people who already know you well.</p>
              <button type="button" class="btn btn-secondary" onClick={() => send(true)} disabled={form.busy}>
                {note.trim() ? 'Send anyway' : 'Send without a note'}
              </button>
            </>
          )}
        </div>
        <FormError form={form} />
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" class="btn btn-primary" disabled={form.busy}>Send invitation</button>
        </div>
      </form>
    </Dialog>
  );
}

type Pending = null | 'connect' | 'withdraw' | 'disconnect' | 'block';

/** The viewer's actions for a member, as the server lists them in card.actions.
 * onChange receives the updated card, or null when the caller should reload. */
export function Actions({ card, onChange, variant = 'full' }: {
  card: Card;
  /** c: the updated card, or null to reload; what: the action done. */
  onChange: (c: Card | null, what?: Action) => void;
  variant?: 'full' | 'compact';
}) {
  const acts = new Set(card.actions || []);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = card.display_name;

  const act = async (fn: () => Promise<Card | null>, done?: string, what?: Action) => {
    setBusy(true);
    setError(null);
    try {
      const c = await fn();
      setPending(null);
      if (done) toast(done);
      onChange(c, what);
      refreshBadges();
    } catch (e) {
      setError(e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  const accept = () =>
    act(async () => {
      const r = await post<{ member?: Card }>(`/invitations/${card.invitation_id}/accept`);
      return r?.member || null;
    }, `You and ${name} are now connected.`);
  const follow = () =>
    act(async () => {
      await post(`/members/${enc(card.handle)}/follow`);
      return withActions(card, ['follow'], ['unfollow']);
    }, `You now follow ${name}.`);
  const unfollow = () =>
    act(async () => {
      await del(`/members/${enc(card.handle)}/follow`);
      return withActions(card, ['unfollow'], ['follow']);
    }, `You no longer follow ${name}.`);
  const unblock = () =>
    act(async () => {
      await del(`/members/${enc(card.handle)}/block`);
      return null;
    }, `${name} is unblocked.`);

  const buttons: ComponentChildren[] = [];
  if (acts.has('accept') && card.invitation_id != null)
    buttons.push(<button type="button" class="btn btn-primary" onClick={accept} disabled={busy}><IconUserPlus />Accept</button>);
  if (acts.has('connect'))
    buttons.push(
      <button type="button" class="btn btn-primary" onClick={() => setPending('connect')} aria-label={`Connect with ${name}`}>
        <IconUserPlus />Connect
      </button>,
    );
  if (acts.has('withdraw'))
    buttons.push(
      <button type="button" class="btn btn-secondary" onClick={() => setPending('withdraw')} aria-label={`Invitation pending — withdraw the invitation to ${name}`}>
        Pending
      </button>,
    );
  if (acts.has('message'))
    buttons.push(
      <button type="button" class="btn btn-secondary" disabled aria-describedby={`soon-${card.handle}`}>
        <IconChat />Message <span class="soon" id={`soon-${card.handle}`}>coming soon</span>
      </button>,
    );
  if (variant === 'full' && acts.has('follow'))
    buttons.push(<button type="button" class="btn btn-secondary" onClick={follow} disabled={busy} aria-label={`Follow ${name}`}><IconPlus />Follow</button>);
  if (variant === 'full' && acts.has('unfollow'))
    buttons.push(<button type="button" class="btn btn-secondary" onClick={unfollow} disabled={busy} aria-label={`Unfollow ${name}`}>Following</button>);
  if (acts.has('unblock'))
    buttons.push(<button type="button" class="btn btn-secondary" onClick={unblock} disabled={busy}>Unblock</button>);

  const more: MenuItem[] = [];
  if (variant === 'compact' && acts.has('follow')) more.push({ label: `Follow ${name}`, onSelect: follow });
  if (variant === 'compact' && acts.has('unfollow')) more.push({ label: `Unfollow ${name}`, onSelect: unfollow });
  if (acts.has('disconnect')) more.push({ label: 'Remove connection', onSelect: () => setPending('disconnect') });
  if (acts.has('block')) more.push({ label: `Block ${name}`, onSelect: () => setPending('block'), danger: true });

  return (
    <div class={'actions actions-' + variant}>
      {buttons}
      {more.length > 0 && (
        <Menu label={`More actions for ${name}`} button={<><IconMore /><span class="sr-only">More</span></>} items={more} class="more-menu" />
      )}
      {error && !pending && <p class="action-error" role="alert">{error}</p>}
      {pending === 'connect' && <ConnectDialog card={card} onClose={() => setPending(null)} onDone={(c) => { setPending(null); onChange(c); }} />}
      {pending === 'withdraw' && (
        <Confirm
          title="Withdraw invitation?"
          confirmLabel="Withdraw"
          busy={busy}
          error={error}
          onClose={() => { setPending(null); setError(null); }}
          onConfirm={() =>
            act(async () => {
              await del(`/invitations/${card.invitation_id}`);
              return null;
            }, `Your invitation to ${name} is withdrawn.`)
          }
        >
          <p>{name} will no longer see your invitation. You cannot invite {firstName(name)} again for 3 weeks.</p>
        </Confirm>
      )}
      {pending === 'disconnect' && <DisconnectConfirm card={card} onClose={() => setPending(null)} onDone={() => { setPending(null); onChange(null); }} />}
      {pending === 'block' && (
        <Confirm
          title={`Block ${name}?`}
          confirmLabel="Block"
          danger
          busy={busy}
          error={error}
          onClose={() => { setPending(null); setError(null); }}
          onConfirm={() =>
            act(async () => {
              await post(`/members/${enc(card.handle)}/block`);
              return null;
            }, `${name} is blocked. You can unblock in Settings.`, 'block')
          }
        >
          <p>You will no longer see each other: no invitations, no messages, no profile views, no search hits, either way. If you are connected, the connection ends. {firstName(name)} is not told.</p>
          <p>You can unblock in Settings.</p>
        </Confirm>
      )}
    </div>
  );
}

/** Removing a connection is silent: the confirmation says so. */
export function DisconnectConfirm({ card, onClose, onDone }: { card: Card; onClose: () => void; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Confirm
      title="Remove connection?"
      confirmLabel="Remove connection"
      danger
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        try {
          await del(`/connections/${enc(card.handle)}`);
          toast(`${card.display_name} is removed from your connections.`);
          onDone();
        } catch (e) {
          setError(e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.');
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>
        Remove <strong>{card.display_name}</strong> from your connections? <strong>{firstName(card.display_name)} will not be told.</strong>
      </p>
      <p class="muted">They will only notice, on your profile, that "Message" has become "Connect".</p>
    </Confirm>
  );
}
