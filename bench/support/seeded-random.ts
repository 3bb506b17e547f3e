import prand from 'pure-rand';

/** The seed of every benchmark's load plan: the same seed plans the same load. */
export const BENCH_SEED = Number(process.env.BENCH_SEED ?? 1);

/**
 * A repeatable source of random numbers for load plans (which organisation an event goes
 * to, which types a webhook subscribes to), seeded with BENCH_SEED.
 */
export function seededRandom(seed: number = BENCH_SEED): () => number {
  const generator = prand.xoroshiro128plus(seed);
  return () => prand.unsafeUniformIntDistribution(0, 2 ** 30 - 1, generator) / 2 ** 30;
}
