import { clearGroups, loadGroups, startGroups } from './groups';
import { resetFeed, startFeed } from './feed';
import { clearNotifications, startNotifications } from './notifications';
import { clearOutbox, startOutbox } from './outbox';
import { startPresence } from './presence';
import { startSocket, stopSocket } from './socket';

let wired = false;

/** After sign-in: one socket for the tab, and everything that listens to it. */
export function startLive(): void {
  if (!wired) {
    wired = true;
    // Registered once for the page's life; they attach to whichever socket is current.
    startFeed();
    startOutbox();
    startPresence();
    startNotifications();
    startGroups();
  }
  startSocket();
  void loadGroups().catch((error: unknown) => console.warn('could not load groups', error));
}

/** After sign-out: nothing of the previous user stays in memory. */
export function stopLive(): void {
  stopSocket();
  resetFeed();
  clearOutbox();
  clearGroups();
  clearNotifications();
}
