/** What a notification is about, as far as where it leads. */
export interface NotificationTarget {
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: object;
}

/**
 * The client path a notification leads to (the web client's routes), for the bell and for the deep link in its
 * email alike. Null when there is nowhere to go: an invitation is opened only with the secret link it came with.
 */
export function notificationPath(n: NotificationTarget): string | null {
  switch (n.subjectType) {
    case 'message': {
      const threadId = threadOf(n);
      return threadId && n.groupId ? `/groups/${n.groupId}/threads/${threadId}?message=${n.subjectId}` : null;
    }
    case 'thread':
      return n.groupId ? `/groups/${n.groupId}/threads/${n.subjectId}` : null;
    case 'group':
      return n.groupId ? `/groups/${n.groupId}` : null;
    case 'invitation':
      return null;
    case 'action':
      return n.subjectId ? `/actions/${n.subjectId}` : null;
    default:
      return n.groupId ? `/groups/${n.groupId}` : null;
  }
}

/** The thread a notification is in, if any: the thread itself, or the thread of the message it is about. */
export function threadOf(n: NotificationTarget): string | null {
  if (n.subjectType === 'thread') return n.subjectId;
  const threadId = 'threadId' in n.data ? n.data.threadId : null;
  return n.subjectType === 'message' && typeof threadId === 'string' ? threadId : null;
}
