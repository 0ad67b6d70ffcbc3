import type { MessageDto } from '../../api/server-types';
import type { PendingMessage } from '../../live/outbox';

/**
 * The pending messages still to show. The live `message.created` push and the acknowledgement race; when the
 * push wins, the stored message is on screen while its pending copy still waits for the ack. The push carries
 * no clientId, so a pending message is hidden when a stored one of ours with the same text and parent exists
 * that no earlier pending message has claimed. The ack then removes it for good.
 */
export function visiblePending(
  pending: PendingMessage[],
  stored: MessageDto[],
  me: string | undefined,
): PendingMessage[] {
  if (pending.length === 0) return pending;
  const claimed = new Set<string>();
  return pending.filter((p) => {
    if (p.status !== 'pending') return true;
    const copy = stored.find(
      (m) =>
        m.seq > p.afterSeq &&
        !claimed.has(m.id) &&
        m.author?.id === me &&
        m.body === p.body &&
        m.parentId === p.parentId,
    );
    if (!copy) return true;
    claimed.add(copy.id);
    return false;
  });
}
