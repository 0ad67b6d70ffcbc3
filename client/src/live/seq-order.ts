import type { FeedEvent } from '../api/server-types';

/**
 * Exactly once, in order, per group: the pure core of the client's delivery guarantee. Each group's events carry
 * a gap-free `seq`; an event at or below the cursor is a duplicate, one right after it is applied (with any held
 * events it unblocks), one further ahead is held until catch-up fills the gap.
 */
export class SeqOrder {
  private readonly cursors = new Map<string, number>();
  private readonly held = new Map<string, Map<number, FeedEvent>>();

  /** Starts from the seq a group's state was loaded at; a group already followed keeps its cursor. */
  follow(groupId: string, lastSeq: number): void {
    if (!this.cursors.has(groupId)) this.cursors.set(groupId, lastSeq);
  }

  unfollow(groupId: string): void {
    this.cursors.delete(groupId);
    this.held.delete(groupId);
  }

  clear(): void {
    this.cursors.clear();
    this.held.clear();
  }

  groups(): string[] {
    return [...this.cursors.keys()];
  }

  /** Events are held after a gap that catch-up has not filled yet. */
  hasGap(groupId: string): boolean {
    return (this.held.get(groupId)?.size ?? 0) > 0;
  }

  cursor(groupId: string): number | undefined {
    return this.cursors.get(groupId);
  }

  /** The server no longer has what follows the cursor: jump to its newest seq and drop what was held. */
  jump(groupId: string, lastSeq: number): void {
    this.cursors.set(groupId, lastSeq);
    this.held.delete(groupId);
  }

  /** Takes one event; answers the events to apply now, in order, and whether a gap waits to be filled. */
  accept(event: FeedEvent): { ready: FeedEvent[]; gap: boolean } {
    const { groupId, seq } = event;
    // A group not followed yet (just joined): start right before its first event seen.
    if (!this.cursors.has(groupId)) this.cursors.set(groupId, seq - 1);
    let cursor = this.cursors.get(groupId)!;
    if (seq <= cursor) return { ready: [], gap: false };
    const held = this.held.get(groupId) ?? new Map<number, FeedEvent>();
    if (seq > cursor + 1) {
      held.set(seq, event);
      this.held.set(groupId, held);
      return { ready: [], gap: true };
    }
    const ready = [event];
    cursor = seq;
    while (held.has(cursor + 1)) {
      ready.push(held.get(cursor + 1)!);
      held.delete(cursor + 1);
      cursor += 1;
    }
    this.cursors.set(groupId, cursor);
    for (const stale of held.keys()) if (stale <= cursor) held.delete(stale);
    return { ready, gap: held.size > 0 };
  }
}
