import type { OutboxRow } from '#src/db/types.ts';

// What the outbox worker needs from each kind of message (email, webhook, text message). It lives
// apart from outbox.ts so that the senders and the worker that holds them do not import each other.

/** The kinds of outbox rows, as stored in `outbox.kind`. */
export const EMAIL = 'email';
export const WEBHOOK = 'webhook';
export const TEXT_MESSAGE = 'text-message';

export interface OutboxSender {
  /**
   * Delivers one claimed row at `at` (the worker's clock). Resolves once the other side has it;
   * rejects to have it retried, or with `UnreadablePayload` to give it up at once.
   */
  send(row: OutboxRow, at: Date): Promise<void>;
}

/** A payload that cannot be read will not become readable by waiting: the row is failed at once. */
export class UnreadablePayload extends Error {
  constructor(kind: string) {
    super(`unreadable ${kind} payload`);
    this.name = 'UnreadablePayload';
  }
}

/** JSON.parse that gives null instead of throwing, for payloads written by an older version or by hand. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
