// Menu — a button that opens a list of actions (WAI-ARIA menu button).
import { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
  href?: string;
}

let seq = 0;

export function Menu({ label, button, items, class: cls, align = 'right', header }: {
  label: string;
  button: ComponentChildren;
  items: MenuItem[];
  class?: string;
  align?: 'left' | 'right';
  header?: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const focusOnOpen = useRef<number | null>(null);
  const id = useRef('menu-' + ++seq);
  const btn = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const focusItem = (i: number) => {
    const els = list.current?.querySelectorAll<HTMLElement>('[role=menuitem]');
    if (!els || els.length === 0) return;
    els[(i + els.length) % els.length].focus();
  };

  useLayoutEffect(() => {
    if (open && focusOnOpen.current !== null) {
      focusItem(focusOnOpen.current);
      focusOnOpen.current = null;
    }
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) btn.current?.focus();
  };

  return (
    <div class={'menu ' + (cls || '')}>
      <button
        ref={btn}
        type="button"
        class="menu-button"
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={id.current}
        aria-label={label}
        onClick={() => {
          if (!open) focusOnOpen.current = 0;
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (open) focusItem(e.key === 'ArrowDown' ? 0 : -1);
            else focusOnOpen.current = e.key === 'ArrowDown' ? 0 : -1;
            setOpen(true);
          }
        }}
      >
        {button}
      </button>
      <div
        ref={list}
        id={id.current}
        role="menu"
        aria-label={label}
        class={'menu-list menu-' + align}
        hidden={!open}
        onKeyDown={(e) => {
          const els = [...(list.current?.querySelectorAll<HTMLElement>('[role=menuitem]') || [])];
          const i = els.indexOf(document.activeElement as HTMLElement);
          if (e.key === 'ArrowDown') { e.preventDefault(); focusItem(i + 1); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); focusItem(i - 1); }
          else if (e.key === 'Home') { e.preventDefault(); focusItem(0); }
          else if (e.key === 'End') { e.preventDefault(); focusItem(-1); }
          else if (e.key === 'Escape') { e.preventDefault(); close(true); }
          else if (e.key === 'Tab') setOpen(false);
        }}
      >
        {header}
        {items.map((it) => (
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            class={'menu-item' + (it.danger ? ' danger' : '')}
            onClick={() => {
              close(false);
              it.onSelect();
            }}
          >
            {it.label}
          </button>
        ))}
      </div>
    </div>
  );
}
