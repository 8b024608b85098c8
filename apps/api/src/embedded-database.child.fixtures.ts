import { startEmbeddedDatabase } from './embedded-database';

/**
 * A stand-in for the app in the crash test: starts the embedded database under the DATA_DIR it
 * is given, prints its URL and then waits, to be killed with kill -9.
 */
startEmbeddedDatabase(process.argv[2]).then(
  (database) => {
    process.stdout.write(`${JSON.stringify({ url: database.url })}\n`);
    setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
