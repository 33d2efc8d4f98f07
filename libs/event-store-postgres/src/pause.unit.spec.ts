import { getEventListeners } from 'node:events';
import { pause } from './pause';

describe('pause', () => {
  it('leaves no abort listener behind once it has waited, however often it is called', async () => {
    const controller = new AbortController();
    for (let round = 0; round < 50; round += 1) await pause(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends early when the signal aborts, and at once when it already has', async () => {
    const controller = new AbortController();
    const startedAt = Date.now();
    const waiting = pause(10_000, controller.signal);
    controller.abort();
    await waiting;
    await pause(10_000, controller.signal);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });
});
