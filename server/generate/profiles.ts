/** The synthetic data profiles. National is the 2021 BMN survey's household count. */
export interface Profile {
  name: 'demo' | 'national' | 'tiny';
  householdsPerYear: number;
  years: number[];
}

export const PROFILES: Record<Profile['name'], Profile> = {
  // about 1/25 of the nation, so every village has households, over two survey years
  demo: { name: 'demo', householdsPerYear: 512_716, years: [2022, 2023] },
  national: { name: 'national', householdsPerYear: 12_817_903, years: [2022] },
  // the full geography with few households: for tests of the generator itself
  tiny: { name: 'tiny', householdsPerYear: 100_000, years: [2022] },
};

export const DEFAULT_SEED = 2022;

export function isProfileName(name: string): name is Profile['name'] {
  return Object.hasOwn(PROFILES, name);
}
