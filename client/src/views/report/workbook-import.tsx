import { useState } from 'preact/hooks';
import { downloadWorkbook, importWorkbook } from '../../api/publishing';
import type { ImportResultDto } from '../../api/server-types';
import { formatNumber, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';

const ERROR_KEYS: Record<ImportResultDto['errors'][number]['code'], MessageKey> = {
  'action-item-not-found': 'workbook.error.actionItemNotFound',
  'invalid-percent': 'workbook.error.invalidPercent',
  'note-required': 'workbook.error.noteRequired',
  'action-item-responsible-only': 'workbook.error.responsibleOnly',
  'duplicate-row': 'workbook.error.duplicateRow',
};

const percent = (value: number | null) => (value === null ? '—' : `${formatNumber(value)}%`);

/**
 * The progress workbook: exported for a ministry's workplan, and read back with new progress. A file is first
 * previewed (changes, and wrong rows by their row number); Apply writes all of it, and only when no row is wrong.
 */
export function WorkbookImport({ groupId }: { groupId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (chosen: File, mode: 'preview' | 'apply') => {
    setBusy(true);
    setError(null);
    try {
      const answer = await importWorkbook(groupId, chosen, mode);
      setResult(answer);
      if (answer.applied) {
        announce(t('workbook.applied', { count: formatNumber(answer.changes.length) }));
        setFile(null);
      }
    } catch (failure) {
      setError(failure);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const canApply = !!file && !!result && !result.applied && result.errors.length === 0 && result.changes.length > 0;
  return (
    <section class="card no-print" aria-labelledby="workbook-title" data-testid="workbook">
      <h2 id="workbook-title">{t('workbook.title')}</h2>
      <p>{t('workbook.hint')}</p>
      <p class="button-row">
        <button type="button" class="button-quiet" onClick={() => downloadWorkbook(groupId).catch(setError)}>
          {t('workbook.export')}
        </button>
      </p>
      <label for="workbook-file">{t('workbook.import')}</label>
      <input
        id="workbook-file"
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={busy}
        onChange={(e) => {
          const chosen = e.currentTarget.files?.[0] ?? null;
          setFile(chosen);
          setResult(null);
          if (chosen) void run(chosen, 'preview');
        }}
      />
      <ErrorNote error={error} />
      {result && (
        <div data-testid="workbook-preview" aria-live="polite">
          {result.applied ? (
            <p role="status">{t('workbook.applied', { count: formatNumber(result.changes.length) })}</p>
          ) : result.changes.length === 0 && result.errors.length === 0 ? (
            <p>{t('workbook.noChanges')}</p>
          ) : null}
          {result.errors.length > 0 && (
            <div class="error-note" role="alert" data-testid="workbook-errors">
              <p>{t('workbook.refused')}</p>
              <ul>
                {result.errors.map((e, i) => (
                  <li key={i}>
                    {t('workbook.rowError', { row: formatNumber(e.row), problem: t(ERROR_KEYS[e.code]) })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.changes.length > 0 && (
            <table data-testid="workbook-changes">
              <caption>{result.applied ? t('workbook.appliedChanges') : t('workbook.changes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workbook.row')}</th>
                  <th scope="col">{t('workbook.action')}</th>
                  <th scope="col">{t('workbook.from')}</th>
                  <th scope="col">{t('workbook.to')}</th>
                </tr>
              </thead>
              <tbody>
                {result.changes.map((c) => (
                  <tr key={c.row}>
                    <td>{formatNumber(c.row)}</td>
                    <td dir="auto">{c.title}</td>
                    <td>{percent(c.from)}</td>
                    <td>{percent(c.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!result.applied && (
            <p class="button-row">
              <button
                type="button"
                class="button-primary"
                disabled={!canApply || busy}
                onClick={() => file && void run(file, 'apply')}
              >
                {t('workbook.apply')}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
