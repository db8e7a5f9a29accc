import { Link } from './Link';

/** Sub-pages as a row of links (each is its own address). */
export function Tabs({ label, tabs }: { label: string; tabs: { href: string; label: string; current: boolean; count?: number }[] }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link href={t.href} class={'tab' + (t.current ? ' current' : '')} aria-current={t.current ? 'page' : undefined}>
          {t.label}
          {t.count != null && <span class="tab-count">{t.count.toLocaleString('en')}</span>}
        </Link>
      ))}
    </nav>
  );
}
