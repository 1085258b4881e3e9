import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';
import { maskPersonalText } from '../people/masking';

/** Masks personal data in every string of a logged value (depth-limited: logs are small). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * JSON logs. Personal data is never logged on purpose; what slips in through error messages (a
 * driver's "Key (id_number)=(...)", a query's parameters) is masked like API output, and tokens and
 * passwords are redacted.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'env'>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.env === 'test' && config.logLevel === 'info' ? 'silent' : config.logLevel,
      base: { service: 'gridgov' },
      serializers: { err: (err: Error) => scrub(pino.stdSerializers.err(err)) },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string itself (`log.info(obj, msg)`).
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)) as typeof args,
          );
        },
      },
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
    },
    destination,
  );
}
