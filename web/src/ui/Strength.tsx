import { Strength } from '../api';

export function strengthLevel(n: number): { label: string; cls: string } {
  if (n >= 100) return { label: 'All-star', cls: 'lvl-4' };
  if (n >= 70) return { label: 'Strong', cls: 'lvl-3' };
  if (n >= 40) return { label: 'Getting there', cls: 'lvl-2' };
  return { label: 'Beginner', cls: 'lvl-1' };
}

const fieldNames: Record<string, string> = {
  headline: 'Headline',
  summary: 'Summary',
  position: 'Current position',
  past_positions: 'Past position',
  education: 'Education',
  skills: 'Skills',
  location: 'Location',
  industry: 'Industry',
  languages: 'Languages',
};

/** Profile strength as a bar, with what is still missing and what each item is worth. */
export function StrengthMeter({ s, compact, title = 'Profile strength' }: { s: Strength; compact?: boolean; title?: string }) {
  const lvl = strengthLevel(s.strength);
  return (
    <section class={'strength ' + lvl.cls} aria-label={title}>
      <div class="strength-head">
        <span class="strength-title">{title}</span>
        <span class="strength-value" data-testid="strength-value">
          <strong>{s.strength}</strong>
          <span class="sr-only"> out of 100</span>
          <span aria-hidden="true">%</span> · {lvl.label}
        </span>
      </div>
      <div class="meter" role="progressbar" aria-label={title} aria-valuemin={0} aria-valuemax={100} aria-valuenow={s.strength} aria-valuetext={`${s.strength} of 100, ${lvl.label}`}>
        <div class="meter-fill" style={{ width: s.strength + '%' }} />
      </div>
      {!compact && s.missing.length > 0 && (
        <>
          <p class="strength-sub">Still missing:</p>
          <ul class="missing-list">
            {s.missing.map((m) => (
              <li key={m.field} data-field={m.field}>
                <span class="missing-points">+{m.points}</span>
                <span>
                  <span class="missing-name">{fieldNames[m.field] || m.field}</span>
                  <span class="missing-hint">{m.hint}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {!compact && s.missing.length === 0 && <p class="strength-sub">Your profile is complete. Keep it current.</p>}
      {s.warnings.map((w) => (
        <p class="warning" key={w.field} role="note">{w.hint}</p>
      ))}
    </section>
  );
}
