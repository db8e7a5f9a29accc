// The profile page, /in/<handle>: what the viewer may see, how they are
// connected, and the actions open to them.  One's own profile is edited in
// place, section by section.
import { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, Card, Education, enc, get, Me, patch, Position, Profile, Visibility } from '../api';
import { navigate } from '../router';
import { session, toast, useStore } from '../store';
import { Avatar } from '../ui/Avatar';
import { DegreeBadge } from '../ui/Degree';
import { languageName, LanguagesEditor, SkillsEditor } from '../ui/editors';
import { Field, FormError, FormState, SelectField, Spinner, LoadError, useForm } from '../ui/form';
import { span } from '../ui/format';
import { IconBriefcase, IconGlobe, IconLock, IconPencil, IconPin, IconPlus, IconSchool, IconX } from '../ui/Icons';
import { Link } from '../ui/Link';
import { useLoad } from '../ui/load';
import { Actions, firstName, MemberLine, mutualText, profileHref } from '../ui/member';
import { PageTitle } from '../ui/PageTitle';
import { StrengthMeter } from '../ui/Strength';

type Section = 'intro' | 'about' | 'experience' | 'education' | 'skills' | 'languages';

export const visibilityText: Record<Visibility, { label: string; hint: string }> = {
  public: { label: 'Everyone', hint: 'Anyone can see your profile, also people who are not signed in.' },
  members: { label: 'Members', hint: 'Every member signed in to this ties server.' },
  network: { label: 'My network', hint: 'Your 1st, 2nd and 3rd-degree connections and your groups.' },
  private: { label: 'Only me', hint: 'Nobody can find, invite or recommend you.' },
};

export function ProfilePage({ handle }: { handle: string }) {
  const me = useStore(session);
  const own = !!me && me.handle === handle;
  const p = useLoad(() => get<Profile>('/profiles/' + enc(handle)), [handle, own ? me : null]);
  const [editing, setEditing] = useState<Section | null>(null);

  if (p.loading && !p.data) return <div class="page"><Spinner label="Loading profile" /></div>;
  if (p.error && !p.data) {
    const nf = p.error instanceof ApiError && p.error.status === 404;
    return (
      <div class="page narrow">
        <PageTitle title={nf ? 'Profile not found' : 'Profile'} />
        <LoadError error={p.error} retry={nf ? undefined : p.reload} />
      </div>
    );
  }
  // One's own profile is edited from /me, which has every field.
  const prof: Profile = own ? { ...p.data!, ...me! } : p.data!;
  const full = own || prof.view !== 'card';
  const editProps = (s: Section) => ({
    editing: editing === s,
    onEdit: own ? () => setEditing(s) : undefined,
    onDone: () => setEditing(null),
  });

  return (
    <div class="page profile-page">
      <div class="profile-main">
        <Intro prof={prof} own={own} signedIn={!!me} onChanged={p.reload} {...editProps('intro')} />
        {own && me!.profile_strength.warnings.length > 0 && (
          <div class="card warning-card" role="note">
            {me!.profile_strength.warnings.map((w) => <p key={w.field}>{w.hint}</p>)}
          </div>
        )}
        {!full && (
          <div class="card limited">
            <IconLock />
            <p>{firstName(prof.display_name)} shows the full profile only to some members. Connect to see more.</p>
          </div>
        )}
        {full && (
          <>
            <About prof={prof} own={own} {...editProps('about')} />
            <Experience prof={prof} own={own} {...editProps('experience')} />
            <EducationSection prof={prof} own={own} {...editProps('education')} />
            <Skills prof={prof} own={own} {...editProps('skills')} />
            <Languages prof={prof} own={own} {...editProps('languages')} />
          </>
        )}
      </div>
      <aside class="profile-side" aria-label={own ? 'Your profile strength' : 'Your connection'}>
        {own && (
          <div class="card">
            <StrengthMeter s={me!.profile_strength} />
            <p class="side-link"><Link href="/welcome">Open the profile guide</Link></p>
          </div>
        )}
        {!own && me && prof.degree != null && prof.degree > 0 && <HowConnected handle={prof.handle} degree={prof.degree} />}
        {!own && me && <Mutual handle={prof.handle} count={prof.mutual_count} />}
      </aside>
    </div>
  );
}

