import { kindIcon } from './file-format';

/** The kind's glyph, inline SVG in currentColor (no icon font); decorative: the card says the kind in words. */
export function FileIcon({ kind }: { kind: string }) {
  return (
    <svg
      class={`icon file-icon kind-${kind}`}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={kindIcon(kind)}
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
