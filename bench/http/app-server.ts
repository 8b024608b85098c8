import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { benchMasterKey } from '../master-key';
import { benchSignInEnvironment } from '../sign-in';
import { serveParent } from './child';
import { countRoundTrips } from './round-trips';

/**
 * The app as `npm start` runs it, in a process of its own so that the load generator does not
 * share its event loop, on the bench database (`BENCH_DATABASE_URL`), with its statements to
 * PostgreSQL counted.
 */
const start = async (): Promise<void> => {
  const roundTrips = countRoundTrips();
  benchSignInEnvironment();
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ databaseUrl, masterKey: benchMasterKey }), { logger: false, bodyParser: false });
  configureApp(app);
  roundTrips.attach(app.getHttpServer());
  await app.listen(0, '127.0.0.1');
  serveParent(await app.getUrl(), roundTrips.counts, () => app.close());
};

start().catch((error: unknown) => {
  process.stderr.write(`bench app server could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
