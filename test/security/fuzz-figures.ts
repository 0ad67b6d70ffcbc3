import { INestApplication, LoggerService } from '@nestjs/common';

/** How many generated payloads each suite sends: short by default, `FUZZ_RUNS=1000 FUZZ_FRAMES=10000` in full mode. */
export const FUZZ_RUNS = positive('FUZZ_RUNS', 60);
export const FUZZ_FRAMES = positive('FUZZ_FRAMES', 1000);
/** Printed, and settable, so that any failure can be replayed exactly. */
export const FUZZ_SEED = positive('FUZZ_SEED', Date.now() % 2 ** 31);
/** Only the routes or events whose name contains this text (to replay one failure). */
export const FUZZ_ONLY = process.env.FUZZ_ONLY ?? '';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** A stable per-name seed, so filtering with FUZZ_ONLY replays the same payloads for that name. */
export function seedFor(name: string): number {
  let hash = FUZZ_SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** Counts per figure, with the first few offending cases kept to print when a figure that must be 0 is not. */
export class Figures {
  private readonly counts = new Map<string, number>();
  private readonly samples = new Map<string, string[]>();
  private readonly kinds = new Set<string>();

  add(figure: string, by = 1): void {
    this.counts.set(figure, (this.counts.get(figure) ?? 0) + by);
  }

  get(figure: string): number {
    return this.counts.get(figure) ?? 0;
  }

  /** A case that breaks a rule: counted under `figure`, and kept (a few per figure) to explain the failure. */
  violation(figure: string, sample: string, kind = ''): void {
    this.add(figure);
    const kept = this.samples.get(figure) ?? [];
    // The first few, and the first of each kind (e.g. each cause of a 500): a rare cause is not hidden by a common one.
    const newKind = kind !== '' && !this.kinds.has(`${figure}\u0000${kind}`);
    if (kept.length < 5 || (newKind && kept.length < 20)) kept.push(sample);
    if (kind) this.kinds.add(`${figure}\u0000${kind}`);
    this.samples.set(figure, kept);
  }

  /** Every figure with its count, most frequent first, on one line. */
  summary(): string {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .map(([figure, count]) => `${figure} ×${count}`)
      .join(', ');
  }

  /** Prints one line per figure, in the order given. */
  print(title: string, figures: string[]): void {
    for (const figure of figures) console.log(`[fuzz] ${title}: ${figure}: ${this.get(figure)}`);
  }

  /** The kept cases of the figures that are not 0, for an assertion message. */
  explain(figures: string[]): string {
    return figures
      .filter((figure) => this.get(figure) > 0)
      .map((figure) => `${figure} (${this.get(figure)}):\n  ${(this.samples.get(figure) ?? []).join('\n  ')}`)
      .join('\n');
  }

  /** The figures that must be 0 and are not, as `{ figure: count }` (an empty object when all hold). */
  nonZero(figures: string[]): Record<string, number> {
    return Object.fromEntries(figures.filter((figure) => this.get(figure) > 0).map((f) => [f, this.get(f)]));
  }
}

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

/** A stack frame, a dependency path or a source path in a response body. */
export function leaksInternals(body: string): boolean {
  return STACK_TRACE.test(body) || body.includes('node_modules') || body.includes('/src/');
}

// `code`: the stable code of every ErrorResponse (src/common/errors/texts/en.ts); `params` fill its text.
const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'code', 'params', 'details', 'current']);
const CODE = /^[a-z0-9-]+$/;

/**
 * What is wrong with an error body, or null when it is
 * `{ statusCode, error, code, message[, params][, details: { field, code, message }[]][, current] }`.
 */
