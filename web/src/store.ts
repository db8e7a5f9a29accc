// store — the little shared state of the app: who is signed in, and the
// counts shown as badges in the header.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, Me } from './api';

export function createStore<T>(initial: T) {
  let value = initial;
  const subs = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(v: T) {
      value = v;
      subs.forEach((fn) => fn(v));
    },
    update(fn: (v: T) => T) {
      this.set(fn(value));
    },
    subscribe(fn: (v: T) => void) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
export type Store<T> = ReturnType<typeof createStore<T>>;

export function useStore<T>(s: Store<T>): T {
  const [v, setV] = useState(s.get());
  useEffect(() => {
    setV(s.get());
    const off = s.subscribe(setV);
    return () => {
      off();
    };
  }, [s]);
  return v;
}

/** undefined: not known yet; null: signed out. */
export const session = createStore<Me | null | undefined>(undefined);
export const badges = createStore<{ unread: number; invitations: number }>({ unread: 0, invitations: 0 });

export async function loadMe(): Promise<Me | null> {
  try {
    const me = await get<Me>('/me');
    session.set(me);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session.set(null);
      return null;
    }
    // The server is unreachable: keep what we knew.
    if (session.get() === undefined) session.set(null);
    throw e;
  }
}

let badgeSeq = 0;
/** Refreshes the unread-notification and pending-invitation counts. */
export async function refreshBadges(): Promise<void> {
  if (!session.get()) return;
  const seq = ++badgeSeq;
  // One request: the notifications answer carries both counts.
  try {
    const n = await get<{ unread: number; pending_invitations: number }>('/notifications?limit=1');
    if (seq !== badgeSeq) return;
    badges.set({ unread: n.unread || 0, invitations: n.pending_invitations || 0 });
  } catch {
    /* keep the counts we had */
  }
}

/** Polite status messages ("Invitation sent") read out by screen readers and shown as a toast. */
export const toasts = createStore<{ id: number; text: string }[]>([]);
let toastId = 0;
export function toast(text: string) {
  const id = ++toastId;
  toasts.update((t) => [...t, { id, text }]);
  setTimeout(() => toasts.update((t) => t.filter((x) => x.id !== id)), 5000);
}
