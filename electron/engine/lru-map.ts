/**
 * A Map with a capacity that forgets the least recently used entry first. The run-wide caches (DNS answers,
 * SMTP probes, AIA downloads) are keyed by names that come from untrusted DNS data, so each must be bounded:
 * shared provider names are used again and again and stay, one domain's own names age out.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('an LRU map needs a capacity of at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    // Map order is insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}

/**
 * Coalesces concurrent identical requests and remembers settled results in an LRU. A result `keep` refuses
 * (a time-out, a failure that may be transient) is shared with the requests already waiting but not
 * remembered, so one bad moment does not poison the rest of the run.
 */
export class SharedResults<V> {
  private readonly inflight = new Map<string, Promise<V>>();
  private readonly done: LruMap<string, V>;

  constructor(capacity: number, private readonly keep: (value: V) => boolean = () => true) {
    this.done = new LruMap(capacity);
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.done.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = compute().then(
        (value) => {
          this.inflight.delete(key);
          if (this.keep(value)) this.done.set(key, value);
          return value;
        },
        (error: unknown) => {
          this.inflight.delete(key);
          throw error;
        },
      );
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
