/**
 * The phase clock (server/generate/phase-clock.ts): each phase's wall-clock time and the machine's
 * busy core time beside it, as dataset.phases keeps them.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { phaseClock, phaseTimeText } from '../../server/generate/phase-clock.js';

describe('the phase clock', () => {
  it('times each phase in order, with the cores busy meanwhile', () => {
    const done: string[] = [];
    const clock = phaseClock('generate', (time) => done.push(time.phase));
    clock.start('busy');
    for (const until = performance.now() + 300; performance.now() < until;); // this thread alone keeps a core busy
    clock.start('next');
    const times = clock.stop();
    expect(done).toEqual(['busy', 'next']);
    expect(times.map((t) => [t.part, t.phase])).toEqual([['generate', 'busy'], ['generate', 'next']]);
    const [busy] = times;
    expect(busy.ms).toBeGreaterThanOrEqual(300);
    expect(busy.cores).toBe(os.cpus().length);
    // the kernel counts busy time in ticks: at least some of the spinning shows, and never more than the cores could give
    expect(busy.busyMs).toBeGreaterThan(0);
    expect(busy.busyMs).toBeLessThanOrEqual((busy.ms + 20) * busy.cores!);
    expect(clock.stop()).toBe(times); // stopping again adds nothing
  });

  it('says how busy the cores were beside the time', () => {
    expect(phaseTimeText({ part: 'derive', phase: 'x', ms: 12_345, busyMs: 23_950, cores: 2 })).toBe('12.3 s, cores 97 % busy');
    // a phase kept before the clock counted busy time (dataset.phases of an older data set)
    expect(phaseTimeText({ part: 'derive', phase: 'x', ms: 12_345 })).toBe('12.3 s');
  });
});
