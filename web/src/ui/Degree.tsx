import { Degree } from '../api';

const short: Record<number, string> = { 1: '1st', 2: '2nd', 3: '3rd' };
const long: Record<number, string> = {
  1: '1st-degree connection',
  2: '2nd-degree connection',
  3: '3rd-degree connection',
};

export function degreeText(d: Degree | undefined): string {
  return d == null ? '' : d === 0 ? 'You' : short[d];
}

/** "· 1st" next to a name; nothing for members outside the network. */
export function DegreeBadge({ degree }: { degree: Degree | undefined }) {
  if (degree == null) return null;
  if (degree === 0) return <span class="degree degree-you">You</span>;
  return (
    <span class={`degree degree-${degree}`} title={long[degree]}>
      <span aria-hidden="true">{short[degree]}</span>
      <span class="sr-only">{long[degree]}</span>
    </span>
  );
}
