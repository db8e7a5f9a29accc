// api — the one way the app talks to the ties JSON API.
//
// The browser session lives in the HttpOnly `ties_session` cookie; every
// state-changing request carries the value of the readable `ties_csrf`
// cookie in X-CSRF-Token.  Errors arrive as problem+json and are thrown as
// ApiError, whose `field` names the input at fault.

export type Action =
  | 'connect' | 'accept' | 'withdraw' | 'message' | 'follow' | 'unfollow'
  | 'disconnect' | 'block' | 'unblock' | 'edit';

export type Degree = 0 | 1 | 2 | 3 | null;

/** A member as it appears everywhere: profile, search hit, list item. */
export interface Card {
  handle: string;
  display_name: string;
  headline?: string | null;
  degree?: Degree;
  mutual_count?: number;
  actions?: Action[];
  invitation_id?: number | null;
}

export interface Position {
  title: string;
  company?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface Education {
  school: string;
  degree?: string | null;
  field?: string | null;
  from?: number | null;
  to?: number | null;
}

export type Visibility = 'public' | 'members' | 'network' | 'private';

export interface Strength {
  strength: number;
  missing: { field: string; points: number; hint: string }[];
  warnings: { field: string; hint: string }[];
}

export interface Profile extends Card {
  view?: 'full' | 'card';
  summary?: string | null;
  location?: string | null;
  industry?: string | null;
  position?: Position | null;
  past_positions?: Position[];
  education?: Education[];
  skills?: string[];
  languages?: string[];
  strength?: number;
  email?: string;
  kind?: string;
  visibility?: Visibility;
}

export interface Me extends Profile {
  email: string;
  kind: string;
  visibility: Visibility;
  profile_strength: Strength;
}

export interface Invitation {
  id: number;
  status: 'pending' | 'ignored';
  note?: string | null;
  created_at: number;
  from?: Card;
  to?: Card;
}

export interface Connection extends Card {
  connected_at?: number;
}

export interface Notification {
  id: number;
  kind: 'invitation.received' | 'invitation.accepted' | 'connection.auto_accepted' | string;
  actor: Card;
  invitation_id?: number | null;
  created_at: number;
  read: boolean;
}

export interface SearchHit extends Card {
  highlights?: Record<string, string>;
  matched?: string[];
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  /** Past 5,000 matches the total and the facet counts are estimates. */
  total_estimated?: boolean;
  facets_estimated?: boolean;
  hits: SearchHit[];
  facets?: Record<string, Facet[]>;
  next_cursor?: string | null;
}

export interface Settings {
  auto_accept: 'off' | 'below' | 'second';
  auto_accept_below: number;
}

/** A failed request: the problem+json of the server, or a network failure (status 0). */
export class ApiError extends Error {
  status: number;
  code: string;
  detail: string;
  field?: string;
  retryAfter?: number;
  constructor(status: number, code: string, detail: string, field?: string, retryAfter?: number) {
    super(detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const listeners = new Set<() => void>();
/** Called when the server says the session has ended (401 on a member-only call). */
export function onSessionEnded(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The field path the detail starts with ("past_positions[0].from: use YYYY"), when it
 * is the error's field or inside it. */
export function detailPath(e: ApiError): string | null {
  const m = /^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): /.exec(e.detail || '');
  return m && e.field && m[1].startsWith(e.field) ? m[1] : null;
}

/** Words a member understands for a problem the server reported. */
export function friendly(e: ApiError): string {
  switch (e.code) {
    case 'network':
      return e.detail;
    case 'rate_limited': {
      const s = e.retryAfter ?? 0;
      if (s <= 0) return 'Too many attempts. Please wait a little and try again.';
      const m = Math.ceil(s / 60);
      return s < 90
        ? `Too many attempts. Please try again in ${s} seconds.`
        : `Too many attempts. Please try again in ${m} minutes.`;
    }
    case 'unauthenticated':
      return 'Your session has ended. Sign in again to continue — what you typed is still here.';
    case 'csrf':
      return 'Your session could not be verified. Reload the page and try again.';
    case 'internal':
    case 'store':
    case 'unavailable':
      return 'Something went wrong on the server. What you typed is kept; please try again.';
    default: {
      // The server's detail often starts with the field name ("headline: at most 220
      // characters"); next to the field itself that prefix is noise.
      let d = e.detail || 'The request failed.';
      const m = detailPath(e);
      if (m) d = d.slice(m.length + 2);
      d = d.charAt(0).toUpperCase() + d.slice(1);
      return /[.!?]$/.test(d) ? d : d + '.';
    }
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const t = readCookie('ties_csrf');
    if (t) headers['X-CSRF-Token'] = t;
  }
  let res: Response;
  try {
    res = await fetch('/api/v1' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const p = json && typeof json === 'object' ? json : {};
    const err = new ApiError(
      res.status,
      p.code || (res.status === 404 ? 'not_found' : 'http_' + res.status),
      p.detail || res.statusText || 'The request failed.',
      p.field || undefined,
      typeof p.retry_after === 'number' ? p.retry_after : Number(res.headers.get('Retry-After')) || undefined,
    );
    if (res.status === 401 && err.code === 'unauthenticated') listeners.forEach((fn) => fn());
    throw err;
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

/** Builds a query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? '?' + s : '';
}

export const enc = encodeURIComponent;
