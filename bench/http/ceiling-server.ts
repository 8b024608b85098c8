import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { serveParent } from './child';
import { countRoundTrips } from './round-trips';

/**
 * The ceiling this stack can reach on this machine: a bare `node:http` server that reads the
 * JSON body, does one autocommit single-row INSERT per request and answers 201, with as many
 * connections as the app's pool.
 */
const start = async (): Promise<void> => {
  const roundTrips = countRoundTrips();
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_ceiling_requests (position bigserial PRIMARY KEY, data jsonb NOT NULL)`);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      pool
        .query({ name: 'bench.ceiling-insert', text: 'INSERT INTO bench_ceiling_requests (data) VALUES ($1) RETURNING position', values: [Buffer.concat(chunks).toString('utf8')] })
        .then(({ rows }) => {
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ position: rows[0].position }));
        })
        .catch(() => response.writeHead(500).end());
    });
  });
  roundTrips.attach(server);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveParent(`http://127.0.0.1:${port}`, roundTrips.counts, async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  });
};

start().catch((error: unknown) => {
  process.stderr.write(`bench ceiling server could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
