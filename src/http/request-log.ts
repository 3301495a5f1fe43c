import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export interface RequestLogOptions {
  /** A request that takes at least this long (ms) is logged at `warn`, whatever the level. */
  slowMs: number;
  /** One access line per request, at `debug`. */
  accessLines: boolean;
}

/**
 * What Fastify logs about each request. Its default, two `info` lines per request (incoming and
 * completed), cost more than half of a cached page's time; operators need the exceptions, so:
 * nothing for an ordinary request at `info`, a `warn` line for a slow one, an `error` line for a
 * response that failed on the socket (errors a route throws are logged by the error handler), and
 * one compact access line per request at `debug`.
 */
export class RequestLog extends LogController {
  private readonly slowMs: number;
  private readonly accessLines: boolean;

  constructor(options: RequestLogOptions) {
    super();
    this.slowMs = options.slowMs;
    this.accessLines = options.accessLines;
  }

  override incomingRequest(): void {
    // the access line, if any, is written once the answer is known
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    if (error) {
      reply.log.error({ err: error, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) }, 'response failed');
    } else if (ms >= this.slowMs) {
      reply.log.warn({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) }, 'slow request');
    } else if (this.accessLines) {
      reply.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  }
}
