export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] || '';
  const last = parts.length > 1 ? [...parts[parts.length - 1]][0] || '' : '';
  return (first + last).toUpperCase();
}

function hue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 8;
}

/** A round avatar with the member's initials; decorative (the name is always next to it). */
export function Avatar({ name, handle, size = 'md' }: { name: string; handle: string; size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl' }) {
  return (
    <span class={`avatar avatar-${size} av-c${hue(handle || name)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
