/**
 * What `npm start` derives after a generation (the demo menu and registry, then server/db/refresh.ts
 * `ensureDerivedData`: tile geometry, neighbours, night lights, distances to services, the policy's
 * decisions, hotspots, tile figures), each step timed and its time appended to the data set's
 * phases (dataset.phases), since issue 18 counts them in the time national data takes.
 */
import { sqlText } from '../../sql/load.js';
import { ensureDerivedData } from '../db/refresh.js';
import type { Db } from '../db/knex.js';
import { ensureDemoRegistry } from '../linkage/demo-registry.js';
import { ensureDemoMenu } from '../menu/demo-menu.js';
import { phaseClock, seconds, type PhaseTime } from './phase-clock.js';

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
 * What setup does to every data set, freshly generated or not: the demo solution menu and registry
 * when they are missing, then everything derived from the rows (server/db/refresh.ts).
 */
export async function seedAndDerive(db: Db, log: (message: string) => void): Promise<void> {
  const items = await ensureDemoMenu(db);
  if (items) log(`Seeded the demo solution menu: ${items} items`);
  const registryLines = await ensureDemoRegistry(db);
  if (registryLines) log(`Seeded the demo registry: ${registryLines.toLocaleString('en')} lines`);
  await ensureDerivedData(db, log);
}

/** seedAndDerive after a generation, each step timed and appended to dataset.phases. */
export async function deriveAfterGeneration(db: Db, log: (message: string) => void): Promise<PhaseTime[]> {
  const clock = phaseClock('derive', (time) => log(`  ${time.phase}: ${seconds(time.ms)}`));
  clock.start('Seeding the demo solution menu and registry');
  await seedAndDerive(db, (message) => {
    if (!continuesStep(message)) clock.start(message);
    log(message);
  });
  const phases = clock.stop();
  await db.raw(sqlText('generate/record_derive_phases.sql'), [JSON.stringify(phases)]);
  return phases;
}

/** The phases as report lines, e.g. "generate households: 41.2 s", with each part's total. */
export function phaseReport(phases: PhaseTime[]): string[] {
  const total = (part: PhaseTime['part']) => phases.filter((p) => p.part === part).reduce((s, p) => s + p.ms, 0);
  return [
    ...phases.map((p) => `${p.part} ${p.phase}: ${seconds(p.ms)}`),
    `generate total: ${seconds(total('generate'))}; derive total: ${seconds(total('derive'))}; together ${seconds(total('generate') + total('derive'))}`,
  ];
}
