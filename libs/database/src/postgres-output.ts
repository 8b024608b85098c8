import { Readable } from 'node:stream';

/**
 * The last lines a PostgreSQL program wrote to standard error, kept to say why it stopped. The
 * stream is read to the end either way: a server whose log pipe fills up stops answering.
 */
export class OutputTail {
  private lines: string[] = [];
  private recording = true;

  constructor(
    stream: Readable | null,
    private readonly keep = 20,
  ) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      if (this.recording) this.lines = [...this.lines, ...chunk.split('\n').filter((line) => line.trim() !== '')].slice(-this.keep);
    });
  }

  /** Once the server is up its log may quote statements (and so personal data): from then on it is only drained. */
  stopRecording(): void {
    this.recording = false;
    this.lines = [];
  }

  /**
   * The lines that say what went wrong (errors, warnings, their hints, and log lines saying what
   * could not be done), else the last few; the timestamp and process number in front are dropped.
   */
  reason(): string {
    const bare = this.lines.map((line) =>
      line
        .replace(/^\S+ \S+ \S+ \[\d+\] /, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const telling = bare.filter((line) => /^(PANIC|FATAL|ERROR|WARNING|DETAIL|HINT):|^LOG: could not|error:/.test(line));
    return (telling.length > 0 ? telling : bare.slice(-3)).join(' ') || 'it wrote nothing about why';
  }
}

/** "exit code 1" or "killed by SIGKILL", for messages. */
export const describeExit = (code: number | null, signal: NodeJS.Signals | null): string => (signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`);
