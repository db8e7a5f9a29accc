// Icons: inline SVG, decorative (labels are always given in text).
type P = { class?: string };
const svg = (d: preact.ComponentChildren, cls = '') => (
  <svg class={'icon ' + cls} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
    {d}
  </svg>
);
export const IconHome = (p: P) => svg(<><path d="M3 11.5 12 4l9 7.5" /><path d="M5.5 10v9.5h13V10" /><path d="M10 19.5v-5h4v5" /></>, p.class);
export const IconNetwork = (p: P) => svg(<><circle cx="9" cy="8" r="3.2" /><path d="M3.5 19c.6-3.4 2.8-5.2 5.5-5.2s4.9 1.8 5.5 5.2" /><circle cx="17" cy="9" r="2.5" /><path d="M15.8 13.9c2.5-.3 4.3 1.2 4.8 4.1" /></>, p.class);
export const IconMail = (p: P) => svg(<><rect x="3" y="5.5" width="18" height="13" rx="2" /><path d="m4 7 8 6 8-6" /></>, p.class);
export const IconBell = (p: P) => svg(<><path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15Z" /><path d="M10 20a2 2 0 0 0 4 0" /></>, p.class);
export const IconSearch = (p: P) => svg(<><circle cx="11" cy="11" r="6.5" /><path d="m16 16 4.5 4.5" /></>, p.class);
export const IconPencil = (p: P) => svg(<><path d="M4 20h4L19 9l-4-4L4 16v4Z" /><path d="m13.5 6.5 4 4" /></>, p.class);
export const IconPlus = (p: P) => svg(<><path d="M12 5v14M5 12h14" /></>, p.class);
export const IconX = (p: P) => svg(<><path d="M6 6l12 12M18 6 6 18" /></>, p.class);
export const IconCheck = (p: P) => svg(<><path d="m5 12.5 4.5 4.5L19 7.5" /></>, p.class);
export const IconMore = (p: P) => svg(<><circle cx="5" cy="12" r="1.3" fill="currentColor" /><circle cx="12" cy="12" r="1.3" fill="currentColor" /><circle cx="19" cy="12" r="1.3" fill="currentColor" /></>, p.class);
export const IconUserPlus = (p: P) => svg(<><circle cx="10" cy="8" r="3.5" /><path d="M3.5 19.5c.7-3.6 3.2-5.5 6.5-5.5 1.6 0 3 .4 4.1 1.3" /><path d="M18 14v6M15 17h6" /></>, p.class);
export const IconChat = (p: P) => svg(<><path d="M4 5.5h16v10H9l-5 4v-14Z" /></>, p.class);
export const IconLock = (p: P) => svg(<><rect x="5" y="10.5" width="14" height="9.5" rx="2" /><path d="M8 10.5V8a4 4 0 0 1 8 0v2.5" /></>, p.class);
export const IconGlobe = (p: P) => svg(<><circle cx="12" cy="12" r="8.5" /><path d="M3.5 12h17M12 3.5c2.5 2.6 3.5 5.4 3.5 8.5s-1 5.9-3.5 8.5c-2.5-2.6-3.5-5.4-3.5-8.5s1-5.9 3.5-8.5Z" /></>, p.class);
export const IconBriefcase = (p: P) => svg(<><rect x="3.5" y="7.5" width="17" height="12" rx="2" /><path d="M9 7.5V5.5h6v2M3.5 12.5h17" /></>, p.class);
export const IconSchool = (p: P) => svg(<><path d="m2.5 9.5 9.5-5 9.5 5-9.5 5-9.5-5Z" /><path d="M6.5 11.5v4.5c3 2.3 8 2.3 11 0v-4.5" /></>, p.class);
export const IconPin = (p: P) => svg(<><path d="M12 21s-6.5-6-6.5-11a6.5 6.5 0 0 1 13 0c0 5-6.5 11-6.5 11Z" /><circle cx="12" cy="10" r="2.3" /></>, p.class);
export const IconGear = (p: P) => svg(<><circle cx="12" cy="12" r="3" /><path d="M12 3.5v2.2M12 18.3v2.2M3.5 12h2.2M18.3 12h2.2M6 6l1.6 1.6M16.4 16.4 18 18M6 18l1.6-1.6M16.4 7.6 18 6" /></>, p.class);

export function Logo() {
  return (
    <svg class="logo-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <circle cx="12.5" cy="16" r="5.8" fill="none" stroke="#fff" stroke-width="2.8" />
      <circle cx="19.5" cy="16" r="5.8" fill="none" stroke="#9fd3ff" stroke-width="2.8" />
    </svg>
  );
}
