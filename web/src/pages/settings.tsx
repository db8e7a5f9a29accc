// Settings: auto-accept rule, password, blocked members, account deletion.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, enc, friendly, get, patch, post, Settings } from '../api';
import { navigate } from '../router';
import { session, toast, useStore } from '../store';
import { Confirm } from '../ui/Dialog';
import { Field, FieldError, fieldId, FormError, LoadError, Spinner, useForm } from '../ui/form';
import { useLoad } from '../ui/load';
import { PageTitle } from '../ui/PageTitle';
import { Link } from '../ui/Link';
import { profileHref } from '../ui/member';

export function SettingsPage() {
  const me = useStore(session)!;
  return (
    <div class="page narrow settings">
      <PageTitle title="Settings" />
      <section class="card section" aria-labelledby="acct-title">
        <h2 id="acct-title">Account</h2>
        <dl class="facts">
          <div><dt>Email</dt><dd>{me.email}</dd></div>
          <div><dt>Profile</dt><dd><Link href={profileHref(me.handle)}>/in/{me.handle}</Link></dd></div>
          <div><dt>Account</dt><dd class="cap">{me.kind}</dd></div>
        </dl>
      </section>
      <AutoAccept />
      <Password />
      <Blocked />
      <DeleteAccount />
    </div>
  );
}

function AutoAccept() {
  const r = useLoad(() => get<Settings>('/me/settings'), []);
  const [rule, setRule] = useState<Settings['auto_accept']>('off');
  const [below, setBelow] = useState('200');
  const form = useForm();
  useEffect(() => {
    if (r.data) {
      setRule(r.data.auto_accept);
      setBelow(String(r.data.auto_accept_below ?? 200));
    }
  }, [r.data]);
  const belowId = fieldId('auto_accept_below');
  return (
    <section class="card section" aria-labelledby="aa-title">
      <h2 id="aa-title">Incoming invitations</h2>
      <p class="muted">While your network is new, accepting broadly helps it grow; later, become selective. ties can accept for you by a rule.</p>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
      {r.data && (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const body: Record<string, unknown> = { auto_accept: rule };
            if (rule === 'below') body.auto_accept_below = /^\d+$/.test(below.trim()) ? Number(below.trim()) : below;
            const res = await form.run(() => patch<Settings>('/me/settings', body), ['auto_accept', 'auto_accept_below']);
            if (res !== undefined) toast('Invitation settings saved.');
          }}
        >
          <fieldset class="radio-group" aria-describedby={form.err('auto_accept') ? fieldId('auto_accept') + '-err' : undefined}>
            <legend>Accept invitations automatically</legend>
            <label class="radio">
              <input type="radio" name="auto_accept" id={fieldId('auto_accept')} value="off" checked={rule === 'off'} onChange={() => setRule('off')} />
              <span><strong>Never</strong><span class="radio-hint">I decide on every invitation myself.</span></span>
            </label>
            <label class="radio">
              <input type="radio" name="auto_accept" value="below" checked={rule === 'below'} onChange={() => setRule('below')} />
              <span><strong>While I have few connections</strong><span class="radio-hint">Accept everyone until I reach the number below.</span></span>
            </label>
            {rule === 'below' && (
              <div class={'field nested' + (form.err('auto_accept_below') ? ' has-error' : '')}>
                <label for={belowId}>Accept everyone while I have fewer than</label>
                <div class="input-row">
                  <input
                    id={belowId}
                    class="input-short"
                    inputMode="numeric"
                    value={below}
                    aria-invalid={form.err('auto_accept_below') ? 'true' : undefined}
                    aria-describedby={form.err('auto_accept_below') ? belowId + '-err' : undefined}
                    onInput={(e) => { setBelow((e.currentTarget as HTMLInputElement).value); form.clear('auto_accept_below'); }}
                  />
                  <span>connections</span>
                </div>
                <FieldError id={belowId + '-err'} error={form.err('auto_accept_below')} />
              </div>
            )}
            <label class="radio">
              <input type="radio" name="auto_accept" value="second" checked={rule === 'second'} onChange={() => setRule('second')} />
              <span><strong>People my connections know</strong><span class="radio-hint">Accept invitations from 2nd-degree members.</span></span>
            </label>
            <FieldError id={fieldId('auto_accept') + '-err'} error={form.err('auto_accept')} />
          </fieldset>
          <FormError form={form} />
          <div class="edit-actions">
            <button type="submit" class="btn btn-primary" disabled={form.busy}>Save</button>
          </div>
        </form>
      )}
    </section>
  );
}

