// editors — list inputs shared by the first-run guide and the profile editor.
import { useState } from 'preact/hooks';
import { fieldId, FieldError, FormState } from './form';
import { IconX } from './Icons';

let names: Intl.DisplayNames | null = null;
export function languageName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' });
    const n = names.of(code);
    return n && n !== code ? n : code;
  } catch {
    return code;
  }
}

export const commonLanguages = ['en', 'sv', 'fi', 'da', 'no', 'de', 'fr', 'es', 'nl', 'pl'];

/** Skills as removable chips, added one at a time. */
export function SkillsEditor({ value, onChange, form, name = 'skills', label = 'Skills' }: {
  value: string[];
  onChange: (v: string[]) => void;
  form: FormState;
  name?: string;
  label?: string;
}) {
  const [draft, setDraft] = useState('');
  const id = fieldId(name);
  const error = form.err(name);
  const add = () => {
    const parts = draft.split(',').map((s) => s.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const next = [...value];
    for (const p of parts) if (!next.some((x) => x.toLowerCase() === p.toLowerCase())) next.push(p);
    onChange(next);
    setDraft('');
    form.clear(name);
  };
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>{label}</label>
      <ul class="chips" aria-label={`${label} added`}>
        {value.map((s) => (
          <li class="chip" key={s}>
            <span>{s}</span>
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove ${s}`}
              onClick={() => {
                onChange(value.filter((x) => x !== s));
                form.clear(name);
              }}
            >
              <IconX />
            </button>
          </li>
        ))}
      </ul>
      <div class="input-row">
        <input
          id={id}
          type="text"
          value={draft}
          maxLength={80}
          placeholder="e.g. Lean, Kanban, Value stream mapping"
          aria-describedby={[id + '-hint', error ? id + '-err' : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="btn btn-secondary" onClick={add} disabled={!draft.trim()}>Add</button>
      </div>
      <p class="hint" id={id + '-hint'}>Press Enter or Add after each skill. Three or more make your profile strong.</p>
      <FieldError id={id + '-err'} error={error} />
    </div>
  );
}

/** Languages by ISO 639 code: common ones as checkboxes, others by code. */
export function LanguagesEditor({ value, onChange, form, name = 'languages' }: {
  value: string[];
  onChange: (v: string[]) => void;
  form: FormState;
  name?: string;
}) {
  const [other, setOther] = useState('');
  const id = fieldId(name);
  const error = form.err(name);
  const toggle = (c: string, on: boolean) => {
    onChange(on ? [...value, c] : value.filter((x) => x !== c));
    form.clear(name);
  };
  const extra = value.filter((c) => !commonLanguages.includes(c));
  const addOther = () => {
    const c = other.trim().toLowerCase();
    if (!c) return;
    if (!value.includes(c)) onChange([...value, c]);
    setOther('');
    form.clear(name);
  };
  return (
    <fieldset class={'field lang-field' + (error ? ' has-error' : '')} aria-describedby={error ? id + '-err' : undefined}>
      <legend>Languages you work in</legend>
      <div class="check-grid">
        {[...commonLanguages, ...extra].map((c) => (
          <label class="check" key={c}>
            <input type="checkbox" checked={value.includes(c)} onChange={(e) => toggle(c, (e.currentTarget as HTMLInputElement).checked)} />
            <span>{languageName(c)}</span>
          </label>
        ))}
      </div>
      <label for={id} class="sub-label">Another language (ISO 639 code, such as is, et, ja)</label>
      <div class="input-row">
        <input
          id={id}
          type="text"
          class="input-short"
          value={other}
          maxLength={8}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? id + '-err' : undefined}
          onInput={(e) => setOther((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addOther();
            }
          }}
        />
        <button type="button" class="btn btn-secondary" onClick={addOther} disabled={!other.trim()}>Add</button>
      </div>
      <FieldError id={id + '-err'} error={error} />
    </fieldset>
  );
}
