import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { canonicalIds } from './http/canonical-ids';
import { toErrorBody } from './http/domain-error.filter';
import { refuseDeepNesting, validationPipe } from './http/validation';
import { cspNonce, setUpWeb } from './web/setup-web';

/**
 * Everything about the HTTP app that is not a module: shared by main.ts and the e2e tests.
 * Security headers come from helmet; CORS stays off (no Access-Control-Allow-Origin), since the
 * API's own pages are served from the same origin and other systems call it server to server.
 */
export const configureApp = (app: INestApplication): INestApplication => {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (_request, response) => `'nonce-${String((response as Response).locals.cspNonce)}'`],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(express.json({ limit: '100kb' }), refuseDeepNesting);
  setUpWeb(app);
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const body = toErrorBody(error);
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  });
  app.useGlobalPipes(canonicalIds, validationPipe);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Safer Cases')
      .setDescription('Case management and target monitoring for the Barnet Safer Communities Partnership')
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
};
