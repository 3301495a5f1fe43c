/**
 * Recent search results, kept per content version: a query asked again (a popular word, a reload)
 * skips ranking every match and cutting the snippets, and its page is only rendered.
 * A change of content version (any process publishing) starts an empty cache, so nothing stale is
 * served; concurrent askers of the same new query wait on one computation instead of each running it.
 */
export class SearchCache<T> {
  private readonly max: number;
  private version: string | undefined;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<string, Promise<T>>();

  constructor(max: number) {
    this.max = max;
  }

  get(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const pending = compute();
    this.entries.set(key, pending);
    // A failed search is not remembered: the next asker tries again.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
