// form — fields with their error next to them, and the hook that routes an
// API error to the field at fault.  Inputs are controlled: a failed request
// never clears what the member typed.
import { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, detailPath, friendly } from '../api';

export function fieldId(field: string): string {
  return 'f-' + field.replace(/[^a-zA-Z0-9_]+/g, '-').replace(/-+$/, '');
}

/** The known field a server field path belongs to: "past_positions[0].title" →
 * itself if known, else "past_positions[0]", else "past_positions". */
export function resolveField(field: string, known: string[]): string | null {
  let f = field;
  for (;;) {
    if (known.includes(f)) return f;
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    if (cut <= 0) return null;
    f = f.slice(0, cut);
  }
}

export interface FormState {
  errors: Record<string, string>;
  formError: string | null;
  busy: boolean;
  /** Runs fn; on ApiError puts the message next to the right field (or the form). */
  run: <T>(fn: () => Promise<T>, known?: string[]) => Promise<T | undefined>;
  clear: (field?: string) => void;
  setError: (field: string | null, msg: string) => void;
  err: (field: string) => string | undefined;
}

export function useForm(scope?: { current: HTMLElement | null }): FormState {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const focusField = (field: string) => {
    requestAnimationFrame(() => {
      const root: ParentNode = scope?.current || document;
      const el = root.querySelector<HTMLElement>('#' + CSS.escape(fieldId(field)));
      el?.focus();
    });
  };

  const setError = (field: string | null, msg: string) => {
    if (field) {
      setErrors((e) => ({ ...e, [field]: msg }));
      focusField(field);
    } else setFormError(msg);
  };

  return {
    errors,
    formError,
    busy,
    err: (f) => errors[f],
    clear(field?: string) {
      if (field === undefined) {
        setErrors({});
        setFormError(null);
      } else if (errors[field]) setErrors((e) => {
        const n = { ...e };
        delete n[field];
        return n;
      });
    },
    setError,
    async run<T>(fn: () => Promise<T>, known: string[] = []) {
      if (busyRef.current) return undefined;
      busyRef.current = true;
      setBusy(true);
      setErrors({});
      setFormError(null);
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof ApiError)) {
          setFormError('Something went wrong. What you typed is kept; please try again.');
          console.error(e);
          return undefined;
        }
        const target = e.field ? resolveField(detailPath(e) || e.field, known) : null;
        if (target) setError(target, friendly(e));
        else setFormError(friendly(e));
        return undefined;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
  };
}

interface InputProps {
  type?: string;
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  inputMode?: string;
  readOnly?: boolean;
}

interface FieldProps extends InputProps {
  label: ComponentChildren;
  name: string;
  value: string;
  onValue: (v: string) => void;
  form: FormState;
  hint?: ComponentChildren;
  multiline?: boolean;
  rows?: number;
  counter?: number;
  class?: string;
}

/** A labelled input (or textarea) with its hint and its error, tied together for screen readers. */
export function Field({ label, name, value, onValue, form, hint, multiline, rows, counter, class: cls, ...rest }: FieldProps) {
  const id = fieldId(name);
  const error = form.err(name);
  const describedBy = [hint ? id + '-hint' : '', error ? id + '-err' : '', counter ? id + '-count' : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    onInput: (e: Event) => {
      onValue((e.currentTarget as HTMLInputElement).value);
      form.clear(name);
    },
  };
  return (
    <div class={'field' + (error ? ' has-error' : '') + (cls ? ' ' + cls : '')}>
      <label for={id}>{label}</label>
      {multiline ? <textarea {...(rest as any)} {...common} rows={rows || 4} /> : <input type="text" {...(rest as any)} {...common} />}
      {(hint || counter) && (
        <div class="field-meta">
          {hint && <p class="hint" id={id + '-hint'}>{hint}</p>}
          {counter ? (
            <p class={'counter' + (value.length > counter ? ' over' : '')} id={id + '-count'} aria-live="polite">
              {value.length}/{counter}
            </p>
          ) : null}
        </div>
      )}
      <FieldError id={id + '-err'} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return (
    <p class="field-error" id={id} role="alert" hidden={!error}>
      {error ? <><span aria-hidden="true">⚠ </span>{error}</> : null}
    </p>
  );
}

export function FormError({ form }: { form: FormState }) {
  return (
    <div class="form-error" role="alert" hidden={!form.formError}>
      {form.formError}
    </div>
  );
}

export function SelectField({ label, name, value, onValue, form, hint, children }: {
  label: ComponentChildren; name: string; value: string; onValue: (v: string) => void; form: FormState; hint?: ComponentChildren; children: ComponentChildren;
}) {
  const id = fieldId(name);
  const error = form.err(name);
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hint ? id + '-hint' : '', error ? id + '-err' : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          onValue((e.currentTarget as HTMLSelectElement).value);
          form.clear(name);
        }}
      >
        {children}
      </select>
      {hint && <p class="hint" id={id + '-hint'}>{hint}</p>}
      <FieldError id={id + '-err'} error={error} />
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div class="spinner" role="status">
      <span class="spinner-dot" aria-hidden="true" />
      <span class="sr-only">{label}…</span>
    </div>
  );
}

/** A page-level failure to load, with a retry. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const msg = error instanceof ApiError
    ? error.status === 404 ? 'This page does not exist, or it is not visible to you.' : friendly(error)
    : 'Something went wrong while loading.';
  return (
    <div class="card load-error" role="alert">
      <p>{msg}</p>
      {retry && <button type="button" class="btn btn-secondary" onClick={retry}>Try again</button>}
    </div>
  );
}
