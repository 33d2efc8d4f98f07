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
    expect(cache.counts()).toEqual({ computed: 1, shared: 3, held: 1, weight: 0 });
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
    expect(cache.counts()).toEqual({ computed: 2, shared: 0, held: 1, weight: 0 });
  });
});

describe('AnswerCache with a budget', () => {
  it('lets the least recently used answers go until the kept ones weigh no more than the budget', async () => {
    const cache = new AnswerCache<string>(10, { weigh: (answer) => answer.length, max: 10 });
    const computed: string[] = [];
    const compute = (answer: string) => () => (computed.push(answer), Promise.resolve(answer));
    await cache.get('a', compute('aaaa'));
    await cache.get('b', compute('bbbb'));
    expect(cache.counts()).toMatchObject({ held: 2, weight: 8 });
    await cache.get('c', compute('cccc')); // 12 > 10: a goes
    expect(cache.counts()).toMatchObject({ held: 2, weight: 8 });
    await cache.get('b', compute('bbbb'));
    await cache.get('a', compute('aaaa'));
    expect(computed).toEqual(['aaaa', 'bbbb', 'cccc', 'aaaa']);
    // An answer heavier than the whole budget is given to its askers, and not kept.
    expect(await cache.get('d', compute('d'.repeat(11)))).toBe('d'.repeat(11));
    await Promise.resolve();
    expect(cache.counts()).toMatchObject({ held: 0, weight: 0 });
  });
});

describe('AnswerCache that keeps only final answers', () => {
  it('gives an answer that could still change to the askers that waited for it, then computes it again', async () => {
    const cache = new AnswerCache<{ value: string; final: boolean }>(4, undefined, (answer) => answer.final);
    const computation = deferred<{ value: string; final: boolean }>();
    let computed = 0;
    const compute = () => ((computed += 1), computation.promise);
    const waiting = [cache.get('k', compute), cache.get('k', compute)];
    computation.resolve({ value: 'not yet final', final: false });
    expect((await Promise.all(waiting)).map(({ value }) => value)).toEqual(['not yet final', 'not yet final']);
    expect(cache.counts().held).toBe(0);
    expect(await cache.get('k', () => ((computed += 1), Promise.resolve({ value: 'final', final: true })))).toEqual({ value: 'final', final: true });
    expect(await cache.get('k', () => ((computed += 1), Promise.resolve({ value: 'never asked', final: true })))).toEqual({ value: 'final', final: true });
    expect(computed).toBe(2);
  });
});
