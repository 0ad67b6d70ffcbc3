import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { links, removeAttachment } from '../../api/attachments';
import type { AttachmentDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { locale, t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { GroupContext } from '../groups/group-context';
import { formatSize, kindLabel } from './file-format';
import { FileIcon } from './file-icon';
import { linkCache, markRemoved, removedFiles, watchRemovals } from './file-state';

/** Content types the server sends `inline` (safe raster images and PDF): opened in a tab; the rest download. */
const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** The files of a message, proposal, action or note; removed ones (live or here) are left out. */
export function FileList({ files, label }: { files: AttachmentDto[]; label?: string }) {
  useEffect(watchRemovals, []);
  const removed = removedFiles.value;
  const shown = files.filter((file) => !removed.has(file.id));
  if (shown.length === 0) return null;
  return (
    <ul class="file-list" aria-label={label ?? t('files.list')}>
      {shown.map((file) => (
        <li key={file.id}>
          <FileCard file={file} />
        </li>
      ))}
    </ul>
  );
}

/**
 * One file: its kind as an icon and in words, the name (in its own direction), size, pages, a thumbnail, and a link
 * that opens or downloads it.
 *
 * The link is signed and short-lived, so it is fetched just in time: when the pointer or focus reaches the link
 * (the href is then a fresh signed address and the browser follows it natively, which no popup blocker stops), or on
 * the click itself when that was too early. Then a viewable file (image, PDF) opens in a tab opened synchronously in
 * the click, before waiting for the link (a tab opened after an await counts as a popup in Safari and, after a
 * few seconds, in Chromium); everything else downloads through an `<a download>` click, which never navigates.
 */
export function FileCard({ file }: { file: AttachmentDto }) {
  const group = useContext(GroupContext);
  const me = currentUser.value?.id;
  const [thumbnail, setThumbnail] = useState<string | null>(null);
  const [href, setHref] = useState<{ url: string; until: number } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const viewable = VIEWABLE.has(file.contentType);
  const mayRemove = !!group && (group.canManage || (group.canWrite && !!me && file.uploader?.id === me));

  useEffect(() => {
    if (!file.hasThumbnail) return;
    let current = true;
    void linkCache.get(file.id, 'thumbnail').then((url) => current && setThumbnail(url));
    return () => {
      current = false;
    };
  }, [file.id, file.hasThumbnail]);

  const fresh = () => (href && href.until > Date.now() ? href.url : null);
  const prepare = () => {
    if (fresh()) return;
    void linkCache.get(file.id, 'file').then((url) => {
      // The cache hands out links with at least 20 s left; keep them a little less than that here.
      if (url) setHref({ url, until: Date.now() + 15_000 });
    });
  };

  const open = async (event: MouseEvent) => {
    if (fresh()) return; // the browser follows the fresh href itself
    event.preventDefault();
    const tab = viewable ? window.open('', '_blank') : null;
    try {
      const url = (await links([file.id], 'file'))[file.id]?.url;
      if (!url) throw new Error(t('error.notFound'));
      setHref({ url, until: Date.now() + 15_000 });
      if (tab) {
        tab.opener = null;
        tab.location.replace(url);
      } else if (viewable) {
        window.location.assign(url); // the tab was blocked after all: open it here
      } else {
        const link = document.createElement('a');
        link.href = url;
        link.download = file.name;
        link.click();
      }
    } catch (failure) {
      tab?.close();
      setError(failure);
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await removeAttachment(file.id);
      markRemoved(file.id);
      announce(t('files.removed'));
    } catch (failure) {
      setError(failure);
    }
  };

  const kind = kindLabel(file.kind, locale.value);
  return (
    <div class={`file-card kind-${file.kind}`} data-attachment-id={file.id} data-kind={file.kind}>
      {thumbnail ? (
        <img
          class="file-thumbnail"
          src={thumbnail}
          alt={t('files.thumbnail', { name: file.name })}
          loading="lazy"
          // A lazy image first loaded after its link expired: the kind's icon instead, and a fresh link next time.
          onError={() => {
            linkCache.forget(file.id);
            setThumbnail(null);
          }}
        />
      ) : (
        <FileIcon kind={file.kind} />
      )}
      <div class="file-text">
        <a
          class="file-name"
          href={href?.url ?? '#'}
          {...(viewable ? { target: '_blank', rel: 'noopener' } : { download: file.name })}
          onPointerEnter={prepare}
          onFocus={prepare}
          onClick={(event) => void open(event)}
          data-testid="file-link"
        >
          {/* Isolated in its own direction; the line itself keeps the page's, so names line up with the text. */}
          <bdi>{file.name}</bdi>
        </a>
        <span class="meta">
          <span class="file-kind">{kind}</span> · <span class="file-size">{formatSize(file.size, locale.value)}</span>
          {file.kind === 'pdf' && file.pageCount !== null && <> · {tn('files.pages', file.pageCount)}</>}
          {file.uploader && (
            <>
              {' · '}
              <SharedBy name={file.uploader.displayName} />
            </>
          )}
        </span>
        {mayRemove &&
          (confirming ? (
            <span class="confirm" role="group" aria-label={t('files.confirmRemove')}>
              {t('files.confirmRemove')}{' '}
              <button type="button" class="button-danger" onClick={() => void remove()}>
                {t('files.remove')}
              </button>{' '}
              <button
                type="button"
                class="button-link"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => removeButton.current?.focus());
                }}
              >
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button
              ref={removeButton}
              type="button"
              class="button-link file-remove"
              aria-label={`${t('files.remove')}: ${file.name}`}
              onClick={() => setConfirming(true)}
            >
              {t('files.remove')}
            </button>
          ))}
        <ErrorNote error={error} />
      </div>
    </div>
  );
}

/** "Shared by {name}" with the name isolated in its own direction, wherever the language puts it. */
function SharedBy({ name }: { name: string }) {
  const [before, after = ''] = t('files.sharedBy', { name: '\u0001' }).split('\u0001');
  return (
    <span>
      {before}
      <bdi>{name}</bdi>
      {after}
    </span>
  );
}
