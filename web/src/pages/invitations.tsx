// Invitations: received (accept, ignore, decline) and sent (withdraw).
import { useState } from 'preact/hooks';
import { ApiError, Card, del, friendly, get, Invitation, post, qs } from '../api';
import { refreshBadges, toast } from '../store';
import { Confirm } from '../ui/Dialog';
import { LoadError, Spinner } from '../ui/form';
import { ago } from '../ui/format';
import { IconMail } from '../ui/Icons';
import { Link } from '../ui/Link';
import { useLoad } from '../ui/load';
import { firstName, MemberLine, mutualText, profileHref } from '../ui/member';
import { PageTitle } from '../ui/PageTitle';
import { Tabs } from '../ui/Tabs';

interface List {
  invitations: Invitation[];
  next_cursor?: string | null;
}

export function InvitationsPage({ tab }: { tab: 'received' | 'sent' }) {
  return (
    <div class="page narrow">
      <div class="card page-card">
        <PageTitle title="Invitations" />
        <Tabs
          label="Invitations"
          tabs={[
            { href: '/invitations', label: 'Received', current: tab === 'received' },
            { href: '/invitations/sent', label: 'Sent', current: tab === 'sent' },
          ]}
        />
        {tab === 'received' ? <Received /> : <Sent />}
      </div>
    </div>
  );
}

