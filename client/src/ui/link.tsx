import type { ComponentChildren, PartialAnchorHTMLAttributes } from 'preact';
import { navigate } from '../router';

type Props = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'> & {
  href: string;
  children: ComponentChildren;
};

/** A real link (open in new tab, copy address work) that navigates in place on a plain click. */
export function Link({ href, children, onClick, ...rest }: Props) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        if (typeof onClick === 'function') onClick(event);
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        )
          return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
