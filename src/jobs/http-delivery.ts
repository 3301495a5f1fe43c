// One HTTP request of an outbox delivery (webhook, SMS / WhatsApp gateway): resolves on a 2xx
// answer, rejects with a one-line reason on anything else, so the worker retries it.

export interface HttpDelivery {
  url: string;
  method: 'GET' | 'POST';
  headers: [string, string][];
  body?: string;
}

/** 10 s: a worker holds a lease on the row while it waits, and the outbox retries a slow receiver later. */
export const HTTP_TIMEOUT_MS = 10_000;

export async function deliverOverHttp(d: HttpDelivery, timeoutMs: number = HTTP_TIMEOUT_MS): Promise<void> {
  // Errors name the host, never the whole URL: a GET gateway's query string may hold its API key.
  const host = new URL(d.url).host;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    // Redirects are not followed: a signed request or a patient's number must not be re-sent to an
    // address nobody configured (and a 302 would turn the POST into a GET). Set the final URL.
    res = await fetch(d.url, { method: d.method, headers: d.headers, body: d.body, redirect: 'manual', signal });
  } catch (err) {
    throw new Error(`${host}: ${fetchFailure(err, timeoutMs)}`, { cause: err });
  }
  if (res.status >= 200 && res.status < 300) {
    // Not read, but released, so the connection can be reused.
    await res.body?.cancel();
    return;
  }
  // The start of the answer often says why (a gateway's error JSON); one short line is enough.
  const answer = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 120);
  throw new Error(`${host} answered HTTP ${res.status}${answer ? `: ${answer}` : ''}`);
}

/**
 * fetch rejects with "fetch failed" and the real reason in `cause`: "connect ECONNREFUSED …",
 * "getaddrinfo ENOTFOUND …", or "other side closed" (UND_ERR_SOCKET) when a kept-alive connection died.
 */
function fetchFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : '';
  if (code && message) return message.includes(code) ? message : `${code}: ${message}`;
  return code || message || (err instanceof Error ? err.message : String(err));
}
