import { bootApp } from './boot.ts';
import { serveChild } from './child.ts';

// The app under test, alone in its own process (started by bench/article.ts or bench/lighthouse.ts).
// Given a port, it listens there and uses it in its public address (canonical links must be real for Lighthouse).
const port = Number(process.argv[2] ?? 0);
const app = await bootApp(port ? `http://127.0.0.1:${port}` : undefined);
await app.fastify.listen({ host: '127.0.0.1', port });
serveChild(app.fastify.server, () => app.close());
