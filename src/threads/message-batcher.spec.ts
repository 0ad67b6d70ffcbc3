import { BatchWriter, MessageBatcher } from './message-batcher';

/** A writer whose writes finish when the test says so, recording what each wrote. */
class HeldWriter implements BatchWriter<string, string> {
  readonly writes: { kind: 'many' | 'one'; items: string[] }[] = [];
  private readonly held: (() => void)[] = [];
  failMany = false;
  failing = new Set<string>();

  async many(items: string[]): Promise<string[]> {
    this.writes.push({ kind: 'many', items });
    await this.hold();
    if (this.failMany || items.some((item) => this.failing.has(item))) throw new Error('statement failed');
    return items.map((item) => `wrote ${item}`);
  }

  async one(item: string): Promise<string> {
    this.writes.push({ kind: 'one', items: [item] });
    if (this.failing.has(item)) throw new Error(`bad ${item}`);
    return `wrote ${item}`;
  }

  private hold(): Promise<void> {
    return new Promise((resolve) => this.held.push(resolve));
  }

  /** Finishes the oldest write still held, then lets the batcher start its next one. */
  async release(): Promise<void> {
    await settle();
    this.held.shift()!();
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(maxBatch = 100) {
  const writer = new HeldWriter();
  const commits: number[] = [];
  const batcher = new MessageBatcher(writer, maxBatch, (size) => commits.push(size));
  return { writer, batcher, commits };
}

describe('MessageBatcher', () => {
  it('writes a lone item at once, on its own', async () => {
    const { writer, batcher, commits } = setup();
    await expect(batcher.submit('g', 'a')).resolves.toBe('wrote a');
    expect(writer.writes).toEqual([{ kind: 'one', items: ['a'] }]);
    expect(commits).toEqual([1]);
  });

  it('queues what arrives while a write is in flight and writes it next as one batch, in arrival order', async () => {
    const { writer, batcher, commits } = setup();
    const all = ['a', 'b', 'c', 'd', 'e'].map((item) => batcher.submit('g', item));
    // 'a' went alone (its key was idle); the rest queued behind it and are now one held batch.
    await expect(all[0]).resolves.toBe('wrote a');
    await settle();
    expect(writer.writes.map((w) => `${w.kind} ${w.items.join(',')}`)).toEqual(['one a', 'many b,c,d,e']);
    await writer.release();
    await expect(Promise.all(all)).resolves.toEqual(['a', 'b', 'c', 'd', 'e'].map((i) => `wrote ${i}`));
    expect(commits).toEqual([1, 4]);
  });

  it('never has two writes in flight for one key, and keys do not wait for each other', async () => {
    const { writer, batcher } = setup();
    const a1 = batcher.submit('g', 'a1');
    const a2 = batcher.submit('g', 'a2');
    const a3 = batcher.submit('g', 'a3');
    await a1;
    await settle();
    // a2 and a3 are one held batch; g's next items wait behind it, h's do not.
    const a4 = batcher.submit('g', 'a4');
    const h1 = batcher.submit('h', 'h1');
    await expect(h1).resolves.toBe('wrote h1');
    expect(writer.writes.map((w) => w.items)).toEqual([['a1'], ['a2', 'a3'], ['h1']]);
    await writer.release();
    await expect(Promise.all([a2, a3, a4])).resolves.toEqual(['wrote a2', 'wrote a3', 'wrote a4']);
    expect(writer.writes.map((w) => w.items)).toEqual([['a1'], ['a2', 'a3'], ['h1'], ['a4']]);
  });

  it('takes at most maxBatch items per write', async () => {
    const { writer, batcher, commits } = setup(2);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((item) => batcher.submit('g', item));
    await settle();
    await writer.release(); // b, c
    await writer.release(); // d, e
    await expect(Promise.all(all)).resolves.toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((i) => `wrote ${i}`));
    expect(writer.writes.map((w) => w.items)).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f']]);
    expect(commits).toEqual([1, 2, 2, 1]);
  });

  it('when a batch fails, writes its items one by one: the bad one gets its error, the others their results', async () => {
    const { writer, batcher, commits } = setup();
    writer.failing.add('bad');
    const first = batcher.submit('g', 'a');
    const rest = ['b', 'bad', 'c'].map((item) => batcher.submit('g', item));
    const outcomes = Promise.allSettled(rest);
    await first;
    await writer.release();
    expect(await outcomes).toEqual([
      { status: 'fulfilled', value: 'wrote b' },
      { status: 'rejected', reason: new Error('bad bad') },
      { status: 'fulfilled', value: 'wrote c' },
    ]);
    expect(writer.writes.map((w) => `${w.kind} ${w.items.join(',')}`)).toEqual([
      'one a',
      'many b,bad,c',
      'one b',
      'one bad',
      'one c',
    ]);
    // Each fallback write is its own commit; the failed batch committed nothing.
    expect(commits).toEqual([1, 1, 1]);
  });

  it('goes on with the next batch after a failed one', async () => {
    const { writer, batcher } = setup();
    writer.failMany = true;
    const first = batcher.submit('g', 'a');
    const failed = [batcher.submit('g', 'b'), batcher.submit('g', 'c')];
    await first;
    await settle(); // b and c are now a held batch
    const next = [batcher.submit('g', 'd'), batcher.submit('g', 'e')];
    await writer.release();
    await expect(Promise.all(failed)).resolves.toEqual(['wrote b', 'wrote c']);
    writer.failMany = false;
    await writer.release();
    await expect(Promise.all(next)).resolves.toEqual(['wrote d', 'wrote e']);
  });

  it('a key idle again writes its next item at once', async () => {
    const { writer, batcher } = setup();
    await batcher.submit('g', 'a');
    await batcher.submit('g', 'b');
    expect(writer.writes).toEqual([
      { kind: 'one', items: ['a'] },
      { kind: 'one', items: ['b'] },
    ]);
  });
});
