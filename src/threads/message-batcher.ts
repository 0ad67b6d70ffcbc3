/** How a batch is written: all at once, or one at a time when that fails. */
export interface BatchWriter<T, R> {
  /** Writes the items in one statement and one commit; their results in the items' order. */
  many(items: T[]): Promise<R[]>;
  /** Writes one item alone, as its own commit. */
  one(item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit, per key (a working group). The first item for an idle key is written at once, so a lone sender
 * waits for nothing; items that arrive while that write is in flight queue, and the next write takes all of them
 * (up to `maxBatch`) in arrival order. One write per key at a time keeps a node's order; the group row's lock in
 * the database orders the writes of different nodes.
 *
 * A batch whose statement fails wrote nothing (one statement, one commit), so its items are written again one by
 * one: each gets its own answer, the bad one its own error, and the others are not failed by it.
 */
export class MessageBatcher<T, R> {
  /** A key is here while a write for it is in flight; its list holds what waits for the next one. */
  private readonly queues = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly writer: BatchWriter<T, R>,
    private readonly maxBatch: number,
    /** Told the size of every commit made (a fallback's single writes count one each). */
    private readonly committed: (size: number) => void = () => undefined,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const entry = { item, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.queues.set(key, []);
      void this.drain(key, [entry]);
    });
  }

  private async drain(key: string, first: Waiting<T, R>[]): Promise<void> {
    const queue = this.queues.get(key)!;
    let batch = first;
    while (batch.length > 0) {
      await this.write(batch);
      batch = queue.splice(0, this.maxBatch);
    }
    this.queues.delete(key);
  }

  private async write(batch: Waiting<T, R>[]): Promise<void> {
    if (batch.length > 1) {
      let results: R[] | null = null;
      try {
        results = await this.writer.many(batch.map((w) => w.item));
      } catch {
        // Nothing of it was written: below, each item alone.
      }
      if (results) {
        this.committed(batch.length);
        batch.forEach((w, i) => w.resolve(results[i]));
        return;
      }
    }
    for (const waiting of batch) {
      try {
        waiting.resolve(await this.writer.one(waiting.item));
        this.committed(1);
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}
