import type { FeedEvent } from '../api/server-types';
import { onFeed, onResync } from './feed';

/** A burst of changes (a claim and its decision, a board shuffled) reads a summary once. */
const SETTLE_MS = 400;

/**
 * Runs `reload` once the matching events of a group (any group when `groupId` is undefined) have settled, and after
 * a resync of it: for screens that show a summary the server computes (roll-ups, the ledger, a timeline) rather
 * than items they could patch one by one.
 */
export function onSettledChanges(
  groupId: string | undefined,
  matches: (event: FeedEvent) => boolean,
  reload: () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  };
  const ours = (id: string) => !groupId || id === groupId;
  const stops = [
    onFeed((event) => ours(event.groupId) && matches(event) && later()),
    onResync((id) => ours(id) && later()),
  ];
  return () => {
    clearTimeout(timer);
    stops.forEach((stop) => stop());
  };
}
