import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue.ts';

describe('serial queue', () => {
  it('runs tasks one at a time in call order, past failures', async () => {
    const q = createSerialQueue();
    const log: string[] = [];
    const slow = q.run(async () => {
      await new Promise((r) => setTimeout(r, 10));
      log.push('slow');
    });
    const failing = q.run(async () => {
      log.push('fail');
      throw new Error('x');
    });
    const fast = q.run(async () => log.push('fast'));
    await Promise.allSettled([slow, failing, fast]);
    await q.idle();
    expect(log).toEqual(['slow', 'fail', 'fast']);
    await expect(failing).rejects.toThrow('x');
  });
});
