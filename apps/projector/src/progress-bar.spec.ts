import { PassThrough } from 'node:stream';
import { progressBar } from './progress-bar';

describe('the rebuild progress bar', () => {
  it('shows the share done, the events, the rate and the time left, ending on the whole', () => {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const bar = progressBar(stream);

    bar.update({ done: 250_000, total: 1_000_000, elapsedMs: 10_000 });
    bar.update({ done: 1_000_000, total: 1_000_000, elapsedMs: 40_000 });
    bar.finish();

    const lines = written
      .join('')
      .split(/[\r\n]+/)
      .filter((line) => line.trim() !== '');
    expect(lines[0]).toMatch(/^\[######-{18}\] 25% {2}250,000\/1,000,000 events {2}25,000 events\/s {2}\S+ left$/);
    expect(lines[lines.length - 1]).toMatch(/^\[#{24}\] 100% {2}1,000,000\/1,000,000 events {2}25,000 events\/s {2}0s left$/);
  });
});
