import { signal } from '@preact/signals';
import type { ClientToServerEvents, MessageDto } from '../api/server-types';
import { isConnected, onConnected, request, SocketRequestError } from './socket';

/**
 * Optimistic sends. A message is shown at once as pending under a client-generated id, sent over the socket,
 * and replaced by the stored message when acknowledged. Until then it is retried on every reconnect with the
 * same `clientId`, which the server deduplicates, so a retry after a lost acknowledgement creates nothing new.
 */

export interface PendingMessage {
  clientId: string;
  groupId: string;
  threadId: string;
  parentId: string | null;
  body: string;
  /** Files uploaded for it (already stored, not yet attached): attached by the same write. */
  attachmentIds?: string[];
  /** Their names, shown with the pending message until the stored one (with its file cards) replaces it. */
  attachmentNames?: string[];
  /** The newest seq on screen when it was written: only a message stored after it can be its copy. */
  afterSeq: number;
  /** pending: will be (re)sent; failed: the server refused it (e.g. a closed recommendation), not retried. */
  status: 'pending' | 'failed';
  error?: string;
  createdAt: string;
}

type SendRequest = Parameters<ClientToServerEvents['message.send']>[0];

export const outbox = signal<PendingMessage[]>([]);

const sending = new Set<string>();
const ackListeners = new Set<(message: MessageDto, clientId: string) => void>();
const RETRY_MS = 4_000;

export function newClientId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export function onAcknowledged(listener: (message: MessageDto, clientId: string) => void): () => void {
  ackListeners.add(listener);
  return () => ackListeners.delete(listener);
}

export function sendMessage(
  draft: Pick<
    PendingMessage,
    'groupId' | 'threadId' | 'parentId' | 'body' | 'afterSeq' | 'attachmentIds' | 'attachmentNames'
  >,
): string {
  const pending: PendingMessage = {
    ...draft,
    clientId: newClientId(),
    status: 'pending',
    createdAt: new Date().toISOString(),
  };
  outbox.value = [...outbox.value, pending];
  void deliver(pending);
  return pending.clientId;
}

export function retry(clientId: string): void {
  update(clientId, { status: 'pending', error: undefined });
  const pending = outbox.value.find((p) => p.clientId === clientId);
  if (pending) void deliver(pending);
}

export function discard(clientId: string): void {
  outbox.value = outbox.value.filter((p) => p.clientId !== clientId);
}

function update(clientId: string, changes: Partial<PendingMessage>): void {
  outbox.value = outbox.value.map((p) => (p.clientId === clientId ? { ...p, ...changes } : p));
}

async function deliver(pending: PendingMessage): Promise<void> {
  if (sending.has(pending.clientId)) return;
  sending.add(pending.clientId);
  try {
    // Typed wider than the socket protocol of this branch until it names `attachmentIds` (the contract's field).
    const payload: SendRequest & { attachmentIds?: string[] } = {
      threadId: pending.threadId,
      body: pending.body,
      clientId: pending.clientId,
      ...(pending.parentId ? { parentId: pending.parentId } : {}),
      ...(pending.attachmentIds?.length ? { attachmentIds: pending.attachmentIds } : {}),
    };
    const posted = await request('message.send', payload);
    // Listeners insert the stored message in the same tick as the pending one leaves: no flicker, no duplicate.
    for (const listener of ackListeners) listener(posted.message, pending.clientId);
    discard(pending.clientId);
  } catch (error) {
    const refused = error instanceof SocketRequestError && error.error && error.error.statusCode < 500;
    if (refused && error.error!.statusCode !== 429) {
      update(pending.clientId, { status: 'failed', error: error.message });
    } else {
      // Not connected, timed out or a server hiccup: stays pending; the next connect (or, if still connected,
      // a timer) sends it again.
      if (isConnected()) setTimeout(() => flush(), RETRY_MS);
    }
  } finally {
    sending.delete(pending.clientId);
  }
}

function flush(): void {
  for (const pending of outbox.value) if (pending.status === 'pending') void deliver(pending);
}

export function startOutbox(): void {
  onConnected(flush);
}

export function clearOutbox(): void {
  outbox.value = [];
}
