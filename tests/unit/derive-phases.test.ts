import { describe, expect, it } from 'vitest';
import { continuesStep } from '../../server/generate/derive.js';

// The derivations after a generation are timed from their log lines (dataset.phases): only the line
// that starts a step may start a phase, or a step's time goes to the one logged before it.
describe('which derivation log lines start a timed phase', () => {
  it('a step starting starts a phase', () => {
    expect(continuesStep('Storing the tile figures')).toBe(false);
    expect(continuesStep('Deciding what the public may see (disclosure control)')).toBe(false);
  });
  it('a step ending with its milliseconds does not', () => {
    expect(continuesStep('Storing the tile figures: 117,559 ms')).toBe(true);
    expect(continuesStep('Decided what the public may see (disclosure control), 2 of 2 survey years: 72,441 ms')).toBe(true);
    expect(continuesStep('Vacuuming the distances: 731 ms')).toBe(true);
  });
  it('what the seeding made does not', () => {
    expect(continuesStep('Seeded the demo solution menu: 40 items')).toBe(true);
    expect(continuesStep('Seeded the demo registry: 120,000 lines')).toBe(true);
  });
  it('progress within a step does not', () => {
    expect(continuesStep('province 10 done (1/77)')).toBe(true);
  });
});
