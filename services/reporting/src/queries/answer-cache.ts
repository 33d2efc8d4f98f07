/**
 * Answers kept by key, at most `capacity` of them, the least recently used going first; a key
 * asked for while its answer is being computed waits for that one computation (single flight). A
 * computation that fails is forgotten, so the next request tries again.
 *
 * The key must name everything the answer depends on (the read models' versions, the reader's
 * scope, the period): a key never changes meaning, so an answer is never invalidated, only evicted.
 */
export class AnswerCache<Answer> {
  private readonly answers = new Map<string, Promise<Answer>>();
  private computed = 0;
  private shared = 0;

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<Answer>): Promise<Answer> {
    const known = this.answers.get(key);
    if (known) {
      this.shared += 1;
      // Most recently used last: a Map iterates in insertion order.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    this.computed += 1;
    const answer = compute();
    this.answers.set(key, answer);
    answer.catch(() => {
      if (this.answers.get(key) === answer) this.answers.delete(key);
    });
    while (this.answers.size > this.capacity) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
    return answer;
  }

  /** How many answers were computed, and how many requests were given one already computed or under way. */
  counts(): { computed: number; shared: number; held: number } {
    return { computed: this.computed, shared: this.shared, held: this.answers.size };
  }
}
