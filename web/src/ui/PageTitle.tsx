import { useEffect } from 'preact/hooks';

/** The page's <h1>; sets the document title. Focus moves here on navigation (see app.tsx). */
export function PageTitle({ title, visual, class: cls }: { title: string; visual?: preact.ComponentChildren; class?: string }) {
  useEffect(() => {
    document.title = title + ' | ties';
  }, [title]);
  return (
    <h1 class={'page-title' + (cls ? ' ' + cls : '')} tabIndex={-1} data-page-title>
      {visual ?? title}
    </h1>
  );
}
