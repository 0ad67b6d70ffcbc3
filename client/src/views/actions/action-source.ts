import { getThread, listMessages } from '../../api/threads';
import { quote, titleFrom } from './action-source-text';

/** Where a new action item comes from, as its form's address names it. */
export interface ActionSourceRef {
  type: 'recommendation' | 'message';
  id: string;
  /** The message's thread (the address carries it: a message has no route of its own). */
  threadId?: string;
}

/** What the form fills in from the source, and the link back to it. */
export interface SourceDraft {
  title: string;
  description: string;
  threadTitle: string;
  /** The message's author, for a message. */
  author: string | null;
  href: string;
}

/**
 * Reads the source of a new action item: a recommendation gives its title and quotes its outcome (or, still open,
 * its proposal); a message gives its first line as the title and is quoted whole. `plain` turns sanitized HTML into
 * text (the browser's parser; passed in so this stays testable).
 */
export async function loadSource(
  groupId: string,
  source: ActionSourceRef,
  plain: (html: string) => string,
): Promise<SourceDraft | null> {
  if (source.type === 'recommendation') {
    const thread = await getThread(source.id);
    const said = thread.outcomeStatement ?? (thread.proposalHtml ? plain(thread.proposalHtml) : '');
    return {
      title: titleFrom(thread.title),
      description: said ? quote(said, null) : '',
      threadTitle: thread.title,
      author: null,
      href: `/groups/${groupId}/threads/${thread.id}`,
    };
  }
  if (!source.threadId) return null;
  const [thread, page] = await Promise.all([
    getThread(source.threadId),
    listMessages(source.threadId, { around: source.id }),
  ]);
  const message = page.items.find((m) => m.id === source.id);
  if (!message || message.deleted) return null;
  const text = plain(message.bodyHtml);
  const author = message.author?.displayName ?? null;
  return {
    title: titleFrom(text),
    description: quote(text, author),
    threadTitle: thread.title,
    author,
    href: `/groups/${groupId}/threads/${thread.id}?message=${message.id}`,
  };
}
