import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { DomainEventBus } from './domain-event-bus';
import { DomainEvents } from './events';

/** A query runner as far as the bus looks at one: its data bag and whether a transaction is open. */
function fakeTransaction(): { runner: QueryRunner; tx: EntityManager } {
  const runner = { data: {}, isTransactionActive: true } as unknown as QueryRunner;
  return { runner, tx: { queryRunner: runner } as unknown as EntityManager };
}

const created = (groupId: string): DomainEvents['GroupCreated'] => ({ groupId });

describe('domain event bus, after commit', () => {
  let emitter: EventEmitter2;
  let bus: DomainEventBus;
  let heard: string[];

  beforeEach(() => {
    emitter = new EventEmitter2();
    bus = new DomainEventBus(emitter, { subscribers: [] } as unknown as DataSource);
    heard = [];
    emitter.on('GroupCreated', ({ groupId }: DomainEvents['GroupCreated']) => heard.push(groupId));
  });

  const commit = (runner: QueryRunner) => {
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    bus.afterTransactionCommit({ queryRunner: runner } as TransactionCommitEvent);
  };

  it('holds what is emitted in a transaction until it commits, then emits it in order, once', () => {
    const { runner, tx } = fakeTransaction();
    bus.emitAfterCommit(tx, 'GroupCreated', created('a'));
    bus.emitAfterCommit(tx, 'GroupCreated', created('b'));
    expect(heard).toEqual([]);
    commit(runner);
    commit(runner);
    expect(heard).toEqual(['a', 'b']);
  });

  it('drops what a rolled-back transaction emitted', () => {
    const { runner, tx } = fakeTransaction();
    bus.emitAfterCommit(tx, 'GroupCreated', created('a'));
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    bus.afterTransactionRollback({ queryRunner: runner } as TransactionRollbackEvent);
    commit(runner);
    expect(heard).toEqual([]);
  });

  it('waits for the outer commit when a savepoint is released', () => {
    const { runner, tx } = fakeTransaction();
    bus.emitAfterCommit(tx, 'GroupCreated', created('a'));
    bus.afterTransactionCommit({ queryRunner: runner } as TransactionCommitEvent); // still active: a savepoint
    expect(heard).toEqual([]);
    commit(runner);
    expect(heard).toEqual(['a']);
  });

  it('emits at once outside a transaction: the statement has committed', () => {
    bus.emitAfterCommit({ queryRunner: undefined } as unknown as EntityManager, 'GroupCreated', created('a'));
    expect(heard).toEqual(['a']);
  });

  it("never lets a listener's failure reach the committed write", () => {
    emitter.on('GroupCreated', () => {
      throw new Error('listener broke');
    });
    const { runner, tx } = fakeTransaction();
    bus.emitAfterCommit(tx, 'GroupCreated', created('a'));
    expect(() => commit(runner)).not.toThrow();
    expect(heard).toEqual(['a']);
  });
});

describe('domain event bus, settled', () => {
  it('resolves only once the async listeners of what was emitted have finished, those they set off included', async () => {
    const emitter = new EventEmitter2();
    const bus = new DomainEventBus(emitter, { subscribers: [] } as unknown as DataSource);
    const finished: string[] = [];
    const later = () => new Promise((resolve) => setTimeout(resolve, 20));
    emitter.on('GroupCreated', async ({ groupId }: DomainEvents['GroupCreated']) => {
      await later();
      finished.push(groupId);
      if (groupId === 'a') bus.emit('GroupCreated', created('b'));
    });
    bus.emit('GroupCreated', created('a'));
    expect(finished).toEqual([]);
    await bus.settled();
    expect(finished).toEqual(['a', 'b']);
  });

  it('logs a failing listener instead of rejecting, and still settles', async () => {
    const emitter = new EventEmitter2();
    const bus = new DomainEventBus(emitter, { subscribers: [] } as unknown as DataSource);
    emitter.on('GroupCreated', () => Promise.reject(new Error('boom')));
    bus.emit('GroupCreated', created('a'));
    await expect(bus.settled()).resolves.toBeUndefined();
  });
});
