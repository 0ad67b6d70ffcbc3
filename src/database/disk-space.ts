import { Inject, Injectable, OnModuleDestroy, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { freeBytes } from './embedded/data-dir';
import { FieldError } from '../common/error-response';
import { fieldError, refusal } from '../common/errors/refusal';

/**
 * Below this, writes are refused before PostgreSQL runs out of room: a table that cannot grow is a clean error, but
 * a WAL segment that cannot be created stops PostgreSQL altogether. 64 MiB is four WAL segments of headroom.
 */
export const WRITE_RESERVE_BYTES = 64 * 1024 * 1024;
const CHECK_EVERY_MS = 1000;

/**
 * Watches the free space under the embedded database (an external PostgreSQL watches its own disk). Reads go on when
 * the disk fills; writes are answered 503 with the reason until space returns, without a restart.
 */
@Injectable()
export class DiskSpace implements OnModuleInit, OnModuleDestroy {
  private free = Number.POSITIVE_INFINITY;
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.embeddedDatabase) return;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), CHECK_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Whether this process watches a disk at all: only the embedded database's (an external one watches its own). */
  get watched(): boolean {
    return this.config.embeddedDatabase;
  }

  /** Why writes are refused right now (the disk's field error, with the space left), or null when they are not. */
  problem(): FieldError | null {
    if (this.free >= WRITE_RESERVE_BYTES) return null;
    return fieldError('disk', 'disk-space-low', { free: Math.floor(this.free / 1048576) });
  }

  /** Throws the 503 that a write gets while the disk is full. */
  assertWritable(): void {
    if (this.problem()) throw diskFull();
  }

  private refresh(): void {
    try {
      this.free = freeBytes(this.config.dataDir);
    } catch {
      // The folder is unreadable for a moment: keep the last reading.
    }
  }
}

/** The 503 a write gets while the disk is full. */
export function diskFull(): ServiceUnavailableException {
  return new ServiceUnavailableException({ ...refusal('disk-full'), details: [fieldError('disk', 'disk-full')] });
}
