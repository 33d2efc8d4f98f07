import { OneAtATime } from './one-at-a-time';

/** A task that records when it starts and ends, and ends when told to. */
function task(name: string, log: string[], outcome: 'fulfils' | 'fails' = 'fulfils') {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((done) => (end = done));
  return {
    end: () => end(),
    run: async () => {
      log.push(`${name} starts`);
      await ended;
      log.push(`${name} ends`);
      if (outcome === 'fails') throw new Error(`${name} failed`);
      return name;
    },
  };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('OneAtATime', () => {
  it('starts a task only once the one before it has ended, and gives each caller its own answer', async () => {
    const log: string[] = [];
    const queue = new OneAtATime();
    const [first, second] = [task('first', log), task('second', log)];
    const answers = [queue.run(first.run), queue.run(second.run)];
    await settle();
    expect(log).toEqual(['first starts']);
    first.end();
    await settle();
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    second.end();
    expect(await Promise.all(answers)).toEqual(['first', 'second']);
  });

  it('goes on after a task that failed, whose caller is given the failure', async () => {
    const log: string[] = [];
    const queue = new OneAtATime();
    const [failing, next] = [task('failing', log, 'fails'), task('next', log)];
    const failed = queue.run(failing.run);
    const after = queue.run(next.run);
    failing.end();
    await expect(failed).rejects.toThrow('failing failed');
    next.end();
    expect(await after).toBe('next');
    expect(log).toEqual(['failing starts', 'failing ends', 'next starts', 'next ends']);
  });
});
