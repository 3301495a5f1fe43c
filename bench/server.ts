import { bootApp } from './boot.ts';
import { serveChild } from './child.ts';

// The app under test, alone in its own process (started by bench/article.ts).
const app = await bootApp();
await app.fastify.listen({ host: '127.0.0.1', port: 0 });
serveChild(app.fastify.server, () => app.close());
