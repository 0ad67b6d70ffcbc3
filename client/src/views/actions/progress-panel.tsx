import { useEffect, useState } from 'preact/hooks';
import { listClaims, listMilestones, setWeight } from '../../api/accountability';
import { getAction } from '../../api/actions';
import type { ActionItemDto, ClaimDto, MilestoneDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { onGroupEvent } from '../../live/feed';
import { formatNumber, t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { Figures } from './progress-bars';
import { useGroup, type GroupContextValue } from '../groups/group-context';
import { canMove } from './action-permissions';
import { Claims, ClaimForm } from './claims';
import { Milestones } from './milestones';

/**
 * How far the item has got, claimed and verified; its milestones; claims of progress with their evidence and the
 * verifier's decision. Kept live: any change to the item (a claim, a decision, a milestone) re-reads it.
 */
export function ProgressPanel({ item, onChange }: { item: ActionItemDto; onChange: (item: ActionItemDto) => void }) {
  const group = useGroup();
  const [milestones, setMilestones] = useState<MilestoneDto[]>([]);
  const [claims, setClaims] = useState<ClaimDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    Promise.all([listMilestones(item.id), listClaims(item.id)]).then(([m, c]) => {
      setMilestones(m);
      setClaims(c);
    }, setError);
  /** After a change made here: the lists and the item's figures, without waiting for the live event. */
  const changed = () => {
    void reload();
    getAction(item.id).then(onChange, () => undefined);
  };

  useEffect(() => {
    void reload();
    const stops = [
      onGroupEvent(group.group.id, ['action.updated', 'action.commented'], (data) => {
        const id = 'actionItemId' in data ? data.actionItemId : data.id;
        if (id === item.id) void reload();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [item.id, group.group.id]);

  const progress = item.progress;
  const responsible = canMove(item, group);
  return (
    <section class="card progress-panel" aria-labelledby="progress-title" data-testid="progress-panel">
      <h2 id="progress-title">{t('progress.title')}</h2>
      <Figures claimed={progress.claimed} verified={progress.verified} />
      <p class="meta">
        {t('progress.basis')}: <span data-testid="progress-basis">{basisText(progress.basis)}</span>
        {progress.claimPending && (
          <>
            {' '}
            <span class="tag tag-pending" data-testid="claim-pending">
              {t('progress.pending')}
            </span>
          </>
        )}
      </p>
      {progress.milestonesTotal > 0 && (
        <p class="meta" data-testid="milestones-count">
          {t('progress.milestonesCount', {
            done: formatNumber(progress.milestonesDone),
            total: formatNumber(progress.milestonesTotal),
          })}
        </p>
      )}
      <Weight item={item} canEdit={group.canManage && group.canWrite} onChange={onChange} />
      <ErrorNote error={error} />
      <Milestones actionId={item.id} milestones={milestones} canEdit={responsible} onChanged={changed} />
      {responsible && item.status !== 'cancelled' && <ClaimForm actionId={item.id} onClaimed={changed} />}
      <Claims claims={claims} mayDecide={(claim) => mayDecide(claim, group)} onDecided={changed} />
    </section>
  );
}

const basisText = (basis: ActionItemDto['progress']['basis']) =>
  ({
    claim: t('progress.basisClaim'),
    milestones: t('progress.basisMilestones'),
    status: t('progress.basisStatus'),
  })[basis];

/** The server's rule: a facilitator, or a member of the group's verifier organization; never one's own claim. */
function mayDecide(claim: ClaimDto, group: GroupContextValue): boolean {
  const me = currentUser.value;
  if (!me || claim.state !== 'pending' || !group.canWrite || claim.claimedBy?.id === me.id) return false;
  const verifier = group.group.verifierOrganization;
  return group.canManage || (!!verifier && verifier.id === me.organization?.id);
}

/** An item's share of its recommendation's progress; facilitators set it. */
function Weight({
  item,
  canEdit,
  onChange,
}: {
  item: ActionItemDto;
  canEdit: boolean;
  onChange: (item: ActionItemDto) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(item.progress.weight));
  const [error, setError] = useState<unknown>(null);
  if (!editing)
    return (
      <p class="meta">
        {t('progress.weight')}: <span data-testid="action-weight">{formatNumber(item.progress.weight)}</span>{' '}
        {canEdit && (
          <button
            type="button"
            class="button-link"
            onClick={() => {
              setValue(String(item.progress.weight));
              setEditing(true);
            }}
          >
            {t('progress.editWeight')}
          </button>
        )}
      </p>
    );
  return (
    <form
      class="form-row"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setWeight(item.id, Number(value)).then((next) => {
          onChange(next);
          setEditing(false);
        }, setError);
      }}
    >
      <Field id="action-weight-input" label={t('progress.weight')} hint={t('progress.weightHint')}>
        <input
          {...described('action-weight-input', undefined, t('progress.weightHint'))}
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="button-primary">
        {t('common.save')}
      </button>
      <button type="button" class="button-quiet" onClick={() => setEditing(false)}>
        {t('common.cancel')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
