// The first-run guide: headline, position, skills, languages — with the
// profile strength rising as each step is saved.
import { useState } from 'preact/hooks';
import { Me, patch, Strength } from '../api';
import { navigate } from '../router';
import { session, useStore } from '../store';
import { LanguagesEditor, SkillsEditor } from '../ui/editors';
import { Field, FormError, useForm } from '../ui/form';
import { Link } from '../ui/Link';
import { PageTitle } from '../ui/PageTitle';
import { StrengthMeter } from '../ui/Strength';
import { firstName, profileHref } from '../ui/member';

const steps = ['Headline', 'Position', 'Skills', 'Languages'] as const;

export function Welcome() {
  const me = useStore(session)!;
  const [step, setStep] = useState(0);
  const [strength, setStrength] = useState<Strength>(me.profile_strength);
  const [headline, setHeadline] = useState(me.headline || '');
  const [title, setTitle] = useState(me.position?.title || '');
  const [company, setCompany] = useState(me.position?.company || '');
  const [from, setFrom] = useState(me.position?.from || '');
  const [skills, setSkills] = useState<string[]>(me.skills || []);
  const [languages, setLanguages] = useState<string[]>(me.languages || []);
  const form = useForm();

  const go = (n: number) => {
    form.clear();
    setStep(n);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.guide-step h2')?.focus());
  };

  const save = async (e: Event) => {
    e.preventDefault();
    let body: Record<string, unknown>;
    let known: string[];
    if (step === 0) {
      body = { headline: headline.trim() };
      known = ['headline'];
    } else if (step === 1) {
      if (!title.trim()) {
        form.setError('position.title', 'Enter your job title, or skip this step.');
        return;
      }
      body = { position: { title: title.trim(), company: company.trim(), from: from.trim() || null } };
      known = ['position.title', 'position.company', 'position.from', 'position'];
    } else if (step === 2) {
      body = { skills };
      known = ['skills'];
    } else {
      body = { languages };
      known = ['languages'];
    }
    const r = await form.run(() => patch<Me>('/me/profile', body), known);
    if (!r) return;
    session.set(r);
    setStrength(r.profile_strength);
    go(step + 1);
  };

  const done = step >= steps.length;
  return (
    <div class="page guide">
      <div class="guide-main card">
        <PageTitle title={`Welcome to ties, ${firstName(me.display_name)}`} />
        <p class="lead">Four short steps make your profile findable. People search by headline, position, skills and language — and the stronger your profile, the more they find you.</p>
        <ol class="stepper" aria-label="Steps">
          {steps.map((s, i) => (
            <li class={i < step ? 'done' : i === step ? 'current' : ''} aria-current={i === step ? 'step' : undefined}>
              <span class="step-dot" aria-hidden="true">{i < step ? '✓' : i + 1}</span>
              <span class="step-name">{s}</span>
            </li>
          ))}
        </ol>
        {!done ? (
          <form class="guide-step" onSubmit={save} noValidate>
            {step === 0 && (
              <>
                <h2 tabIndex={-1}>What are you known for?</h2>
                <p class="muted">Your headline follows your name everywhere: in search, in invitations, on your profile. Say what you do and for whom.</p>
                <Field form={form} name="headline" label="Headline" value={headline} onValue={setHeadline} maxLength={220} counter={220} placeholder="Lean consultant helping factories cut lead times" />
              </>
            )}
            {step === 1 && (
              <>
                <h2 tabIndex={-1}>Where do you work now?</h2>
                <p class="muted">Colleagues find you by company; your position shows what you do there.</p>
                <Field form={form} name="position.title" label="Job title" value={title} onValue={setTitle} maxLength={100} placeholder="Senior consultant" />
                <Field form={form} name="position.company" label="Company" value={company} onValue={setCompany} maxLength={100} placeholder="Nordvik Systems" />
                <Field form={form} name="position.from" label="Since" value={from} onValue={setFrom} class="input-short-field" placeholder="YYYY-MM" hint="Year, or year and month: 2019 or 2019-03." inputMode="numeric" />
                {form.err('position') && <p class="field-error" role="alert">⚠ {form.err('position')}</p>}
              </>
            )}
            {step === 2 && (
              <>
                <h2 tabIndex={-1}>What are you good at?</h2>
                <p class="muted">Skills are what people search for. List at least three.</p>
                <SkillsEditor value={skills} onChange={setSkills} form={form} />
              </>
            )}
            {step === 3 && (
              <>
                <h2 tabIndex={-1}>Which languages do you work in?</h2>
                <p class="muted">Search matches your profile in every language you list.</p>
                <LanguagesEditor value={languages} onChange={setLanguages} form={form} />
              </>
            )}
            <FormError form={form} />
            <div class="guide-actions">
              {step > 0 && <button type="button" class="btn btn-tertiary" onClick={() => go(step - 1)}>Back</button>}
              <span class="spacer" />
              <button type="button" class="btn btn-secondary" onClick={() => go(step + 1)}>Skip for now</button>
              <button type="submit" class="btn btn-primary" disabled={form.busy}>Save and continue</button>
            </div>
          </form>
        ) : (
          <div class="guide-step guide-done">
            <h2 tabIndex={-1}>Your profile is {strength.strength}% strong</h2>
            <p class="muted">
              {strength.missing.length
                ? 'Add the rest whenever you like: a summary, past positions and education each make you easier to find and to trust.'
                : 'Your profile is complete. Now find the people you know.'}
            </p>
            <div class="guide-actions">
              <Link class="btn btn-secondary" href={profileHref(me.handle)}>Go to my profile</Link>
              <button type="button" class="btn btn-primary" onClick={() => navigate('/search')}>Find people you know</button>
            </div>
          </div>
        )}
      </div>
      <aside class="guide-side card" aria-label="Your profile strength">
        <StrengthMeter s={strength} />
        <p class="sr-only" aria-live="polite">Profile strength {strength.strength} of 100.</p>
      </aside>
    </div>
  );
}
