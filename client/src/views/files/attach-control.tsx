import type { ComponentChildren, RefObject } from 'preact';
import { Icon } from '../../ui/icons';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { removeAttachment, upload, type Upload } from '../../api/attachments';
import { ApiError } from '../../api/http';
import { locale, t } from '../../i18n/i18n';
import { errorText } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { formatSize, guessKind } from './file-format';
import { FileIcon } from './file-icon';
import { MAX_FILES, pendingFiles, percent, roomLeft, uploadedIds, uploading, type PendingFile } from './pending-files';
import { fileRefusalText } from './upload-error';

/** The files being attached to one write (a message, a proposal, an action, a progress note). */
export interface FileDraft {
  files: PendingFile[];
  /** What the write sends as `attachmentIds`. */
  ids: string[];
  /** True while a file is still uploading: the write waits (its send button is disabled). */
  busy: boolean;
  /** A note about the last pick (too many files), said in the language shown. */
  notice: string | null;
  add: (files: File[]) => void;
  remove: (key: string) => void;
  /** After the write succeeded: the chips go, the files now belong to it. */
  clear: () => void;
  /** The attach button, where focus goes back when a chip is removed (unless the form names another place). */
  button: RefObject<HTMLButtonElement | null>;
}

export function useFileDraft(groupId: string): FileDraft {
  const [files, dispatch] = useReducer(pendingFiles, []);
  const [notice, setNotice] = useState<string | null>(null);
  const uploads = useRef(new Map<string, Upload>());
  const button = useRef<HTMLButtonElement>(null);

  // Leaving the screen abandons what is still on its way.
  useEffect(() => {
    const running = uploads.current;
    return () => {
      for (const job of running.values()) job.abort();
      running.clear();
    };
  }, []);

  const add = (picked: File[]) => {
    const room = roomLeft(files);
    setNotice(picked.length > room ? t('files.tooMany', { max: MAX_FILES }) : null);
    for (const file of picked.slice(0, Math.max(0, room))) {
      const key = crypto.randomUUID();
      dispatch({ type: 'add', key, name: file.name, size: file.size });
      const job = upload(groupId, file, (sent) => dispatch({ type: 'progress', key, sent }));
      uploads.current.set(key, job);
      job.done.then(
        (attachment) => {
          dispatch({ type: 'done', key, attachment });
          announce(t('files.uploaded', { name: file.name }));
        },
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          dispatch({ type: 'failed', key, error });
          announce(`${file.name}: ${uploadErrorText(error)}`);
        },
      );
      void job.done.catch(() => undefined).finally(() => uploads.current.delete(key));
    }
  };

  const remove = (key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const file = files.find((f) => f.key === key);
    // An uploaded file nobody will send would wait a day for the cleanup, counting against the group's room.
    if (file?.attachment) void removeAttachment(file.attachment.id).catch(() => undefined);
    dispatch({ type: 'remove', key });
    setNotice(null);
  };

  return {
    files,
    ids: uploadedIds(files),
    busy: uploading(files),
    notice,
    button,
    add,
    remove,
    clear: () => {
      dispatch({ type: 'clear' });
      setNotice(null);
    },
  };
}

let inputs = 0;

/**
 * The attach button: a real button (named, keyboard operable) that opens the file picker. The file input itself is
 * hidden from sight and from the tab order; tests reach it with setInputFiles.
 */
export function AttachButton({
  draft,
  label = t('files.attach'),
  disabled,
  describedBy,
}: {
  draft: FileDraft;
  label?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [id] = useState(() => `file-input-${++inputs}`);
  return (
    <>
      <button
        ref={draft.button}
        type="button"
        class="button-quiet attach-button"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
        data-testid="attach-button"
      >
        <Icon name="paperclip" /> <span class="label">{label}</span>
      </button>
      <input
        id={id}
        ref={input}
        type="file"
        multiple
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        disabled={disabled}
        onChange={(event) => {
          const picked = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = ''; // the same file may be picked again after removing it
          if (picked.length) draft.add(picked);
        }}
      />
    </>
  );
}

/** The pending files as chips: name, size, progress, and a remove button that aborts and forgets the file. */
export function PendingChips({ draft, onRemoved }: { draft: FileDraft; onRemoved?: () => void }) {
  if (draft.files.length === 0 && !draft.notice) return null;
  return (
    <div class="pending-files">
      {draft.files.length > 0 && (
        <ul class="file-chips" aria-label={t('files.pending')} data-testid="file-chips">
          {draft.files.map((file) => (
            <li key={file.key} class={`file-chip ${file.status}`} data-status={file.status}>
              <FileIcon kind={guessKind(file.name)} />
              <span class="file-chip-text">
                <span class="file-name">
                  <bdi>{file.name}</bdi>
                </span>
                <span class="meta">
                  {formatSize(file.size, locale.value)}
                  {file.status === 'failed' && <> · {t('files.notUploaded')}</>}
                </span>
                {file.status === 'uploading' && (
                  <progress max={100} value={percent(file)} aria-label={t('files.uploading', { name: file.name })} />
                )}
                {file.status === 'failed' && (
                  <span class="field-error" role="alert">
                    {uploadErrorText(file.error)}
                  </span>
                )}
              </span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('files.removePending', { name: file.name })}
                onClick={() => {
                  draft.remove(file.key);
                  // The chip (and the focused button in it) is gone: focus goes where writing continues.
                  if (onRemoved) onRemoved();
                  else requestAnimationFrame(() => draft.button.current?.focus());
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {draft.notice && (
        <p class="field-error" role="alert">
          {draft.notice}
        </p>
      )}
    </div>
  );
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Makes an area (the composer, a form) accept dropped and pasted files. While files are dragged over it the area is
 * marked and a status line says where to drop them (announced to screen readers).
 */
export function DropZone({
  draft,
  disabled,
  class: className = '',
  children,
}: {
  draft: FileDraft;
  disabled?: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  if (disabled) return <div class={className}>{children}</div>;
  return (
    <div
      class={`drop-zone ${className}${dragging ? ' dragging' : ''}`}
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault(); // allows the drop
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        const dropped = [...(event.dataTransfer?.files ?? [])];
        depth.current = 0;
        setDragging(false);
        if (!dropped.length) return;
        event.preventDefault();
        draft.add(dropped);
      }}
      onPaste={(event) => {
        // A copied file (or screenshot) arrives as clipboard files; text pastes as usual.
        const pasted = [...(event.clipboardData?.files ?? [])];
        if (!pasted.length) return;
        event.preventDefault();
        draft.add(pasted);
      }}
    >
      {children}
      {/* Always there, so screen readers announce the text when it appears (a new live region may go unheard). */}
      <p class="drop-hint" role="status">
        {dragging ? t('files.dropHere') : ''}
      </p>
    </div>
  );
}

/** The evidence of a progress note or a claim: files dropped, pasted or chosen, with the hint saying how. */
export function EvidenceField({ draft, hintId }: { draft: FileDraft; hintId: string }) {
  return (
    <DropZone draft={draft}>
      <fieldset class="evidence">
        <legend>{t('files.evidence')}</legend>
        <AttachButton draft={draft} label={t('files.attachEvidence')} describedBy={hintId} />
        <p id={hintId} class="hint">
          {t('files.dropHint')}
        </p>
        <PendingChips draft={draft} />
      </fieldset>
    </DropZone>
  );
}

/** An upload's failure in the language shown: the client's words for refused files, the general texts otherwise. */
function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) return fileRefusalText(error.status, error.body, locale.value) ?? errorText(error);
  return errorText(error);
}
