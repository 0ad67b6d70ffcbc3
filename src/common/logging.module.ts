import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/** Everything a log line may never carry. Bodies are not logged at all. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

/**
 * Structured JSON logs. Requests are logged by Fastify hooks (request-log.ts), not by pino-http's middleware: its
 * child logger, serializers and line per request were most of the framework's CPU per request at the default level.
 * The request id (X-Request-Id when it is sane, see bootstrap.ts) is on every request line and on every error.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // No route gets the middleware: the root logger below is what the app and the request hooks write through.
          forRoutes: [],
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // The URL is logged without its query string (nothing secret belongs there, but be sure) and without a
            // signed file link's token, which opens the file for as long as it lasts.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url.split('?')[0].replace(/^\/api\/files\/[^/]+/, '/api/files/[redacted]'),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
