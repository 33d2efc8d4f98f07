import { AnswerCache } from './answer-cache';

const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
};

describe('AnswerCache', () => {
  it('computes a key asked for while it is being computed once, and gives every asker that answer', async () => {
    const cache = new AnswerCache<string>(4);
    const computation = deferred<string>();
    let computed = 0;
    const compute = () => ((computed += 1), computation.promise);
    const answers = [cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)];
    computation.resolve('answer');
    expect(await Promise.all(answers)).toEqual(['answer', 'answer', 'answer']);
    expect(await cache.get('k', compute)).toBe('answer');
    expect(computed).toBe(1);
    expect(cache.counts()).toEqual({ computed: 1, shared: 3, held: 1 });
  });

  it('keeps at most its capacity, letting the least recently used go first', async () => {
    const cache = new AnswerCache<string>(2);
    const computed: string[] = [];
    const compute = (key: string) => () => (computed.push(key), Promise.resolve(key));
    await cache.get('a', compute('a'));
    await cache.get('b', compute('b'));
    await cache.get('a', compute('a')); // a is now the most recently used
    await cache.get('c', compute('c')); // b goes
    await cache.get('a', compute('a'));
    await cache.get('b', compute('b'));
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.counts().held).toBe(2);
  });

  it('forgets a computation that failed, so the next asker computes again', async () => {
    const cache = new AnswerCache<string>(2);
    await expect(cache.get('k', () => Promise.reject(new Error('the store is away')))).rejects.toThrow('the store is away');
    expect(await cache.get('k', () => Promise.resolve('answer'))).toBe('answer');
    expect(cache.counts()).toEqual({ computed: 2, shared: 0, held: 1 });
  });
});
