import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import type { FastLane } from './fast-lane.ts';

interface TimeoutOptions {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
}

/**
 * Fastify's HTTP server with the fast lane in front of its handler. Fastify sets these timeouts on
 * a server it makes itself; on one it is given, that is left to the factory, so they are set here
 * from the same options.
 */
export function serverWithFastLane(lane: FastLane): FastifyServerFactory {
  return (handler, options) => {
    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (!lane.answer(req, res)) handler(req, res);
    });
    const timeouts = options as unknown as TimeoutOptions;
    server.keepAliveTimeout = timeouts.keepAliveTimeout;
    server.requestTimeout = timeouts.requestTimeout;
    server.setTimeout(timeouts.connectionTimeout);
    return server;
  };
}
