/**
 * Load real boundary files (GeoJSON, Shapefile, GeoPackage: anything GDAL reads) for one admin level
 * into admin_area, e.g. the HDX/OCHA COD-AB Thailand admin 1-3 layers. GDAL's ogr2ogr does the
 * reading and reprojection into a staging table; sql/import/boundaries.sql merges it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../cli/output.js';
import { PROJECT_ROOT } from '../config.js';
import { gdalConnection } from '../db/gdal-connection.js';
import type { Db } from '../db/knex.js';
import { CODE_DIGITS, type AdminLevel } from '../../tiles/levels.js';


export interface BoundaryImport {
  file: string;
  level: AdminLevel;
  /** Attribute names in the file. */
  codeField: string;
  nameThField?: string;
  nameEnField?: string;
  parentField?: string;
  /** ogr layer name, when the file has several. */
  layer?: string;
}

export async function importBoundaries(db: Db, url: string, spec: BoundaryImport): Promise<{ rows: number }> {
  if (!fs.existsSync(spec.file)) throw new SetupError(`no such file: ${spec.file}`);
  const ident = /^[A-Za-z_][A-Za-z0-9_]*$/;
  for (const f of [spec.codeField, spec.nameThField, spec.nameEnField, spec.parentField, spec.layer]) {
    if (f !== undefined && !ident.test(f)) throw new SetupError(`"${f}" is not a plain attribute name`);
  }
  const select = [`${spec.codeField} as code`, spec.parentField ? `${spec.parentField} as parent_code` : `'' as parent_code`,
    spec.nameThField ? `${spec.nameThField} as name_th` : `'' as name_th`, spec.nameEnField ? `${spec.nameEnField} as name_en` : `'' as name_en`];
  const layerName = spec.layer ?? path.basename(spec.file).replace(/\.[^.]+$/, '');
  await db.raw('create schema if not exists import_boundary; drop table if exists import_boundary.staging');
  const args = ['-f', 'PostgreSQL', gdalConnection(url), spec.file, '-nln', 'import_boundary.staging', '-t_srs', 'EPSG:4326',
    '-nlt', 'PROMOTE_TO_MULTI', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NONE',
    '-dialect', 'OGRSQL', '-sql', `SELECT ${select.join(', ')} FROM "${layerName}"`];
  const r = spawnSync('ogr2ogr', args, { encoding: 'utf8' });
  if (r.error) throw new SetupError(`ogr2ogr could not run (${r.error.message}); install Debian's gdal-bin`);
  if (r.status !== 0) throw new SetupError(`ogr2ogr could not read ${spec.file}: ${r.stderr.trim().split('\n').pop()}`);
  try {
    return await db.transaction(async (trx) => {
      // COD-AB writes codes as "TH1001"; ours are the digits.
      await trx.raw(`update import_boundary.staging set code = regexp_replace(code::text, '\\D', '', 'g'),
                     parent_code = regexp_replace(coalesce(parent_code::text, ''), '\\D', '', 'g')`);
      const { rows: bad } = await trx.raw(`select code from import_boundary.staging where length(code) <> ? limit 3`, [CODE_DIGITS[spec.level]]);
      if (bad.length) {
        throw new SetupError(`field ${spec.codeField} holds codes like "${bad[0].code}", not ${CODE_DIGITS[spec.level]}-digit ${spec.level} geocodes`);
      }
      if (spec.level !== 'province') {
        const { rows: orphans } = await trx.raw(`
          select s.code from import_boundary.staging s
          where not exists (select 1 from admin_area a where a.code = coalesce(nullif(s.parent_code, ''), left(s.code, length(s.code) - 2)))
          limit 3`);
        if (orphans.length) throw new SetupError(`${spec.level} ${orphans[0].code} has no parent area loaded; import the level above first`);
      }
      const sql = fs.readFileSync(path.join(PROJECT_ROOT, 'sql', 'import', 'boundaries.sql'), 'utf8');
      const result = await trx.raw(sql, [spec.level, spec.level]);
      await trx.raw(`select povmap.bump_data_version('areas')`);
      return { rows: result.rowCount as number };
    });
  } finally {
    await db.raw('drop schema if exists import_boundary cascade');
  }
}
