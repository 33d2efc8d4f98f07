/** How much an answer weighs (e.g. the length of its text), and how much all kept answers may weigh together. */
export interface AnswerBudget<Answer> {
  weigh: (answer: Answer) => number;
  max: number;
}

/**
 * Answers kept by key, at most `capacity` of them (and, with a budget, at most its weight
 * together), the least recently used going first; a key asked for while its answer is being
 * computed waits for that one computation (single flight). A computation that fails is forgotten,
 * so the next request tries again.
 *
 * The key must name everything the answer depends on (the read models' versions, the reader's
 * scope, the period): a key never changes meaning, so an answer is never invalidated, only evicted.
 * An answer that `keep` refuses (one that could still change) is given to the requests that waited
 * for it, then forgotten.
 */
export class AnswerCache<Answer> {
  private readonly answers = new Map<string, { answer: Promise<Answer>; weight: number }>();
  private weight = 0;
  private computed = 0;
  private shared = 0;

  constructor(
    private readonly capacity: number,
    private readonly budget?: AnswerBudget<Answer>,
    private readonly keep: (answer: Answer) => boolean = () => true,
  ) {}

  get(key: string, compute: () => Promise<Answer>): Promise<Answer> {
    const known = this.answers.get(key);
    if (known) {
      this.shared += 1;
      // Most recently used last: a Map iterates in insertion order.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known.answer;
    }
    this.computed += 1;
    const entry = { answer: compute(), weight: 0 };
    this.answers.set(key, entry);
    entry.answer.then(
      (answer) => {
        if (!this.keep(answer)) return this.forget(key, entry);
        if (this.answers.get(key) !== entry || !this.budget) return;
        entry.weight = this.budget.weigh(answer);
        this.weight += entry.weight;
        this.evict();
      },
      () => this.forget(key, entry),
    );
    this.evict();
    return entry.answer;
  }

  /** How many answers were computed, and how many requests were given one already computed or under way. */
  counts(): { computed: number; shared: number; held: number; weight: number } {
    return { computed: this.computed, shared: this.shared, held: this.answers.size, weight: this.weight };
  }

  private evict(): void {
    for (const [key, entry] of this.answers) {
      if (this.answers.size <= this.capacity && (!this.budget || this.weight <= this.budget.max)) return;
      this.forget(key, entry);
    }
  }

  private forget(key: string, entry: { weight: number }): void {
    if (this.answers.get(key) !== entry) return;
    this.answers.delete(key);
    this.weight -= entry.weight;
  }
}
