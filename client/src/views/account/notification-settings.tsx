import { useState } from 'preact/hooks';
import { loadMe } from '../../api/account';
import { loadNotificationSettings, saveNotificationSetting } from '../../api/mail';
import type { Delivery, NotificationSettingsDto, NotificationType } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { deliveryText, typeName } from './delivery-text';
import { MailScheduleForm } from './mail-schedule-form';

const DELIVERIES: Delivery[] = ['off', 'in-app', 'email', 'digest'];

/** `/me/notifications`: how each kind of notification reaches the reader, and when their email may come. */
export function NotificationSettings() {
  const settings = useLoad(loadNotificationSettings, []);
  const me = useLoad(async () => {
    const fresh = await loadMe();
    currentUser.value = fresh;
    return fresh;
  }, []);
  const [error, setError] = useState<unknown>(null);
  const digest = (me.data ?? currentUser.value)?.mailSchedule.digest ?? 'daily';

  const choose = (type: NotificationType, delivery: Delivery) => {
    setError(null);
    saveNotificationSetting({ type, delivery }).then((fresh: NotificationSettingsDto) => {
      settings.set(fresh);
      announce(t('mailSettings.deliverySaved', { type: typeName(type), delivery: deliveryText(delivery, digest) }));
    }, setError);
  };

  return (
    <Page title={t('mailSettings.title')}>
      <section class="card" aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t('mailSettings.deliveryTitle')}</h2>
        <p class="muted">{t('mailSettings.deliveryIntro')}</p>
        <ErrorNote error={error ?? settings.error} />
        {!settings.data ? (
          !settings.error && <p role="status">{t('common.loading')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table" data-testid="delivery-settings">
              <thead>
                <tr>
                  <th scope="col">{t('mailSettings.type')}</th>
                  <th scope="col">{t('mailSettings.delivery')}</th>
                  <th scope="col">{t('mailSettings.default')}</th>
                </tr>
              </thead>
              <tbody>
                {settings.data.types.map((row) => (
                  <tr key={row.type} data-type={row.type}>
                    <th scope="row">{typeName(row.type)}</th>
                    <td>
                      <select
                        id={`delivery-${row.type}`}
                        aria-label={t('mailSettings.deliveryFor', { type: typeName(row.type) })}
                        value={row.delivery}
                        onChange={(e) => choose(row.type, e.currentTarget.value as Delivery)}
                      >
                        {DELIVERIES.map((d) => (
                          <option key={d} value={d}>
                            {d === row.default
                              ? t('mailSettings.isDefault', { delivery: deliveryText(d, digest) })
                              : deliveryText(d, digest)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{deliveryText(row.default, digest)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {settings.data && settings.data.groups.length > 0 && (
          <p class="muted">{tn('mailSettings.groupChoices', settings.data.groups.length)}</p>
        )}
      </section>
      {me.data && <MailScheduleForm key={me.data.id} user={me.data} onSaved={(fresh) => me.set(fresh)} />}
      {!me.data && <ErrorNote error={me.error} />}
    </Page>
  );
}
