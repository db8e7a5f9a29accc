// Search results: degree badges, mutual counts, highlights, filters with
// facet counts.  Everything lives in the address (/search?q=…&degree=2).
import { useEffect, useState } from 'preact/hooks';
import { Card, Facet, get, qs, SearchHit, SearchResult } from '../api';
import { navigate, useRoute } from '../router';
import { LoadError, Spinner } from '../ui/form';
import { plural } from '../ui/format';
import { Highlight } from '../ui/Highlight';
import { IconSearch } from '../ui/Icons';
import { useLoad } from '../ui/load';
import { Actions, MemberLine, mutualText } from '../ui/member';
import { PageTitle } from '../ui/PageTitle';

const filterKeys = ['degree', 'company', 'location', 'skill'] as const;
type FilterKey = (typeof filterKeys)[number];

const fieldLabel: Record<string, string> = {
  headline: 'Headline',
  display_name: 'Name',
  name: 'Name',
  summary: 'About',
  position: 'Position',
  title: 'Position',
  company: 'Company',
  skills: 'Skills',
  skill: 'Skills',
  location: 'Location',
  industry: 'Industry',
  past_positions: 'Experience',
  education: 'Education',
};

export function SearchPage() {
  const { query } = useRoute();
  const q = query.get('q') || '';
  const f: Record<FilterKey, string> = {
    degree: query.get('degree') || '',
    company: query.get('company') || '',
    location: query.get('location') || '',
    skill: query.get('skill') || '',
  };
  const key = qs({ q, ...f });
  const active = filterKeys.some((k) => f[k]);
  const [extra, setExtra] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const r = useLoad(async () => {
    if (!q && !active) return null;
    const d = await get<SearchResult>('/search' + qs({ q, ...f, limit: 20 }));
    setExtra([]);
    setCursor(d.next_cursor || null);
    return d;
  }, [key]);
  const more = async () => {
    const d = await get<SearchResult>('/search' + qs({ q, ...f, limit: 20, cursor }));
    setExtra((x) => [...x, ...d.hits]);
    setCursor(d.next_cursor || null);
  };
  const setFilter = (k: FilterKey, v: string) => navigate('/search' + qs({ q, ...f, [k]: v }), { replace: false });
  const hits = r.data ? [...r.data.hits, ...extra] : [];
  const [skillDraft, setSkillDraft] = useState(f.skill);
  useEffect(() => setSkillDraft(f.skill), [f.skill]);

  const replace = (c: Card) => {
    if (!r.data) return;
    r.setData({ ...r.data, hits: r.data.hits.map((h) => (h.handle === c.handle ? { ...h, ...c } : h)) });
    setExtra(extra.map((h) => (h.handle === c.handle ? { ...h, ...c } : h)));
  };

  return (
    <div class="page search-page">
      <aside class="card filters" aria-labelledby="filters-title">
        <h2 id="filters-title" class="side-title">Filters</h2>
        <fieldset class="filter-group">
          <legend>Degree</legend>
          <div class="pill-row">
            {['1', '2', '3'].map((d) => (
              <button
                type="button"
                class={'pill-toggle' + (f.degree === d ? ' on' : '')}
                aria-pressed={f.degree === d ? 'true' : 'false'}
                onClick={() => setFilter('degree', f.degree === d ? '' : d)}
              >
                {d === '1' ? '1st' : d === '2' ? '2nd' : '3rd'}
              </button>
            ))}
          </div>
        </fieldset>
        <FacetGroup title="Company" name="company" facets={r.data?.facets?.company} value={f.company} onPick={(v) => setFilter('company', v)} />
        <FacetGroup title="Location" name="location" facets={r.data?.facets?.location} value={f.location} onPick={(v) => setFilter('location', v)} />
        {r.data?.facets?.skill && <FacetGroup title="Skill" name="skill" facets={r.data.facets.skill} value={f.skill} onPick={(v) => setFilter('skill', v)} />}
        <form
          class="filter-group"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter('skill', skillDraft.trim());
          }}
        >
          <label for="filter-skill" class="legend-like">Skill</label>
          <div class="input-row">
            <input id="filter-skill" type="text" value={skillDraft} placeholder="e.g. Kanban" onInput={(e) => setSkillDraft((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit" class="btn btn-secondary btn-sm">Apply</button>
          </div>
        </form>
        {active && (
          <button type="button" class="btn btn-tertiary btn-block" onClick={() => navigate('/search' + qs({ q }))}>
            Clear filters
          </button>
        )}
      </aside>
      <div class="card page-card results">
        <PageTitle title={q ? `Results for “${q}”` : 'Search people'} />
        {!q && !active && (
          <div class="empty">
            <IconSearch />
            <p>Search people by name, skill, company or what they do — “lean consultant”, “konsult inom lean”.</p>
            <p class="muted">Your closest matches come first: 1st-degree connections, then 2nd, then 3rd.</p>
          </div>
        )}
        {r.loading && !r.data && (q || active) && <Spinner label="Searching" />}
        {r.error ? <LoadError error={r.error} retry={r.reload} /> : null}
        {r.data && (
          <p class="result-count" role="status" data-testid="result-count">
            {r.data.total_estimated ? 'About ' : ''}
            {plural(r.data.total, 'result')}
          </p>
        )}
        {r.data && hits.length === 0 && (
          <div class="empty">
            <p>Nobody matches. Try fewer words, or clear a filter.</p>
          </div>
        )}
        <ul class="member-list results-list">
          {hits.map((h) => (
            <li class="member-item search-hit" key={h.handle}>
              <MemberLine card={h} headline={h.highlights?.headline ? <p class="member-headline"><Highlight text={h.highlights.headline} /></p> : undefined}>
                {Object.entries(h.highlights || {})
                  .filter(([k]) => k !== 'headline' && k !== 'display_name' && k !== 'name')
                  .map(([k, v]) => (
                    <p class="hit-extra">
                      <span class="hit-field">{fieldLabel[k] || k}:</span> <Highlight text={v} />
                    </p>
                  ))}
                {!!h.mutual_count && <p class="member-meta">{mutualText(h.mutual_count)}</p>}
              </MemberLine>
              <div class="item-actions">
                <Actions card={h} variant="compact" onChange={(c) => (c ? replace(c) : r.reload())} />
              </div>
            </li>
          ))}
        </ul>
        {cursor && <button type="button" class="btn btn-tertiary btn-block" onClick={more}>Show more results</button>}
      </div>
    </div>
  );
}

function FacetGroup({ title, name, facets, value, onPick }: { title: string; name: string; facets?: Facet[]; value: string; onPick: (v: string) => void }) {
  const list = facets || [];
  const shown = value && !list.some((x) => x.value === value) ? [{ value, count: 0 }, ...list] : list;
  if (shown.length === 0) return null;
  return (
    <fieldset class="filter-group" data-facet={name}>
      <legend>{title}</legend>
      <ul class="facet-list">
        {shown.slice(0, 8).map((x) => (
          <li>
            <label class="facet">
              <input type="checkbox" checked={value === x.value} onChange={() => onPick(value === x.value ? '' : x.value)} />
              <span class="facet-value">{x.value}</span>
              {x.count > 0 && <span class="facet-count" aria-label={`${x.count} results`}>{x.count.toLocaleString('en')}</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
