import { signal } from '@preact/signals';

/**
 * Text for the app's one polite aria-live region (rendered by the shell). Screen readers announce a change of its
 * content, so a repeated text gets an invisible variation to be announced again.
 */
export const announcement = signal('');

let toggle = false;
export function announce(text: string): void {
  toggle = !toggle;
  announcement.value = toggle ? text : `${text}\u00a0`;
}
