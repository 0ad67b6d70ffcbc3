import pino from 'pino';

const root = pino();

/**
 * The process's own lines outside the app's logger — boot failures before the app exists, the start-up banner, the
 * setup link, shutdown — as JSON like every other line, so a log pipeline reads one format from the first line to
 * the last. They are few and always wanted: LOG_LEVEL quiets them only when it is `silent` (it governs the
 * per-request lines), as the plain-text banner they replace was always printed.
 */
export const processLog = root.child({ context: 'Main' });

/** The admin CLI's lines (`node dist/cli.js …`): its one result, or its one error. */
export const cliLog = root.child({ context: 'CLI' });

/** The embedded PostgreSQL's own output (its LOG/FATAL lines), which LOG_LEVEL filters like the app's. */
export const postgresLog = root.child({ context: 'PostgreSQL' });

export function setLevel(level: pino.LevelWithSilent): void {
  postgresLog.level = level;
  if (level === 'silent' || level === 'debug' || level === 'trace') processLog.level = level;
}
