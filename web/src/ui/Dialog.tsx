// Dialog — a modal on the native <dialog>: the browser makes the rest of the
// page inert and closes on Escape; we move focus in and give it back.
import { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { IconX } from './Icons';

let seq = 0;

export function Dialog({ title, onClose, children, class: cls, describedBy }: {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
  describedBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef('dlg-' + ++seq + '-title');
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (!d.open) d.showModal();
    const first = d.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ||
      d.querySelector<HTMLElement>('textarea, input, select, button:not(.dialog-close)');
    first?.focus();
    return () => {
      if (d.open) d.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={'dialog' + (cls ? ' ' + cls : '')}
      aria-labelledby={titleId.current}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (ref.current && e.target === ref.current) {
          const r = ref.current.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) onClose();
        }
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId.current}>{title}</h2>
        <button type="button" class="btn-icon dialog-close" onClick={onClose} aria-label="Close">
          <IconX />
        </button>
      </div>
      <div class="dialog-body">{children}</div>
    </dialog>
  );
}

/** "Are you sure?" with the consequence spelled out. */
export function Confirm({ title, children, confirmLabel, danger, busy, error, onConfirm, onClose }: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose} describedBy="confirm-text" class="dialog-sm">
      <div id="confirm-text" class="confirm-text">{children}</div>
      <div class="form-error" role="alert" hidden={!error}>{error}</div>
      <div class="dialog-actions">
        {/* For a destructive action the safe choice has the focus. */}
        <button type="button" class="btn btn-secondary" onClick={onClose} data-autofocus={danger ? true : undefined}>Cancel</button>
        <button type="button" class={'btn ' + (danger ? 'btn-danger' : 'btn-primary')} onClick={onConfirm} disabled={busy} data-autofocus={danger ? undefined : true}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
