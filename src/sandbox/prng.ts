/**
 * A small seeded pseudo-random generator (mulberry32): the seed and the faults' shares must be
 * the same on every run, which Math.random cannot promise.
 */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max] from a generator. */
export const randomInt = (rng: () => number, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));
