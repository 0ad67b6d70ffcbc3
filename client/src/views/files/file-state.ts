import { signal } from '@preact/signals';
import { links } from '../../api/attachments';
import { onFeed } from '../../live/feed';
import { LinkCache } from './link-cache';

/*
 * What every screen showing files shares for the page's lifetime: the signed-link cache and the files removed since
 * the screens loaded.
 */

/** Signed links for the cards on screen: one request per screen (and per variant), reused until near expiry. */
export const linkCache = new LinkCache(links);

/**
 * Files removed since their screens loaded (`attachment.removed`, or removed here). Every file list leaves them
 * out, so a removal takes the card off messages, the proposal, actions, notes and the Files view at once, without
 * each screen finding the file in its own state.
 */
export const removedFiles = signal<ReadonlySet<string>>(new Set());

export function markRemoved(id: string): void {
  if (removedFiles.value.has(id)) return;
  removedFiles.value = new Set([...removedFiles.value, id]);
  linkCache.forget(id);
}

let watching = false;
/** Follows removals from the change feed; once per page, from the first screen that shows files. */
export function watchRemovals(): void {
  if (watching) return;
  watching = true;
  onFeed((event) => {
    if (event.type === 'attachment.removed') markRemoved(event.data.id);
  });
}
