// router — history API routing: paths are the app's pages (/in/<handle>,
// /search?q=…), and the server answers every such path with index.html.
import { createStore, useStore } from './store';

export interface Loc {
  path: string;
  query: URLSearchParams;
}

function current(): Loc {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export const route = createStore<Loc>(current());

window.addEventListener('popstate', () => route.set(current()));

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) {
    route.set(current());
    return;
  }
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  route.set(current());
}

export function useRoute(): Loc {
  return useStore(route);
}

/** Matches "/in/:handle" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/'), xs = path.replace(/\/+$/, '').split('/');
  if (path === '/' && pattern === '/') return {};
  if (ps.length !== xs.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) {
      if (!xs[i]) return null;
      out[ps[i].slice(1)] = decodeURIComponent(xs[i]);
    } else if (ps[i] !== xs[i]) return null;
  }
  return out;
}