function Password() {
  const [cur, setCur] = useState('');
  const [next, setNext] = useState('');
  const form = useForm();
  return (
    <section class="card section" aria-labelledby="pw-title">
      <h2 id="pw-title">Change password</h2>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await form.run(async () => {
            await post('/auth/password', { current_password: cur, new_password: next });
            return true;
          }, ['current_password', 'new_password']);
          if (ok) {
            setCur('');
            setNext('');
            toast('Password changed. Your other sessions are signed out.');
          }
        }}
      >
        <input type="text" name="username" autoComplete="username" value={session.get()?.email} hidden readOnly />
        <Field form={form} name="current_password" label="Current password" type="password" autoComplete="current-password" value={cur} onValue={setCur} />
        <Field form={form} name="new_password" label="New password" type="password" autoComplete="new-password" value={next} onValue={setNext} hint="At least 10 characters. Your other sessions will be signed out." />
        <FormError form={form} />
        <div class="edit-actions">
          <button type="submit" class="btn btn-primary" disabled={form.busy}>Change password</button>
        </div>
      </form>
    </section>
  );
}

function Blocked() {
  const r = useLoad(() => get<{ members: { handle: string; display_name: string }[] }>('/me/blocks'), []);
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="card section" aria-labelledby="blocked-title">
      <h2 id="blocked-title">Blocked members</h2>
      {r.error ? <p class="muted">The list of blocked members is not available right now.</p> : null}
      {r.data && r.data.members.length === 0 && <p class="muted">You have blocked nobody.</p>}
      <ul class="plain-list">
        {r.data?.members.map((m) => (
          <li class="plain-item">
            <span>{m.display_name}</span>
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              onClick={async () => {
                setError(null);
                try {
                  await del(`/members/${enc(m.handle)}/block`);
                  toast(`${m.display_name} is unblocked.`);
                  r.reload();
                } catch (e) {
                  setError(e instanceof ApiError ? friendly(e) : 'Something went wrong.');
                }
              }}
            >
              Unblock <span class="sr-only">{m.display_name}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && <p class="action-error" role="alert">{error}</p>}
    </section>
  );
}

function DeleteAccount() {
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useForm();
  return (
    <section class="card section danger-zone" aria-labelledby="del-title">
      <h2 id="del-title">Delete account</h2>
      <p class="muted">Deleting your account removes your profile, your connections and everything you own on this server. It cannot be undone.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!password) {
            form.setError('password', 'Enter your password to delete your account.');
            return;
          }
          setConfirming(true);
        }}
      >
        <input type="text" name="username" autoComplete="username" value={session.get()?.email} hidden readOnly />
        <Field form={form} name="password" label="Your password" type="password" autoComplete="current-password" value={password} onValue={setPassword} />
        <FormError form={form} />
        <div class="edit-actions">
          <button type="submit" class="btn btn-danger">Delete my account…</button>
        </div>
      </form>
      {confirming && (
        <Confirm
          title="Delete your account?"
          confirmLabel="Delete for good"
          danger
          busy={form.busy}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            const ok = await form.run(async () => {
              await del('/me', { password });
              return true;
            }, ['password']);
            if (ok) {
              session.set(null);
              navigate('/signin?deleted=1', { replace: true });
            }
          }}
        >
          <p>Your profile, connections and invitations are removed at once. This cannot be undone.</p>
        </Confirm>
      )}
    </section>
  );
}
