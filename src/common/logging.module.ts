import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

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

/** Structured JSON logs with the request id on every line, taken from X-Request-Id when it is sane. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
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
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            // Probes and scrapes every few seconds would bury the requests people make.
            autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') === true || req.url === '/metrics' },
          },
        }),
      ],
    };
  }
}