interface SectionProps {
  prof: Profile;
  own: boolean;
  editing: boolean;
  onEdit?: () => void;
  onDone: () => void;
}

function SectionCard({ title, id, onEdit, editing, children, empty }: {
  title: string;
  id: string;
  onEdit?: () => void;
  editing: boolean;
  children: ComponentChildren;
  empty?: boolean;
}) {
  return (
    <section class={'card section' + (empty ? ' section-empty' : '')} aria-labelledby={id}>
      <div class="section-head">
        <h2 id={id}>{title}</h2>
        {onEdit && !editing && (
          <button type="button" class="btn-icon" onClick={onEdit} aria-label={`Edit ${title.toLowerCase()}`}>
            <IconPencil />
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

/** Save/cancel for a section editor; PATCHes only that section's fields. */
function useSectionSave(onDone: () => void) {
  const form = useForm();
  const save = async (body: Record<string, unknown>, known: string[]) => {
    const r = await form.run(() => patch<Me>('/me/profile', body), known);
    if (!r) return false;
    const old = session.get();
    session.set(r);
    toast('Profile saved.');
    onDone();
    if (old && r.handle !== old.handle) navigate(profileHref(r.handle), { replace: true });
    return true;
  };
  return { form, save };
}

function EditButtons({ form, onCancel }: { form: FormState; onCancel: () => void }) {
  return (
    <>
      <FormError form={form} />
      <div class="edit-actions">
        <button type="button" class="btn btn-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" class="btn btn-primary" disabled={form.busy}>{form.busy ? 'Saving…' : 'Save'}</button>
      </div>
    </>
  );
}

function Intro({ prof, own, signedIn, editing, onEdit, onDone, onChanged }: SectionProps & { signedIn: boolean; onChanged: () => void }) {
  const location = [prof.location, prof.industry].filter(Boolean).join(' · ');
  return (
    <section class="card profile-top" aria-labelledby="profile-name">
      <div class="profile-cover" aria-hidden="true" />
      <div class="profile-top-body">
        <div class="profile-avatar">
          <Avatar name={prof.display_name} handle={prof.handle} size="xl" />
        </div>
        {own && !editing && (
          <button type="button" class="btn-icon intro-edit" onClick={onEdit} aria-label="Edit intro">
            <IconPencil />
          </button>
        )}
        {editing ? (
          <IntroEditor me={prof as Me} onDone={onDone} />
        ) : (
          <>
            <PageTitle
              title={prof.display_name}
              visual={
                <span id="profile-name" class="profile-name">
                  {prof.display_name} <DegreeBadge degree={own ? null : prof.degree} />
                </span>
              }
            />
            {prof.headline ? <p class="profile-headline">{prof.headline}</p> : own ? <p class="profile-headline muted">Add a headline: what you are known for.</p> : null}
            {prof.position?.title && (
              <p class="profile-position">
                <IconBriefcase />
                <span>
                  {prof.position.title}
                  {prof.position.company ? <> at <strong>{prof.position.company}</strong></> : null}
                </span>
              </p>
            )}
            {location && (
              <p class="profile-location">
                <IconPin />
                {location}
              </p>
            )}
            {own && prof.visibility && (
              <p class="profile-visibility">
                {prof.visibility === 'public' ? <IconGlobe /> : <IconLock />}
                Visible to: {visibilityText[prof.visibility].label}
              </p>
            )}
            {!own && !!prof.mutual_count && (
              <p class="profile-mutual">
                <a href="#mutual-title">{mutualText(prof.mutual_count)}</a>
              </p>
            )}
            {!own && signedIn && prof.actions && (
              <Actions
                card={prof}
                onChange={(_, what) => {
                  // A blocked member's profile is no longer visible: leave it.
                  if (what === 'block') navigate('/', { replace: true });
                  else onChanged();
                }}
              />
            )}
            {!signedIn && (
              <div class="actions">
                <Link class="btn btn-primary" href={'/signin?next=' + enc(profileHref(prof.handle))}>Sign in to connect</Link>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function IntroEditor({ me, onDone }: { me: Me; onDone: () => void }) {
  const [name, setName] = useState(me.display_name);
  const [headline, setHeadline] = useState(me.headline || '');
  const [location, setLocation] = useState(me.location || '');
  const [industry, setIndustry] = useState(me.industry || '');
  const [handle, setHandle] = useState(me.handle);
  const [visibility, setVisibility] = useState<Visibility>(me.visibility || 'public');
  const { form, save } = useSectionSave(onDone);
  return (
    <form
      class="section-form intro-form"
      aria-label="Edit intro"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body: Record<string, unknown> = {
          display_name: name.trim(),
          headline: headline.trim(),
          location: location.trim(),
          industry: industry.trim(),
          visibility,
        };
        if (handle.trim() !== me.handle) body.handle = handle.trim();
        save(body, ['display_name', 'headline', 'location', 'industry', 'handle', 'visibility']);
      }}
    >
      <h2 class="form-title">Edit intro</h2>
      <Field form={form} name="display_name" label="Name" value={name} onValue={setName} maxLength={100} autoComplete="name" />
      <Field form={form} name="headline" label="Headline" value={headline} onValue={setHeadline} counter={220} hint="What you are known for, in one line." />
      <div class="field-pair">
        <Field form={form} name="location" label="Location" value={location} onValue={setLocation} placeholder="Göteborg, Sweden" />
        <Field form={form} name="industry" label="Industry" value={industry} onValue={setIndustry} placeholder="Management consulting" />
      </div>
      <Field form={form} name="handle" label="Profile address" value={handle} onValue={setHandle} hint={`${window.location.host}/in/${handle || '…'} — 3 to 40 letters a-z, digits and hyphens.`} autoComplete="off" />
      <SelectField
        form={form}
        name="visibility"
        label="Who can see your profile"
        value={visibility}
        onValue={(v) => setVisibility(v as Visibility)}
        hint={visibilityText[visibility].hint + (visibility === 'private' ? ' A private profile is the most common beginner mistake.' : '')}
      >
        {(Object.keys(visibilityText) as Visibility[]).map((v) => (
          <option value={v}>{visibilityText[v].label}</option>
        ))}
      </SelectField>
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function About({ prof, own, editing, onEdit, onDone }: SectionProps) {
  if (!own && !prof.summary) return null;
  return (
    <SectionCard title="About" id="about-title" onEdit={onEdit} editing={editing} empty={!prof.summary}>
      {editing ? (
        <AboutEditor me={prof as Me} onDone={onDone} />
      ) : prof.summary ? (
        <p class="summary">{prof.summary}</p>
      ) : (
        <p class="muted">Who do you help, and how? A summary of 100 characters or more makes your profile stronger.</p>
      )}
    </SectionCard>
  );
}

function AboutEditor({ me, onDone }: { me: Me; onDone: () => void }) {
  const [summary, setSummary] = useState(me.summary || '');
  const { form, save } = useSectionSave(onDone);
  return (
    <form class="section-form" noValidate onSubmit={(e) => { e.preventDefault(); save({ summary: summary.trim() }, ['summary']); }}>
      <Field form={form} name="summary" label="Summary" multiline rows={7} counter={2600} value={summary} onValue={setSummary} hint="Who you help and how; at least 100 characters." />
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function PositionItem({ pos, current }: { pos: Position; current?: boolean }) {
  return (
    <li class="timeline-item">
      <span class="timeline-icon" aria-hidden="true"><IconBriefcase /></span>
      <div>
        <p class="item-title">{pos.title}</p>
        {pos.company && <p class="item-sub">{pos.company}</p>}
        {(pos.from || pos.to || current) && <p class="item-meta">{span(pos.from, pos.to, current)}</p>}
      </div>
    </li>
  );
}

function Experience({ prof, own, editing, onEdit, onDone }: SectionProps) {
  const past = prof.past_positions || [];
  if (!own && !prof.position && past.length === 0) return null;
  return (
    <SectionCard title="Experience" id="experience-title" onEdit={onEdit} editing={editing} empty={!prof.position && !past.length}>
      {editing ? (
        <ExperienceEditor me={prof as Me} onDone={onDone} />
      ) : prof.position || past.length ? (
        <ul class="timeline">
          {prof.position && <PositionItem pos={prof.position} current />}
          {past.map((p) => <PositionItem pos={p} />)}
        </ul>
      ) : (
        <p class="muted">Add your current and past positions.</p>
      )}
    </SectionCard>
  );
}

interface PosDraft { title: string; company: string; from: string; to: string }
const toDraft = (p?: Position | null): PosDraft => ({ title: p?.title || '', company: p?.company || '', from: p?.from || '', to: p?.to || '' });
const fromDraft = (d: PosDraft, current: boolean): Position => {
  const p: Position = { title: d.title.trim(), company: d.company.trim(), from: d.from.trim() || null };
  if (!current) p.to = d.to.trim() || null;
  return p;
};

function PositionFields({ d, set, prefix, form, current }: { d: PosDraft; set: (d: PosDraft) => void; prefix: string; form: FormState; current?: boolean }) {
  const groupErr = form.err(prefix);
  return (
    <div class={'position-fields' + (groupErr ? ' has-error' : '')}>
      <div class="field-pair">
        <Field form={form} name={prefix + '.title'} label="Title" value={d.title} onValue={(v) => set({ ...d, title: v })} maxLength={100} />
        <Field form={form} name={prefix + '.company'} label="Company" value={d.company} onValue={(v) => set({ ...d, company: v })} maxLength={100} />
      </div>
      <div class="field-pair">
        <Field form={form} name={prefix + '.from'} label="From" placeholder="YYYY-MM" value={d.from} onValue={(v) => set({ ...d, from: v })} inputMode="numeric" />
        {!current && <Field form={form} name={prefix + '.to'} label="To" placeholder="YYYY-MM" value={d.to} onValue={(v) => set({ ...d, to: v })} inputMode="numeric" />}
      </div>
      {groupErr && <p class="field-error" role="alert" id={prefix.replace(/[^a-z0-9_]+/gi, '-') + '-group-err'}>⚠ {groupErr}</p>}
    </div>
  );
}

function ExperienceEditor({ me, onDone }: { me: Me; onDone: () => void }) {
  const [cur, setCur] = useState<PosDraft>(toDraft(me.position));
  const [past, setPast] = useState<PosDraft[]>((me.past_positions || []).map(toDraft));
  const { form, save } = useSectionSave(onDone);
  const known = ['position', 'past_positions'];
  for (const f of ['title', 'company', 'from', 'to']) {
    known.push('position.' + f);
    past.forEach((_, i) => known.push(`past_positions[${i}].${f}`));
  }
  past.forEach((_, i) => known.push(`past_positions[${i}]`));
  return (
    <form
      class="section-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(
          {
            position: cur.title.trim() || cur.company.trim() ? fromDraft(cur, true) : null,
            past_positions: past.filter((p) => p.title.trim() || p.company.trim() || p.from || p.to).map((p) => fromDraft(p, false)),
          },
          known,
        );
      }}
    >
      <fieldset class="subsection">
        <legend>Current position</legend>
        <PositionFields d={cur} set={setCur} prefix="position" form={form} current />
      </fieldset>
      <fieldset class="subsection">
        <legend>Past positions</legend>
        {form.err('past_positions') && <p class="field-error" role="alert">⚠ {form.err('past_positions')}</p>}
        {past.map((p, i) => (
          <div class="list-editor-item">
            <PositionFields d={p} set={(d) => setPast(past.map((x, j) => (j === i ? d : x)))} prefix={`past_positions[${i}]`} form={form} />
            <button type="button" class="btn btn-tertiary btn-sm" onClick={() => setPast(past.filter((_, j) => j !== i))}>
              <IconX />Remove {p.title || 'this position'}
            </button>
          </div>
        ))}
        <button type="button" class="btn btn-tertiary" onClick={() => setPast([...past, toDraft(null)])}>
          <IconPlus />Add a past position
        </button>
      </fieldset>
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function EducationSection({ prof, own, editing, onEdit, onDone }: SectionProps) {
  const ed = prof.education || [];
  if (!own && ed.length === 0) return null;
  return (
    <SectionCard title="Education" id="education-title" onEdit={onEdit} editing={editing} empty={!ed.length}>
      {editing ? (
        <EducationEditor me={prof as Me} onDone={onDone} />
      ) : ed.length ? (
        <ul class="timeline">
          {ed.map((e) => (
            <li class="timeline-item">
              <span class="timeline-icon" aria-hidden="true"><IconSchool /></span>
              <div>
                <p class="item-title">{e.school}</p>
                {(e.degree || e.field) && <p class="item-sub">{[e.degree, e.field].filter(Boolean).join(', ')}</p>}
                {(e.from || e.to) && <p class="item-meta">{[e.from, e.to].filter(Boolean).join(' – ')}</p>}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Add your education.</p>
      )}
    </SectionCard>
  );
}

interface EdDraft { school: string; degree: string; field: string; from: string; to: string }

function year(s: string): number | string | null {
  const t = s.trim();
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : t; // let the server say what is wrong with anything else
}

function EducationEditor({ me, onDone }: { me: Me; onDone: () => void }) {
  const [list, setList] = useState<EdDraft[]>(
    (me.education || []).map((e) => ({ school: e.school, degree: e.degree || '', field: e.field || '', from: e.from ? String(e.from) : '', to: e.to ? String(e.to) : '' })),
  );
  const { form, save } = useSectionSave(onDone);
  const known = ['education'];
  list.forEach((_, i) => ['school', 'degree', 'field', 'from', 'to'].forEach((f) => known.push(`education[${i}].${f}`)));
  const set = (i: number, d: EdDraft) => setList(list.map((x, j) => (j === i ? d : x)));
  return (
    <form
      class="section-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(
          {
            education: list
              .filter((x) => x.school.trim() || x.degree.trim() || x.field.trim())
              .map((x) => ({ school: x.school.trim(), degree: x.degree.trim(), field: x.field.trim(), from: year(x.from), to: year(x.to) }) as unknown as Education),
          },
          known,
        );
      }}
    >
      {form.err('education') && <p class="field-error" role="alert">⚠ {form.err('education')}</p>}
      {list.map((x, i) => (
        <div class="list-editor-item">
          <Field form={form} name={`education[${i}].school`} label="School" value={x.school} onValue={(v) => set(i, { ...x, school: v })} maxLength={100} />
          <div class="field-pair">
            <Field form={form} name={`education[${i}].degree`} label="Degree" value={x.degree} onValue={(v) => set(i, { ...x, degree: v })} />
            <Field form={form} name={`education[${i}].field`} label="Field of study" value={x.field} onValue={(v) => set(i, { ...x, field: v })} />
          </div>
          <div class="field-pair">
            <Field form={form} name={`education[${i}].from`} label="From (year)" value={x.from} onValue={(v) => set(i, { ...x, from: v })} inputMode="numeric" />
            <Field form={form} name={`education[${i}].to`} label="To (year)" value={x.to} onValue={(v) => set(i, { ...x, to: v })} inputMode="numeric" />
          </div>
          <button type="button" class="btn btn-tertiary btn-sm" onClick={() => setList(list.filter((_, j) => j !== i))}>
            <IconX />Remove {x.school || 'this school'}
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-tertiary" onClick={() => setList([...list, { school: '', degree: '', field: '', from: '', to: '' }])}>
        <IconPlus />Add education
      </button>
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function Skills({ prof, own, editing, onEdit, onDone }: SectionProps) {
  const skills = prof.skills || [];
  if (!own && skills.length === 0) return null;
  return (
    <SectionCard title="Skills" id="skills-title" onEdit={onEdit} editing={editing} empty={!skills.length}>
      {editing ? (
        <SkillsForm me={prof as Me} onDone={onDone} />
      ) : skills.length ? (
        <ul class="tags">{skills.map((s) => <li class="tag">{s}</li>)}</ul>
      ) : (
        <p class="muted">List at least three skills: they are what people search for.</p>
      )}
    </SectionCard>
  );
}

function SkillsForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const [skills, setSkills] = useState<string[]>(me.skills || []);
  const { form, save } = useSectionSave(onDone);
  return (
    <form class="section-form" noValidate onSubmit={(e) => { e.preventDefault(); save({ skills }, ['skills']); }}>
      <SkillsEditor value={skills} onChange={setSkills} form={form} />
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function Languages({ prof, own, editing, onEdit, onDone }: SectionProps) {
  const langs = prof.languages || [];
  if (!own && langs.length === 0) return null;
  return (
    <SectionCard title="Languages" id="languages-title" onEdit={onEdit} editing={editing} empty={!langs.length}>
      {editing ? (
        <LanguagesForm me={prof as Me} onDone={onDone} />
      ) : langs.length ? (
        <ul class="tags">{langs.map((l) => <li class="tag" lang={l}>{languageName(l)}</li>)}</ul>
      ) : (
        <p class="muted">Which languages do you work in?</p>
      )}
    </SectionCard>
  );
}

function LanguagesForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const [langs, setLangs] = useState<string[]>(me.languages || []);
  const { form, save } = useSectionSave(onDone);
  return (
    <form class="section-form" noValidate onSubmit={(e) => { e.preventDefault(); save({ languages: langs }, ['languages']); }}>
      <LanguagesEditor value={langs} onChange={setLangs} form={form} />
      <EditButtons form={form} onCancel={onDone} />
    </form>
  );
}

function HowConnected({ handle, degree }: { handle: string; degree: number }) {
  const r = useLoad(() => get<{ degree: number | null; path: Card[] | null }>(`/members/${enc(handle)}/path`), [handle, degree]);
  if (!r.data?.path || r.data.path.length < 2) return null;
  const path = r.data.path;
  return (
    <section class="card side-card" aria-labelledby="path-title">
      <h2 id="path-title">How you're connected</h2>
      <ol class="path" aria-label={`Path from you to ${path[path.length - 1].display_name}`}>
        {path.map((c, i) => (
          <li class="path-step">
            <Link href={profileHref(c.handle)} class="path-link">
              <Avatar name={c.display_name} handle={c.handle} size="sm" />
              <span class="path-name">{i === 0 ? 'You' : c.display_name}</span>
              {i > 0 && i < path.length - 1 && c.headline && <span class="path-headline">{c.headline}</span>}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Mutual({ handle, count }: { handle: string; count?: number }) {
  const [extra, setExtra] = useState<Card[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const r = useLoad(async () => {
    const d = await get<{ count: number; members: Card[]; next_cursor?: string | null }>(`/members/${enc(handle)}/mutual?limit=5`);
    setExtra([]);
    setCursor(d.next_cursor);
    return d;
  }, [handle, count]);
  if (!r.data || r.data.count === 0) return null;
  const more = async () => {
    const d = await get<{ members: Card[]; next_cursor?: string | null }>(`/members/${enc(handle)}/mutual?limit=20&cursor=${enc(cursor!)}`);
    setExtra([...extra, ...d.members]);
    setCursor(d.next_cursor);
  };
  return (
    <section class="card side-card" aria-labelledby="mutual-title">
      <h2 id="mutual-title" tabIndex={-1}>{mutualText(r.data.count)}</h2>
      <ul class="member-list compact">
        {[...r.data.members, ...extra].map((c) => (
          <li><MemberLine card={c} size="sm" /></li>
        ))}
      </ul>
      {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more</button>}
    </section>
  );
}
