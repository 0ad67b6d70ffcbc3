/**
 * Domain events: what happened, emitted by services after their transaction commits.
 * The realtime listener is the one place that turns them into socket pushes and notifications.
 */
export interface DomainEvents {
  /** A session ended (logout, refresh-token reuse, password change): its sockets must close. */
  SessionRevoked: { userId: string; sessionId: string | null; reason: string };
}

export type DomainEventName = keyof DomainEvents;
