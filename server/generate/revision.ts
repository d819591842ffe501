/**
 * The generator's revision, stored with every generated data set (`dataset.generator_revision`,
 * migration 022). Bump it whenever the generated rows change (a new column, another calibration, a
 * changed draw): setup then generates a demo or tiny data set of an older (or no) revision again, so
 * the demo and test databases follow the generator (server/generate/regenerate.ts). National and
 * imported data sets are never replaced.
 *
 * 1: the rows of migration 015 (debt, informal debt and access to finance per household; unemployed
 *    and under-employed people), the first revision recorded.
 */
export const GENERATOR_REVISION = 1;
