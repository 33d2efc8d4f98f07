/**
 * Runs tasks one after another, each once the one before it has ended, fulfilled or not. For work
 * that holds many read-model documents in memory at once (a headquarters report computed from the
 * read models, a fold as of a past instant): requests that arrive together wait their turn rather
 * than each hold its own copy at the same time.
 */
export class OneAtATime {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task, task);
    this.last = result.catch(() => undefined);
    return result;
  }
}
