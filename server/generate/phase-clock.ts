/**
 * Where a generation's time goes: the wall-clock time of each phase of generate() and of each step
 * the derivations after it take (server/db/refresh.ts `ensureDerivedData`), kept with the data set
 * (`dataset.phases`, migration 022) so any database says how it was made and how long each part took.
 */

/** One timed phase: `part` says whether generate() or the derivations after it ran it. */
export interface PhaseTime {
  part: 'generate' | 'derive';
  phase: string;
  ms: number;
}

export interface PhaseClock {
  /** Ends the running phase (if any) and starts `phase`. */
  start(phase: string): void;
  /** Ends the running phase; returns every phase timed so far. */
  stop(): PhaseTime[];
}

export function phaseClock(part: PhaseTime['part'], onDone: (time: PhaseTime) => void = () => {}): PhaseClock {
  const times: PhaseTime[] = [];
  let running: { phase: string; at: number } | undefined;
  const stop = () => {
    if (running) {
      const time = { part, phase: running.phase, ms: Math.round(performance.now() - running.at) };
      times.push(time);
      onDone(time);
      running = undefined;
    }
    return times;
  };
  return {
    start(phase) {
      stop();
      running = { phase, at: performance.now() };
    },
    stop,
  };
}

/** "12.3 s" for a phase's time in progress output and reports. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
