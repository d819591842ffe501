/**
 * Where a generation's time goes: the wall-clock time of each phase of generate() and of each step
 * the derivations after it take (server/db/refresh.ts `ensureDerivedData`), kept with the data set
 * (`dataset.phases`, migration 022) so any database says how it was made and how long each part took.
 * Beside the time, how busy the machine's cores were meanwhile: a phase that kept every core busy
 * gets faster only by doing less work, one that left a core idle also by doing its work at once.
 */
import os from 'node:os';

/** One timed phase: `part` says whether generate() or the derivations after it ran it. */
export interface PhaseTime {
  part: 'generate' | 'derive';
  phase: string;
  ms: number;
  /**
   * Milliseconds the machine's cores spent busy during the phase, summed over the cores (of
   * `cores`): every process's, this one's and the database's alike, and anything else running.
   */
  busyMs?: number;
  cores?: number;
}

/** Milliseconds every core of this machine has spent busy since it started (user, nice, system, interrupts; all processes). */
export function machineBusyMs(): number {
  return os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

export interface PhaseClock {
  /** Ends the running phase (if any) and starts `phase`. */
  start(phase: string): void;
  /** Ends the running phase; returns every phase timed so far. */
  stop(): PhaseTime[];
}

export function phaseClock(part: PhaseTime['part'], onDone: (time: PhaseTime) => void = () => {}): PhaseClock {
  const times: PhaseTime[] = [];
  let running: { phase: string; at: number; busy: number } | undefined;
  const stop = () => {
    if (running) {
      const time: PhaseTime = {
        part, phase: running.phase, ms: Math.round(performance.now() - running.at),
        busyMs: Math.round(machineBusyMs() - running.busy), cores: os.cpus().length,
      };
      times.push(time);
      onDone(time);
      running = undefined;
    }
    return times;
  };
  return {
    start(phase) {
      stop();
      running = { phase, at: performance.now(), busy: machineBusyMs() };
    },
    stop,
  };
}

/** "12.3 s" for a phase's time in progress output and reports. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** How busy the machine's cores were during a phase, as a whole percentage of what they could give; undefined for a phase timed without it. */
export function busyPercent(time: PhaseTime): number | undefined {
  if (time.busyMs === undefined || !time.cores || time.ms === 0) return undefined;
  return Math.round((100 * time.busyMs) / (time.ms * time.cores));
}

/** A phase's time and how busy the cores were, e.g. "12.3 s, cores 97 % busy" (the time alone for a phase timed without it). */
export function phaseTimeText(time: PhaseTime): string {
  const percent = busyPercent(time);
  return percent === undefined ? seconds(time.ms) : `${seconds(time.ms)}, cores ${percent} % busy`;
}
