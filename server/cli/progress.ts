/** The generator's progress on a terminal: a line per phase with its time when it ends, and a bar for
 * the rows being written (households, then people). */
import cliProgress from 'cli-progress';
import type { Progress } from '../generate/generate.js';
import { phaseTimeText } from '../generate/phase-clock.js';
import { step } from './output.js';

export function terminalProgress(): Progress & { stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  const started = Date.now();
  const phaseStarted = { at: started };
  // In CI logs (not a TTY) redraws would flood the log, so print a line every 10 % instead.
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return {
    phase(name) {
      bar?.stop();
      bar = undefined;
      step(`${name}… (${((Date.now() - started) / 1000).toFixed(0)} s in)`);
      phaseStarted.at = Date.now();
    },
    phaseDone(time) {
      bar?.stop();
      bar = undefined;
      step(`  done in ${phaseTimeText(time)}`);
    },
    rows(unit, done, total) {
      if (tty) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: `  ${unit} {bar} {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        }
        bar.update(done);
      } else {
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          const secs = ((Date.now() - phaseStarted.at) / 1000).toFixed(0);
          step(`  ${unit} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${tenth * 10} %, ${secs} s)`);
        }
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
