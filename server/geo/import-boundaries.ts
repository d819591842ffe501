/**
 * Load real boundary files (GeoJSON, Shapefile, GeoPackage: anything GDAL reads) for one admin level
 * into admin_area, e.g. the HDX/OCHA COD-AB Thailand admin 1-3 layers. GDAL's ogr2ogr does the
 * reading and reprojection into a staging table; sql/import/boundaries.sql merges it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../cli/output.js';
import { sqlText } from '../../sql/load.js';
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
  await db.raw(sqlText('import/boundaries_stage.sql'));
  const args = ['-f', 'PostgreSQL', gdalConnection(url), spec.file, '-nln', 'import_boundary.staging', '-t_srs', 'EPSG:4326',
    '-nlt', 'PROMOTE_TO_MULTI', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NONE',
    '-dialect', 'OGRSQL', '-sql', `SELECT ${select.join(', ')} FROM "${layerName}"`];
  const r = spawnSync('ogr2ogr', args, { encoding: 'utf8' });
  if (r.error) throw new SetupError(`ogr2ogr could not run (${r.error.message}); install Debian's gdal-bin`);
  if (r.status !== 0) throw new SetupError(`ogr2ogr could not read ${spec.file}: ${r.stderr.trim().split('\n').pop()}`);
  try {
    return await db.transaction(async (trx) => {
      await trx.raw(sqlText('import/boundaries_codes.sql'));
      const { rows: bad } = await trx.raw(sqlText('import/boundaries_bad_codes.sql'), [CODE_DIGITS[spec.level]]);
      if (bad.length) {
        throw new SetupError(`field ${spec.codeField} holds codes like "${bad[0].code}", not ${CODE_DIGITS[spec.level]}-digit ${spec.level} geocodes`);
      }
      if (spec.level !== 'province') {
        const { rows: orphans } = await trx.raw(sqlText('import/boundaries_orphans.sql'));
        if (orphans.length) throw new SetupError(`${spec.level} ${orphans[0].code} has no parent area loaded; import the level above first`);
      }
      const result = await trx.raw(sqlText('import/boundaries.sql'), [spec.level, spec.level]);
      await trx.raw(sqlText('import/bump_areas_version.sql'));
      return { rows: result.rowCount as number };
    });
  } finally {
    await db.raw(sqlText('import/boundaries_drop_stage.sql'));
  }
}
