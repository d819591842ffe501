/**
 * Which generated profile a benchmark's database holds, told by its household rows (design: demo
 * about 0.5 M per year, national 12.8 M), so a section never says "national" of the demo data.
 */
export const isNational = (households: number | string | undefined) => Number(households) > 12_000_000;
export const profileName = (households: number | string | undefined) => (isNational(households) ? 'the national profile' : 'the demo profile');
