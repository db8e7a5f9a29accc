import { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get, Me, post } from '../api';
import { navigate, useRoute } from '../router';
import { refreshBadges, session } from '../store';
import { Field, FormError, useForm } from '../ui/form';
import { Link } from '../ui/Link';
import { PageTitle } from '../ui/PageTitle';

function AuthShell({ title, children, aside }: { title: string; children: ComponentChildren; aside?: ComponentChildren }) {
  return (
    <div class="auth">
      <div class="auth-card card">
        <PageTitle title={title} />
        {children}
      </div>
      {aside}
    </div>
  );
}

/** Only same-site paths may be a destination after signing in. */
function safeNext(n: string | null): string | null {
  return n && n.startsWith('/') && !n.startsWith('//') ? n : null;
}

export function SignIn() {
  const { query } = useRoute();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await form.run(() => post<{ member: Me }>('/auth/signin', { email: email.trim(), password, session: 'cookie' }), ['email', 'password']);
    if (!r) return;
    // Navigate and set the session in one tick, so the page never flashes the
    // "signed in on the sign-in page" redirect.
    const me = await get<Me>('/me').catch(() => r.member);
    navigate(safeNext(query.get('next')) || '/', { replace: true });
    session.set(me);
    refreshBadges();
  };
  return (
    <AuthShell title="Sign in">
      <p class="auth-lead">Welcome back to your professional network.</p>
      {query.get('deleted') && <p class="notice" role="status">Your account is deleted. Everything you owned is gone.</p>}
      <p class="demo-hint" data-testid="demo-hint">
        Demo: <strong>astrid@demo.ties</strong> / <strong>demo-password-2026</strong>
      </p>
      <form onSubmit={submit} noValidate>
        <Field form={form} name="email" label="Email" type="email" autoComplete="username" value={email} onValue={setEmail} required />
        <Field form={form} name="password" label="Password" type="password" autoComplete="current-password" value={password} onValue={setPassword} required />
        <FormError form={form} />
        <button type="submit" class="btn btn-primary btn-block" disabled={form.busy}>
          {form.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="auth-switch">
        New to ties? <Link href="/signup">Join now</Link>
      </p>
    </AuthShell>
  );
}

export function SignUp() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return form.setError('display_name', 'Enter your name as colleagues know it.');
    const r = await form.run(
      () => post<{ member: Me }>('/auth/signup', { display_name: name.trim(), email: email.trim(), password, session: 'cookie' }),
      ['display_name', 'email', 'password', 'handle'],
    );
    if (!r) return;
    const me = await get<Me>('/me').catch(() => r.member);
    navigate('/welcome', { replace: true });
    session.set(me);
  };
  return (
    <AuthShell title="Join ties">
      <p class="auth-lead">Become known for what you are good at — in your own organisation's network.</p>
      <form onSubmit={submit} noValidate>
        <Field form={form} name="display_name" label="Full name" autoComplete="name" value={name} onValue={setName} required maxLength={100} />
        <Field form={form} name="email" label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} required />
        <Field form={form} name="password" label="Password" type="password" autoComplete="new-password" value={password} onValue={setPassword} required hint="At least 10 characters." />
        <FormError form={form} />
        <button type="submit" class="btn btn-primary btn-block" disabled={form.busy}>
          {form.busy ? 'Creating your account…' : 'Agree and join'}
        </button>
      </form>
      <p class="auth-switch">
        Already on ties? <Link href="/signin">Sign in</Link>
      </p>
    </AuthShell>
  );
}