function useList(path: string, deps: unknown[]) {
  const [extra, setExtra] = useState<Invitation[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const r = useLoad(async () => {
    const d = await get<List>(path);
    setExtra([]);
    setCursor(d.next_cursor || null);
    return d;
  }, deps);
  const more = async () => {
    const d = await get<List>(path + (path.includes('?') ? '&' : '?') + 'cursor=' + encodeURIComponent(cursor!));
    setExtra((x) => [...x, ...d.invitations]);
    setCursor(d.next_cursor || null);
  };
  return { r, items: r.data ? [...r.data.invitations, ...extra] : [], cursor, more };
}

function Note({ note, who }: { note?: string | null; who: string }) {
  if (!note) return <p class="inv-note inv-note-none">No personal note.</p>;
  return (
    <blockquote class="inv-note" aria-label={`Note from ${who}`}>
      <p>{note}</p>
    </blockquote>
  );
}

function Received() {
  const [showIgnored, setShowIgnored] = useState(false);
  const { r, items, cursor, more } = useList('/invitations/received' + qs({ include_ignored: showIgnored ? 'true' : null, limit: 20 }), [showIgnored]);
  const [done, setDone] = useState<Record<number, { text: string; card?: Card }>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);

  const act = async (inv: Invitation, what: 'accept' | 'ignore' | 'decline') => {
    setBusy(inv.id);
    setErrors((e) => ({ ...e, [inv.id]: '' }));
    try {
      const res = await post<{ member?: Card } | undefined>(`/invitations/${inv.id}/${what}`);
      const name = inv.from!.display_name;
      const text =
        what === 'accept' ? `You and ${name} are now connected.` : what === 'ignore' ? `Ignored. ${firstName(name)} is not told.` : `Declined. ${firstName(name)} is not told.`;
      setDone((d) => ({ ...d, [inv.id]: { text, card: res && 'member' in res ? res.member : undefined } }));
      toast(text);
      refreshBadges();
    } catch (e) {
      setErrors((x) => ({ ...x, [inv.id]: e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="received-title">
      <div class="list-head">
        <h2 id="received-title" class="list-title">Received</h2>
        <label class="check">
          <input type="checkbox" checked={showIgnored} onChange={(e) => setShowIgnored((e.currentTarget as HTMLInputElement).checked)} />
          <span>Show ignored</span>
        </label>
      </div>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
      {r.data && items.length === 0 && (
        <div class="empty">
          <IconMail />
          <p>No invitations waiting.</p>
          <p class="muted">Invitations from people who want to connect with you appear here.</p>
        </div>
      )}
      <ul class="inv-list">
        {items.map((inv) => {
          const d = done[inv.id];
          const from = inv.from!;
          return (
            <li class={'inv-item' + (inv.status === 'ignored' ? ' ignored' : '')} key={inv.id} data-invitation={inv.id}>
              <MemberLine card={d?.card || from}>
                <p class="member-meta">
                  {mutualText(from.mutual_count)}
                  {from.mutual_count ? ' · ' : ''}
                  <span>{ago(inv.created_at)}</span>
                  {inv.status === 'ignored' && <span class="pill">Ignored</span>}
                </p>
              </MemberLine>
              {!d && <Note note={inv.note} who={from.display_name} />}
              <div class="inv-actions">
                {d ? (
                  <p class="inv-done" role="status">
                    {d.text}
                    {d.text.startsWith('You and') && <> <Link href={profileHref(from.handle)}>View profile</Link></>}
                  </p>
                ) : (
                  <>
                    <button type="button" class="btn btn-tertiary" disabled={busy === inv.id} onClick={() => act(inv, 'decline')} aria-label={`Decline invitation from ${from.display_name}`}>
                      Decline
                    </button>
                    {inv.status !== 'ignored' && (
                      <button type="button" class="btn btn-secondary" disabled={busy === inv.id} onClick={() => act(inv, 'ignore')} aria-label={`Ignore invitation from ${from.display_name}`}>
                        Ignore
                      </button>
                    )}
                    <button type="button" class="btn btn-primary" disabled={busy === inv.id} onClick={() => act(inv, 'accept')} aria-label={`Accept invitation from ${from.display_name}`}>
                      Accept
                    </button>
                  </>
                )}
              </div>
              {errors[inv.id] && <p class="action-error" role="alert">{errors[inv.id]}</p>}
            </li>
          );
        })}
      </ul>
      {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more</button>}
    </section>
  );
}

function Sent() {
  const { r, items, cursor, more } = useList('/invitations/sent?limit=20', []);
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const [gone, setGone] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const visible = items.filter((i) => !gone.has(i.id));
  return (
    <section aria-labelledby="sent-title">
      <div class="list-head">
        <h2 id="sent-title" class="list-title">Sent</h2>
      </div>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
      {r.data && visible.length === 0 && (
        <div class="empty">
          <IconMail />
          <p>No invitations pending.</p>
          <p class="muted">Find people you know with the search box, and invite them with a personal note.</p>
        </div>
      )}
      <ul class="inv-list">
        {visible.map((inv) => (
          <li class="inv-item" key={inv.id} data-invitation={inv.id}>
            <MemberLine card={inv.to!}>
              <p class="member-meta">Sent {ago(inv.created_at)}</p>
            </MemberLine>
            <Note note={inv.note} who="you" />
            <div class="inv-actions">
              <button type="button" class="btn btn-secondary" onClick={() => { setError(null); setWithdrawing(inv); }} aria-label={`Withdraw invitation to ${inv.to!.display_name}`}>
                Withdraw
              </button>
            </div>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more</button>}
      {withdrawing && (
        <Confirm
          title="Withdraw invitation?"
          confirmLabel="Withdraw"
          busy={busy}
          error={error}
          onClose={() => setWithdrawing(null)}
          onConfirm={async () => {
            setBusy(true);
            setError(null);
            try {
              await del(`/invitations/${withdrawing.id}`);
              setGone(new Set([...gone, withdrawing.id]));
              toast(`Your invitation to ${withdrawing.to!.display_name} is withdrawn.`);
              setWithdrawing(null);
            } catch (e) {
              setError(e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.');
            } finally {
              setBusy(false);
            }
          }}
        >
          <p>{withdrawing.to!.display_name} will no longer see your invitation. You cannot invite {firstName(withdrawing.to!.display_name)} again for 3 weeks.</p>
        </Confirm>
      )}
    </section>
  );
}
