import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { DomainEventName, DomainEvents } from './events';

interface Pending {
  name: DomainEventName;
  payload: unknown;
}

/** Where a transaction's query runner holds the events that wait for its commit. */
const PENDING = 'tansiq.afterCommit';

/**
 * A typed face on the in-process emitter: services emit only events named in DomainEvents, with their payloads.
 * `emitAfterCommit` is the one rule for events raised inside a transaction (every feed event, a notify()): they wait
 * on the transaction's query runner and are emitted, in order, when it commits; its rollback drops them (nothing here rolls back to a savepoint). The bus is a
 * TypeORM subscriber to every transaction of the data source, so no call site needs a transaction helper of its own.
 */
@Injectable()
export class DomainEventBus implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(DomainEventBus.name);
  /** Listeners still at work (most are async: notifications, mail, audit). */
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
    const failed = (error: unknown) =>
      // A listener's failure must never fail the write that caused it: the change is committed.
      this.logger.error(`A listener of ${name} failed: ${(error as Error).message}`);
    try {
      // Listeners are called at once, in order, as by emit(); the promise only tells when the async ones are done.
      const done: Promise<unknown> = this.emitter
        .emitAsync(name, payload)
        .catch(failed)
        .finally(() => this.running.delete(done));
      this.running.add(done);
    } catch (error) {
      failed(error);
    }
  }

  /**
   * Resolves once every listener started so far, and any it started in turn, has finished. A command-line run (the
   * seed, a password reset) waits for it before closing the app, so no after-commit work meets a closed pool.
   */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Inside a transaction: emitted once it commits, dropped if it rolls back. Outside one the write has committed. */
  emitAfterCommit<K extends DomainEventName>(db: EntityManager, name: K, payload: DomainEvents[K]): void {
    const runner = db.queryRunner;
    if (runner?.isTransactionActive) pending(runner).push({ name, payload });
    else this.emit(name, payload);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint was released: the transaction goes on
    for (const { name, payload } of take(queryRunner)) this.emit(name, payload as DomainEvents[typeof name]);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) take(queryRunner);
  }
}

function pending(runner: QueryRunner): Pending[] {
  const data = runner.data as Record<string, Pending[] | undefined>;
  return (data[PENDING] ??= []);
}

function take(runner: QueryRunner): Pending[] {
  const data = runner.data as Record<string, Pending[] | undefined>;
  const events = data[PENDING] ?? [];
  delete data[PENDING];
  return events;
}
