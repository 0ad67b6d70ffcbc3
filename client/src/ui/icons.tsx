/**
 * The few icons the client needs, as inline SVG in currentColor (no icon font, no extra request). Icons that
 * point somewhere (back, send, reply) carry `flip` so the stylesheet mirrors them in right-to-left layouts.
 */
const PATHS = {
  bell: 'M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10.3 20a1.9 1.9 0 0 0 3.4 0',
  back: 'M19 12H5M11 6l-6 6 6 6',
  send: 'M4 12l16-8-6 16-2-7-8-1z',
  reply: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 6 6v4',
  globe:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18M3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14M21 21l-5-5',
  smile: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18M8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01',
  paperclip: 'M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.3 3.3 0 0 1 4.7 4.7L10.2 17.7a1.7 1.7 0 0 1-2.4-2.4L15.5 7.6',
} as const;

const MIRRORED = new Set<keyof typeof PATHS>(['back', 'send', 'reply']);

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      class={MIRRORED.has(name) ? 'icon flip' : 'icon'}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
