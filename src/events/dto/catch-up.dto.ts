import type { FeedEvent } from '../events';

/** The answer to catch-up, over REST and the socket alike. */
export interface CatchUp {
  events: FeedEvent[];
  /** The group's newest seq: a client whose cursor is here is up to date. */
  lastSeq: number;
  /** True when events after the cursor were pruned (or the cursor is from another timeline): reload state. */
  resync: boolean;
  /** More events follow; ask again after the last one returned. */
  hasMore: boolean;
}
