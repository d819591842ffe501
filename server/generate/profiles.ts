/** The synthetic data profiles. National is the 2021 BMN survey's household count. */
export interface Profile {
  name: 'demo' | 'national';
  householdsPerYear: number;
  years: number[];
}

export const PROFILES: Record<Profile['name'], Profile> = {
  // about 1/25 of the nation, so every village has households, over two survey years
  demo: { name: 'demo', householdsPerYear: 512_716, years: [2022, 2023] },
  national: { name: 'national', householdsPerYear: 12_817_903, years: [2022] },
};

export const DEFAULT_SEED = 2022;

export function isProfileName(name: string): name is Profile['name'] {
  return Object.hasOwn(PROFILES, name);
}