export function errorShapeProblem(status: number, body: unknown, contentType: string | undefined): string | null {
  if (!contentType?.startsWith('application/json')) return `content-type ${contentType ?? 'none'}`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not a JSON object';
  const record = body as Record<string, unknown>;
  const unexpected = Object.keys(record).filter((key) => !ERROR_KEYS.has(key));
  if (unexpected.length) return `unexpected keys ${unexpected.join(', ')}`;
  if (record.statusCode !== status) return `statusCode ${String(record.statusCode)} on a ${status}`;
  if (typeof record.error !== 'string' || typeof record.message !== 'string') return 'error or message not a string';
  if (typeof record.code !== 'string' || !CODE.test(record.code)) return 'code is missing or not kebab-case';
  if (record.details !== undefined) {
    const details = record.details;
    const wellFormed =
      Array.isArray(details) &&
      details.every(
        (d: unknown) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as Record<string, unknown>).field === 'string' &&
          CODE.test(String((d as Record<string, unknown>).code)) &&
          typeof (d as Record<string, unknown>).message === 'string',
      );
    if (!wellFormed) return 'details is not a list of { field, code, message }';
  }
  return null;
}

/**
 * Everything the app logs at error level and every uncaught exception or unhandled rejection in this process
 * while the fuzzers run: "the app did not notice anything went wrong" is part of what is asserted.
 */
export class ErrorWatch {
  readonly appErrors: string[] = [];
  readonly unhandled: string[] = [];
  /** The request each logged error was about (the exception filter logs method and url), newest last. */
  private readonly requests: { request: string; cause: string }[] = [];
  private readonly onUncaught = (error: unknown) => this.unhandled.push(`uncaught: ${String(error)}`);
  private readonly onRejection = (reason: unknown) => this.unhandled.push(`unhandled rejection: ${String(reason)}`);

  start(app: INestApplication): void {
    const record =
      (level: string) =>
      (message: unknown, ...rest: unknown[]) => {
        this.appErrors.push(`${level}: ${describe(message)} ${rest.map(describe).join(' ')}`.slice(0, 600));
        const { method, url } = (message ?? {}) as { method?: unknown; url?: unknown };
        if (typeof method === 'string' && typeof url === 'string') {
          this.requests.push({ request: `${method} ${url}`, cause: describe(message) });
        }
      };
    const logger: LoggerService = {
      log: () => undefined,
      warn: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
      error: record('error'),
      fatal: record('fatal'),
    };
    app.useLogger(logger);
    process.on('uncaughtException', this.onUncaught);
    process.on('unhandledRejection', this.onRejection);
  }

  /** What the app logged for the latest failed request to `method url`, to name a 5xx's cause next to its payload. */
  causeOf(method: string, url: string): string {
    for (let i = this.requests.length - 1; i >= 0; i--) {
      if (this.requests[i].request === `${method} ${url}`) return this.requests[i].cause;
    }
    return 'cause not logged';
  }

  /** The distinct causes of the logged errors, most frequent first (ids and numbers blurred so they group). */
  causes(): string[] {
    const counts = new Map<string, number>();
    for (const line of this.appErrors) {
      const cause = line
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
        .replace(/\d+/g, 'N')
        .slice(0, 160);
      counts.set(cause, (counts.get(cause) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([cause, count]) => `${count}× ${cause}`);
  }

  stop(): void {
    process.off('uncaughtException', this.onUncaught);
    process.off('unhandledRejection', this.onRejection);
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) {
    const err = (value as { err?: unknown }).err;
    if (err instanceof Error) return `${err.name}: ${err.message}`;
    try {
      return JSON.stringify(value).slice(0, 300);
    } catch {
      return '[unprintable]';
    }
  }
  return String(value);
}

/** Own properties of Object.prototype and friends now: a payload that pollutes them shows up as a difference. */
export function prototypeSnapshot(): string[] {
  const names = (label: string, target: object) => Reflect.ownKeys(target).map((key) => `${label}.${String(key)}`);
  return [
    ...names('Object.prototype', Object.prototype),
    ...names('Array.prototype', Array.prototype),
    ...names('Function.prototype', Function.prototype),
    ...names('String.prototype', String.prototype),
  ].sort();
}

/** Markers the generated payloads try to plant on every object. */
export function pollutionMarkers(): Record<string, unknown> {
  const probe = {} as Record<string, unknown>;
  return { polluted: probe.polluted, isAdmin: probe.isAdmin, toString: typeof probe.toString };
}
