import type { DataRights } from '#src/features/consultation/data-rights.ts';
import type { SettingsService } from '#src/features/settings/service.ts';

/**
 * The retention period of consultation requests: closed and spam requests untouched for the number
 * of days in the staff settings (consultationRetentionDays) are anonymised, as an erasure does it.
 * The rule and its SQL belong to the consultation feature (DataRights.anonymiseExpired); this only
 * runs it on a timer, in every app process: a request another process got to first is skipped, so
 * several processes on one PostgreSQL database do no harm.
 */

type LogFn = (details: Record<string, unknown>, message: string) => void;
/** The shape of a pino / Fastify logger (and of console). */
interface RetentionLog {
  info: LogFn;
  error: LogFn;
}

interface RetentionDeps {
  dataRights: Pick<DataRights, 'anonymiseExpired'>;
  settings: Pick<SettingsService, 'staff'>;
}

/** A generous ceiling on batches per run, so a run always ends; what is left waits for the next one. */
const MAX_BATCHES = 100;

/** One run: every request past the period, in batches; returns how many were anonymised. */
export async function anonymiseExpired(deps: RetentionDeps): Promise<number> {
  const { consultationRetentionDays } = await deps.settings.staff();
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const { anonymised, more } = await deps.dataRights.anonymiseExpired(consultationRetentionDays);
    total += anonymised;
    if (!more) break;
  }
  return total;
}

export interface RetentionJob {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs at once (a process that restarts often must not miss its turn) and then every `intervalMs`
 * (an hour by default); a run still busy when the timer fires is not overlapped. Errors are logged,
 * never thrown: the next run tries again.
 */
export function startRetentionJob(o: RetentionDeps & { log: RetentionLog; intervalMs?: number }): RetentionJob {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = anonymiseExpired(o)
      .then(
        (n) => {
          if (n > 0) o.log.info({ anonymised: n }, 'retention: consultation requests past the retention period anonymised');
        },
        (err: unknown) => o.log.error({ err }, 'retention: run failed; trying again at the next one'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, o.intervalMs ?? 3_600_000);
  // The job alone must not keep the process alive; stop() is the orderly way out.
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
