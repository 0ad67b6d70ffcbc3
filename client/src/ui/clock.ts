import { signal } from '@preact/signals';

/** How often relative times ("2 minutes ago") are brought up to date. */
const TICK_MS = 30_000;
/** The Date header counts whole seconds: a difference below this is its rounding and the trip, not a wrong clock. */
const TOLERANCE_MS = 2_000;
let learned = false;

/**
 * How far the server's clock is ahead of this device's. Every time shown was stamped by the server, so "now" is the
 * server's too: a device whose clock is a few minutes off would otherwise say "in 3 minutes" or "now" for minutes,
 * and disagree with the window next to it.
 */
let offset = 0;

/**
 * The time every relative time on the page is measured from: one clock for the whole page, not a timer per message.
 * It ticks on the wall clock's half minutes, so two windows side by side change their "now" to "1 minute ago" at
 * the same moment, and at once when a hidden tab (whose timers the browser slows) is shown again.
 */
export const now = signal(Date.now());

const serverNow = () => Date.now() + offset;

/**
 * Learns the server's clock from the first API answer's Date header. Once per page: a device's clock is off by a
 * steady amount, and measuring again on every answer would make "now" jump back and forth with each trip's delay.
 */
export function noteServerDate(header: string | null): void {
  const server = header && !learned ? Date.parse(header) : NaN;
  if (Number.isNaN(server)) return;
  learned = true;
  // The header is truncated to the second: its middle is the better guess.
  const measured = server + 500 - Date.now();
  if (Math.abs(measured - offset) < TOLERANCE_MS) return;
  offset = measured;
  now.value = serverNow();
}

function tick(): void {
  now.value = serverNow();
  setTimeout(tick, TICK_MS - (serverNow() % TICK_MS));
}

if (typeof window !== 'undefined' && typeof document !== 'undefined' && document.addEventListener) {
  setTimeout(tick, TICK_MS - (Date.now() % TICK_MS));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') now.value = serverNow();
  });
}
