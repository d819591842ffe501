/**
 * What `npm start` derives after a generation (the demo menu and registry, then server/db/refresh.ts
 * `ensureDerivedData`: tile geometry, neighbours, night lights, distances to services, the policy's
 * decisions, hotspots, tile figures), each step timed and its time appended to the data set's
 * phases (dataset.phases), since issue 18 counts them in the time national data takes.
 */
import { sqlText } from '../../sql/load.js';
import { ensureDerivedData, ensureGeometryDerivations, ensureMeasuredAccess } from '../db/refresh.js';
import type { Db } from '../db/knex.js';
import { ensureDemoRegistry } from '../linkage/demo-registry.js';
import { ensureDemoMenu } from '../menu/demo-menu.js';
import { phaseClock, phaseTimeText, seconds, type PhaseTime } from './phase-clock.js';

/** The first phase of the derivations after a generation (seedBesideGeometry). */
const SEEDING_PHASE = 'Seeding the demo solution menu and registry; beside them, the tile geometry, neighbours, night lights '
  + 'and every household\'s distance to the nearest school and clinic';

/**
 * A progress line of the step already running (e.g. "province 10 done (1/77)" while the distances
 * are measured), the line a step logs when it ends ("Storing the tile figures: 1,234 ms",
 * server/db/timed-step.ts), or what the seeding made ("Seeded the demo registry: … lines"), rather
 * than the start of a new step: timing from it would give the time until the next step's start to a
 * step that already ended.
 */
export const continuesStep = (message: string) =>
  /\(\d+\/\d+\)/.test(message) || /: [\d,]+ ms$/.test(message) || /^Seeded /.test(message);

/**
 * The demo solution menu and registry when they are missing, and beside them the derivations that
 * rest on the areas and rows alone: tile geometry, neighbours, night lights
 * (ensureGeometryDerivations), then the distances to services when there are none
 * (ensureMeasuredAccess; their rollup comes with the policy's decisions after). The menu's matching
 * holds one connection for a minute and more on national data, mostly on one core (its candidates
 * may use parallel workers); the geometry's derivations took about 50 s beside it and left the other
 * core idle for the rest, and the distances, measured after the phase, kept both cores busy on their
 * own. Measured beside the matching, they fill that core. Both run to the end even when one fails,
 * then the first failure is thrown.
 */
async function seedBesideGeometry(db: Db, log: (message: string) => void): Promise<{ made: boolean; measured: boolean }> {
  const [menu, geometry] = await Promise.allSettled([
    (async () => {
      const items = await ensureDemoMenu(db);
      if (items) log(`Seeded the demo solution menu: ${items} items`);
    })(),
    (async () => {
      const registryLines = await ensureDemoRegistry(db);
      if (registryLines) log(`Seeded the demo registry: ${registryLines.toLocaleString('en')} lines`);
      const made = await ensureGeometryDerivations(db, log);
      return { made, measured: await ensureMeasuredAccess(db, log) };
    })(),
  ]);
  if (menu.status === 'rejected') throw menu.reason;
  if (geometry.status === 'rejected') throw geometry.reason;
  return geometry.value;
}

/**
 * What setup does to every data set, freshly generated or not: the demo solution menu and registry
 * when they are missing, then everything derived from the rows (server/db/refresh.ts). The lines of
 * the derivations after the seeding go to `deriveLog` (deriveAfterGeneration times them).
 */
export async function seedAndDerive(db: Db, log: (message: string) => void, deriveLog = log): Promise<void> {
  const { made, measured } = await seedBesideGeometry(db, log);
  await ensureDerivedData(db, deriveLog, made, measured);
}

/**
 * seedAndDerive after a generation, each step timed and appended to dataset.phases. The seeding and
 * the derivations beside it are one phase (their own lines still say when each ended).
 */
export async function deriveAfterGeneration(db: Db, log: (message: string) => void): Promise<PhaseTime[]> {
  const clock = phaseClock('derive', (time) => log(`  ${time.phase}: ${phaseTimeText(time)}`));
  clock.start(SEEDING_PHASE);
  await seedAndDerive(db, log, (message) => {
    if (!continuesStep(message)) clock.start(message);
    log(message);
  });
  const phases = clock.stop();
  await db.raw(sqlText('generate/record_derive_phases.sql'), [JSON.stringify(phases)]);
  return phases;
}

/** The phases as report lines, e.g. "generate households: 41.2 s, cores 96 % busy", with each part's total. */
export function phaseReport(phases: PhaseTime[]): string[] {
  const total = (part: PhaseTime['part']) => phases.filter((p) => p.part === part).reduce((s, p) => s + p.ms, 0);
  return [
    ...phases.map((p) => `${p.part} ${p.phase}: ${phaseTimeText(p)}`),
    `generate total: ${seconds(total('generate'))}; derive total: ${seconds(total('derive'))}; together ${seconds(total('generate') + total('derive'))}`,
  ];
}
