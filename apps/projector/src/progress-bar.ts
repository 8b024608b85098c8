import { RebuildProgress } from '@safer-cases/projections';
import { SingleBar } from 'cli-progress';

const number = (value: number): string => Math.round(value).toLocaleString('en-GB');

/**
 * The rebuild's progress on stderr: one line redrawn in place on a terminal; elsewhere, such as
 * a log file, a line every five seconds.
 */
export const progressBar = (stream: NodeJS.WritableStream = process.stderr) => {
  const bar = new SingleBar({
    stream,
    format: '[{bar}] {percentage}%  {done}/{all} events  {rate} events/s  {eta_formatted} left',
    barsize: 24,
    barCompleteChar: '#',
    barIncompleteChar: '-',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 20,
  });
  let started = false;
  return {
    update: ({ done, total, elapsedMs }: RebuildProgress): void => {
      const payload = { done: number(done), all: number(total), rate: number(elapsedMs > 0 ? (done * 1000) / elapsedMs : 0) };
      if (started) {
        bar.setTotal(total);
        bar.update(done, payload);
      } else {
        bar.start(total, done, payload);
        started = true;
      }
    },
    finish: (): void => {
      if (started) bar.stop();
    },
  };
};
