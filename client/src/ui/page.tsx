import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigated } from '../router';

interface Props {
  title: string;
  /** Shown instead of the title when the heading needs more than text (the title still names the tab). */
  heading?: ComponentChildren;
  actions?: ComponentChildren;
  /** The id of a field to start at instead of the heading: a screen opened to fill in one form. */
  focusId?: string;
  children: ComponentChildren;
}

/**
 * A screen: names the browser tab and, after a client-side navigation, moves focus to its heading so a screen
 * reader or keyboard user starts at the new content (what a full page load would do).
 */
export function Page({ title, heading, actions, focusId, children }: Props) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Tansiq`;
  }, [title]);
  useEffect(() => {
    if (navigated.peek() === 0 && !focusId) return;
    const field = focusId ? document.getElementById(focusId) : null;
    (field ?? h1.current)?.focus();
  }, [navigated.value]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-header">
        <h1 id="page-title" tabIndex={-1} ref={h1} dir="auto">
          {heading ?? title}
        </h1>
        {actions && <div class="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
