import { describe, expect, it } from 'vitest';
import { settleLimited } from './settle-limited.ts';

describe('settleLimited', () => {
  it('keeps at most `limit` calls in flight and reports each outcome in order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await settleLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5 * (n % 3)));
      inFlight -= 1;
      if (n === 4) throw new Error('refused');
      return n * 10;
    });
    expect(most).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused'))).toEqual([
      10,
      20,
      30,
      'refused',
      50,
      60,
      70,
    ]);
  });

  it('settles an empty list at once', async () => {
    expect(await settleLimited([], 3, async () => 1)).toEqual([]);
  });
});
