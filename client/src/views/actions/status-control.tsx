import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http';
import { updateAction } from '../../api/actions';
import type { ActionItemDto, ActionStatus } from '../../api/server-types';
import { NEEDS_REASON, TRANSITIONS } from '../../../../src/action-items/status-transitions';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { useGroup } from '../groups/group-context';
import { statusText } from './action-text';

interface Props {
  item: ActionItemDto;
  /** The item as saved, or as it is now when someone else changed it first. */
  onChange: (item: ActionItemDto) => void;
  compact?: boolean;
}

/**
 * Moves an item along the workflow (the server's own transition table, shared with this client). Blocking and
 * cancelling ask for a reason. A stale version answers 409 with the current item, which is shown with a note.
 */
export function StatusControl({ item, onChange, compact = false }: Props) {
  const [target, setTarget] = useState<ActionStatus | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { canManage } = useGroup();
  // Cancelling is a facilitator's decision; the people responsible move the work along.
  const next = TRANSITIONS[item.status].filter((s) => canManage || s !== 'cancelled');
  const needsReason = target !== '' && NEEDS_REASON.includes(target);
  const id = `status-${item.id}`;

  const apply = async (event: Event) => {
    event.preventDefault();
    if (!target || (needsReason && !reason.trim())) return;
    setBusy(true);
    setError(null);
    try {
      onChange(
        await updateAction(item.id, item.version, {
          status: target,
          ...(needsReason ? { statusReason: reason.trim() } : {}),
        }),
      );
      setTarget('');
      setReason('');
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409 && failure.body.current) {
        onChange(failure.body.current as ActionItemDto);
        setError(new Error(t('action.conflict')));
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={compact ? 'status-control compact' : 'status-control'} onSubmit={apply}>
      <label for={id}>{t('action.moveTo')}</label>
      <select
        id={id}
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value as ActionStatus | '')}
        data-testid="move-select"
      >
        <option value="">{t('action.chooseStatus')}</option>
        {next.map((s) => (
          <option key={s} value={s}>
            {statusText(s)}
          </option>
        ))}
      </select>
      {needsReason && (
        <>
          <label for={`${id}-reason`}>{t('action.reasonRequired')}</label>
          <input
            id={`${id}-reason`}
            dir="auto"
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
      <button type="submit" class="button-primary" disabled={busy || !target || (needsReason && !reason.trim())}>
        {t('action.move')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
