/** Renders server highlights safely: the text holds only <mark>…</mark> around
 * escaped text.  We split on the tags and unescape entities into text nodes,
 * never setting innerHTML. */
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", '#x27': "'", '#34': '"' };

export function unescapeHtml(s: string): string {
  return s.replace(/&(#?[a-z0-9]+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k in entities) return entities[k];
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16) || 0xfffd);
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10) || 0xfffd);
    return m;
  });
}

export function Highlight({ text }: { text: string }) {
  const parts = text.split(/(<mark>|<\/mark>)/);
  const out: preact.ComponentChildren[] = [];
  let marked = false;
  parts.forEach((p, i) => {
    if (p === '<mark>') marked = true;
    else if (p === '</mark>') marked = false;
    else if (p) out.push(marked ? <mark key={i}>{unescapeHtml(p)}</mark> : unescapeHtml(p));
  });
  return <>{out}</>;
}
