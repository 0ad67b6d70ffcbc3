import { useState } from 'preact/hooks';
import { addComment } from '../../api/actions';
import type { ActionCommentDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { SafeHtml } from '../../ui/safe-html';
import { Time } from '../../ui/time';
import { useGroup } from '../groups/group-context';
import { EvidenceField, useFileDraft } from '../files/attach-control';
import { FileList } from '../files/file-card';

/** Comments (anyone who writes in the group) and progress notes (those responsible), oldest first. */
export function ActionComments({
  actionId,
  canReport,
  comments,
  onAdded,
}: {
  actionId: string;
  /** May write progress notes: a facilitator or someone responsible for the item. */
  canReport: boolean;
  comments: ActionCommentDto[];
  onAdded: (comment: ActionCommentDto) => void;
}) {
  const { group, canWrite } = useGroup();
  const evidence = useFileDraft(group.id);
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'comment' | 'progress'>('comment');
  const [error, setError] = useState<unknown>(null);
  return (
    <section class="card" aria-labelledby="action-comments">
      <h2 id="action-comments">{t('action.comments')}</h2>
      {comments.length === 0 ? (
        <p class="muted">{t('action.noComments')}</p>
      ) : (
        <ol class="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} class={comment.kind === 'progress' ? 'comment progress' : 'comment'}>
              <p class="meta">
                <strong dir="auto">{comment.author?.displayName ?? t('message.unknownAuthor')}</strong>{' '}
                {comment.kind === 'progress' && <span class="tag">{t('action.progressNote')}</span>}{' '}
                <Time iso={comment.createdAt} />
              </p>
              <SafeHtml html={comment.bodyHtml} />
              <FileList
                files={comment.attachments}
                label={comment.kind === 'progress' ? t('files.evidence') : undefined}
              />
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!body.trim() || evidence.busy) return;
            setError(null);
            // Files are the evidence of a progress note; a plain comment carries none.
            addComment(actionId, body.trim(), kind, kind === 'progress' ? evidence.ids : []).then((comment) => {
              onAdded(comment);
              setBody('');
              if (kind === 'progress') evidence.clear();
            }, setError);
          }}
        >
          <Field id="comment-body" label={t('action.addComment')}>
            <textarea
              {...described('comment-body')}
              rows={3}
              dir="auto"
              value={body}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </Field>
          {canReport && (
            <fieldset>
              <legend>{t('action.commentKind')}</legend>
              <label class="choice">
                <input
                  type="radio"
                  name="comment-kind"
                  checked={kind === 'comment'}
                  onChange={() => setKind('comment')}
                />{' '}
                {t('action.comment')}
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="comment-kind"
                  checked={kind === 'progress'}
                  onChange={() => setKind('progress')}
                />{' '}
                {t('action.progressNote')}
              </label>
            </fieldset>
          )}
          {kind === 'progress' && <EvidenceField draft={evidence} hintId="evidence-hint" />}
          <ErrorNote error={error} />
          <button
            type="submit"
            class="button-primary"
            disabled={!body.trim() || (kind === 'progress' && evidence.busy)}
          >
            {t('action.post')}
          </button>
        </form>
      )}
    </section>
  );
}
