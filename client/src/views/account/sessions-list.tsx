import { useState } from 'preact/hooks';
import { endSession, listSessions } from '../../api/security';
import type { SessionDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { Time } from '../../ui/time';
import { useLoad } from '../../ui/use-load';

/** The account's signed-in devices: browser, address, last seen; any but this one can be ended here. */
export function SessionsList() {
  const sessions = useLoad(listSessions, []);
  const [error, setError] = useState<unknown>(null);

  const end = (session: SessionDto) => {
    setError(null);
    endSession(session.id).then(() => {
      sessions.set((list) => list?.filter((s) => s.id !== session.id));
      announce(t('sessions.ended'));
    }, setError);
  };

  return (
    <section class="card" aria-labelledby="sessions-title" data-testid="sessions">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <ErrorNote error={error ?? sessions.error} />
      {!sessions.data && !sessions.error && <p role="status">{t('common.loading')}</p>}
      {sessions.data && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('sessions.device')}</th>
                <th scope="col">{t('sessions.address')}</th>
                <th scope="col">{t('sessions.lastSeen')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('sessions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session) => (
                <tr key={session.id} data-session={session.id}>
                  <td dir="auto">{session.device ?? t('sessions.unknownDevice')}</td>
                  <td dir="ltr">{session.ipAddress ?? '—'}</td>
                  <td>{session.lastSeenAt ? <Time iso={session.lastSeenAt} /> : '—'}</td>
                  <td>
                    {session.current ? (
                      <span class="tag">{t('sessions.current')}</span>
                    ) : (
                      <button
                        type="button"
                        class="button-danger"
                        aria-label={t('sessions.endNamed', { device: session.device ?? t('sessions.unknownDevice') })}
                        onClick={() => end(session)}
                      >
                        {t('sessions.end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
