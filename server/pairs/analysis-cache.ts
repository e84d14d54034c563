/**
 * A small per-process memo of what the pair dashboard computes from revealed answers, which never
 * change once both sides have submitted (submit is final): the gap analysis, the balance and the
 * trend. Bounded (least recently used entries go first), never shared between processes.
 *
 * It holds results, never decides who sees them: a caller looks an entry up only after its
 * access check and after loading the answers it may see, and keys it by everything that decides
 * what those answers are (organization, the assessments and their reveal, the reader's side and
 * both sides' "choose again" consent), so an entry can only be the one that caller would compute.
 * Entries are shared between requests: treat them as read-only.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
