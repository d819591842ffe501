/**
 * The part boundaries of .dependency-cruiser.cjs hold for the whole tree, and the rules really
 * fire: on a fixture tree that breaks each of them they report exactly those breaks.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const BIN = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation { rule: { name: string }; from: string; to: string }

function violations(cwd: string, folders: string[]): string[] {
  const r = spawnSync(BIN, [...folders, '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (!r.stdout) throw new Error(`depcruise gave no output: ${r.stderr}`);
  const result = JSON.parse(r.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThan(0);
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('dependency rules', () => {
  it('the project breaks none of them', () => {
    expect(violations(ROOT, ['client', 'server', 'tiles', 'sql'])).toEqual([]);
  }, 120_000);

  it('they catch a client or tiles import of server code and an import cycle', () => {
    expect(violations(path.join(ROOT, 'tests/fixtures/dependency-rules'), ['client', 'server', 'tiles'])).toEqual([
      'client-not-to-server: client/reaches-into-server.ts -> server/definitions.ts',
      'no-cycles: server/cycle-a.ts -> server/cycle-b.ts',
      'tiles-not-to-server: tiles/reaches-into-server.ts -> server/definitions.ts',
    ]);
  }, 120_000);
});
