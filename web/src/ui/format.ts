const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-03" → "Mar 2019"; "2019" → "2019". */
export function ym(s: string | null | undefined): string {
  if (!s) return '';
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(s);
  if (!m) return s;
  return m[2] ? `${months[Number(m[2]) - 1] || m[2]} ${m[1]}` : m[1];
}

export function span(from?: string | null, to?: string | null, current = false): string {
  const a = ym(from), b = current ? 'Present' : ym(to);
  if (a && b) return `${a} – ${b}`;
  return a || b;
}

/** Timestamps from the API: epoch milliseconds (or seconds, accepted too). */
export function toDate(t: number | string | null | undefined): Date | null {
  if (t == null) return null;
  if (typeof t === 'string') {
    const d = new Date(t);
    return isNaN(d.getTime()) ? null : d;
  }
  return new Date(t < 1e11 ? t * 1000 : t);
}

const rtf = typeof Intl !== 'undefined' ? new Intl.RelativeTimeFormat('en', { numeric: 'auto' }) : null;

export function ago(t: number | string | null | undefined): string {
  const d = toDate(t);
  if (!d) return '';
  const s = (d.getTime() - Date.now()) / 1000;
  const abs = Math.abs(s);
  if (!rtf) return d.toLocaleDateString();
  if (abs < 60) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(s / 86400), 'day');
  if (abs < 86400 * 365) return rtf.format(Math.round(s / (86400 * 30)), 'month');
  return rtf.format(Math.round(s / (86400 * 365)), 'year');
}

export function longDate(t: number | string | null | undefined): string {
  const d = toDate(t);
  return d ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : '';
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
