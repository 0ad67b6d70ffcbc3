import type { LinkVariant, SignedLink } from '../../api/attachments';

export type LinkFetcher = (ids: string[], variant: LinkVariant) => Promise<Record<string, SignedLink>>;

/** The server answers at most this many ids per request. */
const MAX_IDS = 100;
/** A link this close to its expiry is asked for again: it could expire between the answer and the browser's use. */
const MARGIN_MS = 20_000;

/**
 * Signed links (thumbnails, mostly), cached until shortly before they expire. Asks made in the same tick — every
 * card of a screen rendering at once — go out as one request per variant (in chunks of 100), not one per card.
 */
export class LinkCache {
  private readonly cache = new Map<string, SignedLink>();
  private readonly queued = new Map<LinkVariant, Map<string, ((url: string | null) => void)[]>>();
  private scheduled = false;

  constructor(
    private readonly fetcher: LinkFetcher,
    private readonly now: () => number = Date.now,
    private readonly schedule: (run: () => void) => void = (run) => queueMicrotask(run),
  ) {}

  /** A usable link, or null when the server would not give one (the file is gone, or not this reader's). */
  get(id: string, variant: LinkVariant): Promise<string | null> {
    const cached = this.cache.get(`${variant}:${id}`);
    if (cached && Date.parse(cached.expiresAt) - this.now() > MARGIN_MS) return Promise.resolve(cached.url);
    return new Promise((resolve) => {
      let byId = this.queued.get(variant);
      if (!byId) this.queued.set(variant, (byId = new Map()));
      byId.set(id, [...(byId.get(id) ?? []), resolve]);
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => void this.flush());
      }
    });
  }

  /** Drops a file's links (it was removed). */
  forget(id: string): void {
    for (const key of [...this.cache.keys()]) if (key.endsWith(`:${id}`)) this.cache.delete(key);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batches = [...this.queued.entries()];
    this.queued.clear();
    await Promise.all(
      batches.flatMap(([variant, byId]) => {
        const ids = [...byId.keys()];
        const chunks: string[][] = [];
        for (let i = 0; i < ids.length; i += MAX_IDS) chunks.push(ids.slice(i, i + MAX_IDS));
        return chunks.map((chunk) => this.fetchChunk(variant, chunk, byId));
      }),
    );
  }

  private async fetchChunk(
    variant: LinkVariant,
    ids: string[],
    waiting: Map<string, ((url: string | null) => void)[]>,
  ): Promise<void> {
    let answer: Record<string, SignedLink> = {};
    try {
      answer = await this.fetcher(ids, variant);
    } catch {
      // One unseen id fails the whole request (404 for all, by design): ask for each alone so the others still show.
      if (ids.length > 1) {
        await Promise.all(ids.map((id) => this.fetchChunk(variant, [id], waiting)));
        return;
      }
    }
    for (const id of ids) {
      const link = answer[id];
      if (link) this.cache.set(`${variant}:${id}`, link);
      for (const resolve of waiting.get(id) ?? []) resolve(link?.url ?? null);
    }
  }
}
