import { Presets, SingleBar } from 'cli-progress';
import type { BatchProgress } from '../batch-progress.js';

export type ProgressPrinterOptions = {
  /** A bar redrawn in place on a terminal; otherwise lines (a log, a pipe). */
  tty: boolean;
  /** Where lines go when not on a terminal. */
  write: (text: string) => void;
  /** Off a terminal, the least time between two lines. */
  everyMs: number;
};

/**
 * A batch run's progress on stderr: a bar on a terminal; elsewhere a line every `everyMs`, and the
 * last count once a line was written (a short run writes nothing).
 */
export function createProgressPrinter({ tty, write, everyMs }: ProgressPrinterOptions): {
  onProgress: BatchProgress;
  stop(): void;
} {
  if (tty) {
    const bar = new SingleBar(
      { format: 'pricing {bar} {value}/{total} contracts', stream: process.stderr },
      Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (done, total) => {
        if (started) return bar.update(done);
        bar.start(total, done);
        started = true;
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  const startedAt = performance.now();
  let lastLine: number | undefined;
  let printed = '';
  let latest = '';
  const line = () => {
    write(latest);
    printed = latest;
    lastLine = performance.now();
  };
  return {
    onProgress: (done, total) => {
      latest = `pricing: ${done} of ${total} contracts\n`;
      if (performance.now() - (lastLine ?? startedAt) >= everyMs) line();
    },
    stop: () => {
      if (lastLine !== undefined && latest !== printed) line();
    },
  };
}
