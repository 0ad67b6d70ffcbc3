import { useEffect, useRef, useState } from 'preact/hooks';
import { loadOutgoingMail, loadWrittenMessage } from '../../api/mail';
import type { FailedJob, NotificationType, OutgoingEmailDto, OutgoingMailDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { formatDateTime, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { typeName } from '../account/delivery-text';

/** An email's kind in the reader's language: a notification's type, or one of the emails that are not notices. */
function kindText(kind: string): string {
  switch (kind) {
    case 'invitation':
      return t('adminMail.kind.invitation');
    case 'digest':
      return t('adminMail.kind.digest');
    case 'password-reset':
      return t('adminMail.kind.password-reset');
    case 'email-verification':
      return t('adminMail.kind.email-verification');
    default:
      // Every other kind is a notification's type (`message.mentioned`).
      return kind.includes('.') ? typeName(kind as NotificationType) : kind;
  }
}

function jobOutput(job: FailedJob): string {
  const output = job.output as { message?: unknown } | null;
  if (output && typeof output.message === 'string') return output.message;
  return output === null || output === undefined ? '' : JSON.stringify(output);
}

/**
 * `/admin/mail`, the workspace admin's: every email the server made, newest first, what became of it, and the
 * jobs that failed for good. A written email (no SMTP configured) opens as its raw text, never as HTML.
 */
export function OutgoingMail() {
  const [data, setData] = useState<OutgoingMailDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ email: OutgoingEmailDto; text: string } | null>(null);
  const viewer = useRef<HTMLHeadingElement>(null);

  const load = (cursor: string | null) =>
    loadOutgoingMail(cursor).then(
      (page) =>
        setData((previous) => (cursor && previous ? { ...page, items: [...previous.items, ...page.items] } : page)),
      setError,
    );

  useEffect(() => {
    if (currentUser.value?.isAdmin) void load(null);
  }, []);
  useEffect(() => viewer.current?.focus(), [open?.email.id]);

  const view = (email: OutgoingEmailDto) =>
    loadWrittenMessage(email.id).then((text) => setOpen({ email, text }), setError);

  if (!currentUser.value?.isAdmin) {
    return (
      <Page title={t('adminMail.title')}>
        <p class="error-note">{t('error.forbidden')}</p>
      </Page>
    );
  }

  return (
    <Page title={t('adminMail.title')}>
      {data && !data.smtp && (
        <p class="notice" role="status" data-testid="smtp-not-configured">
          {t('adminMail.notConfigured')}
        </p>
      )}
      <ErrorNote error={error} />
      {!data ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : data.items.length === 0 ? (
        <p class="muted">{t('adminMail.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="outgoing-mail">
            <thead>
              <tr>
                <th scope="col">{t('adminMail.to')}</th>
                <th scope="col">{t('adminMail.kind')}</th>
                <th scope="col">{t('adminMail.subject')}</th>
                <th scope="col">{t('adminMail.status')}</th>
                <th scope="col">{t('adminMail.error')}</th>
                <th scope="col">{t('adminMail.attempts')}</th>
                <th scope="col">{t('adminMail.time')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('adminMail.view')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((email) => (
                <tr key={email.id} data-email-id={email.id}>
                  <td dir="ltr">{email.to}</td>
                  <td>{kindText(email.kind)}</td>
                  <td dir="auto">{email.subject}</td>
                  <td>{t(`mailStatus.${email.status}`)}</td>
                  <td dir="auto">{email.error}</td>
                  <td>{email.attempts}</td>
                  <td>
                    <time dateTime={email.createdAt}>{formatDateTime(email.createdAt)}</time>
                  </td>
                  <td>
                    {email.written && (
                      <button
                        type="button"
                        class="button-quiet"
                        aria-label={t('adminMail.viewLabel', { to: email.to ?? '', subject: email.subject ?? '' })}
                        onClick={() => void view(email)}
                      >
                        {t('adminMail.view')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data?.nextCursor && (
        <button type="button" class="button-quiet" onClick={() => void load(data.nextCursor)}>
          {t('common.more')}
        </button>
      )}
      {open && (
        <section class="card" aria-labelledby="message-title">
          <h2 id="message-title" tabIndex={-1} ref={viewer} dir="auto">
            {t('adminMail.message')}: {open.email.subject}
          </h2>
          {/* The raw message as text: whatever HTML it holds is shown, never rendered. */}
          <pre class="raw-email" dir="ltr" data-testid="raw-email">
            {open.text}
          </pre>
          <button type="button" class="button-quiet" onClick={() => setOpen(null)}>
            {t('adminMail.close')}
          </button>
        </section>
      )}
      {data && <FailedJobs jobs={data.failedJobs} />}
    </Page>
  );
}

function FailedJobs({ jobs }: { jobs: FailedJob[] }) {
  return (
    <section class="card" aria-labelledby="failed-jobs-title">
      <h2 id="failed-jobs-title">{t('adminMail.failedJobs')}</h2>
      {jobs.length === 0 ? (
        <p class="muted">{t('adminMail.noFailedJobs')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="failed-jobs">
            <thead>
              <tr>
                <th scope="col">{t('adminMail.job')}</th>
                <th scope="col">{t('adminMail.retries')}</th>
                <th scope="col">{t('adminMail.time')}</th>
                <th scope="col">{t('adminMail.output')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td dir="ltr">{job.name}</td>
                  <td>{job.retryCount}</td>
                  <td>{formatDateTime(job.completedOn ?? job.createdOn)}</td>
                  <td dir="ltr">{jobOutput(job)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
