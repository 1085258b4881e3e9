import pino, { type Logger } from 'pino';
import type { Config } from '../config';

/** JSON logs; personal data is never logged, and tokens and passwords are redacted if they slip in. */
export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): Logger {
  return pino({
    level: config.env === 'test' && config.logLevel === 'info' ? 'silent' : config.logLevel,
    base: { service: 'gridgov' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        '*.password',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}
