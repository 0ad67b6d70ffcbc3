import { describe, expect, it } from '@jest/globals';
import type { FeedEvent } from '../api/server-types';
import { SeqOrder } from './seq-order';

const event = (seq: number, groupId = 'g1'): FeedEvent =>
  ({ groupId, seq, type: 'member.removed', data: { userId: 'u' }, actorId: null, at: '' }) as FeedEvent;
const seqs = (events: FeedEvent[]) => events.map((e) => e.seq);

describe('SeqOrder', () => {
  it('applies the next seq at once', () => {
    const order = new SeqOrder();
    order.follow('g1', 4);
    expect(seqs(order.accept(event(5)).ready)).toEqual([5]);
    expect(order.cursor('g1')).toBe(5);
  });

  it('drops a seq it has already applied (a push and its catch-up copy)', () => {
    const order = new SeqOrder();
    order.follow('g1', 4);
    order.accept(event(5));
    expect(order.accept(event(5))).toEqual({ ready: [], gap: false });
    expect(order.accept(event(3))).toEqual({ ready: [], gap: false });
  });

  it('holds an event after a gap and releases everything in order once the gap is filled', () => {
    const order = new SeqOrder();
    order.follow('g1', 0);
    expect(order.accept(event(3))).toEqual({ ready: [], gap: true });
    expect(order.accept(event(2))).toEqual({ ready: [], gap: true });
    expect(order.hasGap('g1')).toBe(true);
    expect(seqs(order.accept(event(1)).ready)).toEqual([1, 2, 3]);
    expect(order.hasGap('g1')).toBe(false);
    expect(order.cursor('g1')).toBe(3);
  });

  it('keeps groups apart', () => {
    const order = new SeqOrder();
    order.follow('g1', 10);
    order.follow('g2', 0);
    expect(seqs(order.accept(event(1, 'g2')).ready)).toEqual([1]);
    expect(order.accept(event(1, 'g1')).ready).toEqual([]);
  });

  it('starts an unfollowed group right before the first event it sees', () => {
    const order = new SeqOrder();
    expect(seqs(order.accept(event(42, 'new')).ready)).toEqual([42]);
    expect(order.cursor('new')).toBe(42);
  });

  it('keeps the cursor of a group already followed when asked to follow it again', () => {
    const order = new SeqOrder();
    order.follow('g1', 5);
    order.accept(event(6));
    order.follow('g1', 2);
    expect(order.cursor('g1')).toBe(6);
  });

  it('jumps to the newest seq on resync and forgets what it held', () => {
    const order = new SeqOrder();
    order.follow('g1', 1);
    order.accept(event(5));
    order.jump('g1', 9);
    expect(order.hasGap('g1')).toBe(false);
    expect(seqs(order.accept(event(10)).ready)).toEqual([10]);
  });

  it('applies a shuffled stream with duplicates exactly once, in order', () => {
    const order = new SeqOrder();
    order.follow('g1', 0);
    const stream = [5, 2, 2, 1, 7, 3, 5, 4, 6, 1, 8, 7];
    const applied = stream.flatMap((seq) => seqs(order.accept(event(seq)).ready));
    expect(applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
