import { describe, expect, it } from '@jest/globals';
import type { LinkVariant, SignedLink } from '../../api/attachments';
import { LinkCache } from './link-cache';

/** A fake server: answers every asked id with a link valid for `lifetime` ms from the fake clock, and records calls. */
function setup(lifetime = 300_000, unseen: string[] = []) {
  let now = Date.parse('2026-03-10T10:00:00Z');
  const calls: { ids: string[]; variant: LinkVariant }[] = [];
  const fetcher = async (ids: string[], variant: LinkVariant) => {
    calls.push({ ids, variant });
    if (ids.some((id) => unseen.includes(id))) throw new Error('404');
    return Object.fromEntries(
      ids.map((id): [string, SignedLink] => [
        id,
        { url: `/api/files/${variant}-${id}-${calls.length}/x`, expiresAt: new Date(now + lifetime).toISOString() },
      ]),
    );
  };
  const cache = new LinkCache(fetcher, () => now);
  return { cache, calls, advance: (ms: number) => (now += ms) };
}

describe('LinkCache', () => {
  it('asks once for every link wanted in the same tick', async () => {
    const { cache, calls } = setup();
    const urls = await Promise.all([
      cache.get('a', 'thumbnail'),
      cache.get('b', 'thumbnail'),
      cache.get('a', 'thumbnail'),
    ]);
    expect(calls).toEqual([{ ids: ['a', 'b'], variant: 'thumbnail' }]);
    expect(urls).toEqual(['/api/files/thumbnail-a-1/x', '/api/files/thumbnail-b-1/x', '/api/files/thumbnail-a-1/x']);
  });

  it('keeps a link until shortly before it expires, then asks again', async () => {
    const { cache, calls, advance } = setup(300_000);
    await cache.get('a', 'thumbnail');
    advance(200_000);
    expect(await cache.get('a', 'thumbnail')).toBe('/api/files/thumbnail-a-1/x');
    expect(calls).toHaveLength(1);
    advance(90_000); // 10 s left: too close to use
    expect(await cache.get('a', 'thumbnail')).toBe('/api/files/thumbnail-a-2/x');
    expect(calls).toHaveLength(2);
  });

  it('keeps thumbnails and files apart', async () => {
    const { cache, calls } = setup();
    await Promise.all([cache.get('a', 'thumbnail'), cache.get('a', 'file')]);
    expect(calls.map((c) => c.variant).sort()).toEqual(['file', 'thumbnail']);
  });

  it('asks in chunks of at most 100 ids', async () => {
    const { cache, calls } = setup();
    await Promise.all(Array.from({ length: 250 }, (_, i) => cache.get(`f${i}`, 'thumbnail')));
    expect(calls.map((c) => c.ids.length)).toEqual([100, 100, 50]);
  });

  it('still shows the others when one file of a batch is refused', async () => {
    const { cache } = setup(300_000, ['gone']);
    const [a, gone] = await Promise.all([cache.get('a', 'thumbnail'), cache.get('gone', 'thumbnail')]);
    expect(a).toMatch(/^\/api\/files\/thumbnail-a-/);
    expect(gone).toBeNull();
  });

  it('forgets a removed file', async () => {
    const { cache, calls } = setup();
    await cache.get('a', 'thumbnail');
    cache.forget('a');
    await cache.get('a', 'thumbnail');
    expect(calls).toHaveLength(2);
  });
});
