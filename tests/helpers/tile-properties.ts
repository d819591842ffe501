/**
 * The stored `areas` tile properties (tile_area_properties, sql/migrations/018) against what they
 * stand for, written here independently of povmap.refresh_tile_area_properties: for every admin
 * area and every survey year of the rollups, the identity keys and the year's stored figures, or
 * `suppressed: true` where the year has none. Returns the rows only on one side.
 */
import type { Knex } from 'knex';

const DEFINED = `
  select years.survey_year, area.code,
         jsonb_build_object('code', area.code, 'level', area.level, 'name_th', area.name_th, 'name_en', area.name_en)
           || case when figures.metrics is null then jsonb_build_object('suppressed', true) else figures.metrics end as properties
  from admin_area area
  cross join (select distinct survey_year from area_stats) years
  left join tile_area_metrics figures on figures.code = area.code and figures.survey_year = years.survey_year`;

export async function tilePropertiesDifferences(db: Knex): Promise<{ stored: number; onlyStored: unknown[]; onlyDefined: unknown[] }> {
  const rows = async (sql: string) => (await db.raw(sql)).rows;
  const [{ n }] = await rows('select count(*)::integer as n from tile_area_properties');
  return {
    stored: n,
    onlyStored: await rows(`select survey_year, code, properties from tile_area_properties except all ${DEFINED}`),
    onlyDefined: await rows(`${DEFINED} except all select survey_year, code, properties from tile_area_properties`),
  };
}
