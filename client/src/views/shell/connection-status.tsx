import { connectionState } from '../../live/socket';
import { t } from '../../i18n/i18n';

/** Always visible while signed in: whether live updates are flowing, and says so in words, not colour alone. */
export function ConnectionStatus() {
  const state = connectionState.value;
  const label = {
    connecting: t('connection.connecting'),
    connected: t('connection.connected'),
    reconnecting: t('connection.reconnecting'),
    offline: t('connection.offline'),
    'too-many': t('connection.tooMany'),
  }[state];
  return (
    <span class={`connection connection-${state}`} role="status" data-state={state}>
      <span class="connection-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
