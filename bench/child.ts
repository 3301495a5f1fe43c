import type { Server } from 'node:http';

/**
 * The child side of the parent's IPC channel: reports the port once listening, and exits when
 * told to or when the parent goes away (so no server outlives the bench).
 */
export function serveChild(server: Server, close: () => Promise<void>): void {
  const address = server.address();
  if (!process.send || address === null || typeof address === 'string') throw new Error('run me from bench/article.ts');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 3000).unref();
    void close().finally(() => process.exit(0));
  };
  process.on('message', (message) => {
    if (message === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send({ port: address.port });
}
