import { signal } from '@preact/signals';

/** How often relative times ("2 minutes ago") are brought up to date. */
const TICK_MS = 30_000;

/**
 * The time every relative time on the page is measured from: one clock for the whole page, not a timer per message.
 * It ticks on the wall clock's half minutes, so two windows side by side change their "now" to "1 minute ago" at
 * the same moment, and at once when a hidden tab (whose timers the browser slows) is shown again.
 */
export const now = signal(Date.now());

function tick(): void {
  now.value = Date.now();
  setTimeout(tick, TICK_MS - (Date.now() % TICK_MS));
}

if (typeof window !== 'undefined' && typeof document !== 'undefined' && document.addEventListener) {
  setTimeout(tick, TICK_MS - (Date.now() % TICK_MS));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') now.value = Date.now();
  });
}
