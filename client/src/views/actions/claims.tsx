import { useState } from 'preact/hooks';
import { addClaim, returnClaim, verifyClaim } from '../../api/accountability';
import type { ClaimDto, ClaimState } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { percentText } from './progress-bars';
import { SafeHtml } from '../../ui/safe-html';
import { Time } from '../../ui/time';
import { useGroup } from '../groups/group-context';
import { EvidenceField, useFileDraft } from '../files/attach-control';
import { FileList } from '../files/file-card';

export const claimStateText = (state: ClaimState) =>
  ({ pending: t('claim.pending'), verified: t('claim.verified'), returned: t('claim.returned') })[state];

/** A claim of progress: a percent, a note saying what was done, and the files that show it. */
export function ClaimForm({ actionId, onClaimed }: { actionId: string; onClaimed: () => void }) {
  const { group } = useGroup();
  const evidence = useFileDraft(group.id);
  const [percent, setPercent] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Folded again once the claim is made (a fresh element): it shows in the list below.
  const [made, setMade] = useState(0);
  const ready = percent !== '' && body.trim() !== '' && !evidence.busy;
  return (
    <details class="add-form claim-form" data-testid="claim-form" key={made}>
      <summary>{t('claim.new')}</summary>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          setError(null);
          addClaim(actionId, Number(percent), body.trim(), evidence.ids).then(() => {
            setPercent('');
            setBody('');
            evidence.clear();
            setMade((n) => n + 1);
            onClaimed();
          }, setError);
        }}
      >
        <Field id="claim-percent" label={t('claim.percent')}>
          <input
            {...described('claim-percent')}
            type="number"
            min={0}
            max={100}
            step={1}
            required
            value={percent}
            onInput={(e) => setPercent(e.currentTarget.value)}
          />
        </Field>
        <Field id="claim-body" label={t('claim.note')}>
          <textarea
            {...described('claim-body')}
            rows={3}
            dir="auto"
            required
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </Field>
        <EvidenceField draft={evidence} hintId="claim-evidence-hint" />
        <ErrorNote error={error} />
        <button type="submit" class="button-primary" disabled={!ready}>
          {t('claim.submit')}
        </button>
      </form>
    </details>
  );
}

/** Every claim, newest first, with its evidence and the decision on it. */
export function Claims({
  claims,
  mayDecide,
  onDecided,
}: {
  claims: ClaimDto[];
  mayDecide: (claim: ClaimDto) => boolean;
  onDecided: () => void;
}) {
  return (
    <div class="claims" data-testid="claims">
      <h3>{t('claim.history')}</h3>
      {claims.length === 0 ? (
        <p class="muted">{t('claim.none')}</p>
      ) : (
        <ol class="comment-list">
          {claims.map((claim) => (
            <Claim key={claim.id} claim={claim} mayDecide={mayDecide(claim)} onDecided={onDecided} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Claim({ claim, mayDecide, onDecided }: { claim: ClaimDto; mayDecide: boolean; onDecided: () => void }) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = (work: Promise<unknown>) => {
    setError(null);
    work.then(() => {
      setReturning(false);
      onDecided();
    }, setError);
  };
  return (
    <li class={`comment claim claim-${claim.state}`} data-testid="claim">
      <p class="meta">
        <strong>{t('claim.claimedPercent', { percent: percentText(claim.percent) })}</strong>{' '}
        <span class={`tag tag-claim-${claim.state}`} data-testid="claim-state">
          {claimStateText(claim.state)}
        </span>{' '}
        <bdi>{claim.claimedBy?.displayName ?? t('message.unknownAuthor')}</bdi>
        {claim.organization && (
          <>
            {' · '}
            <bdi>{claim.organization.name}</bdi>
          </>
        )}{' '}
        <Time iso={claim.claimedAt} />
      </p>
      {claim.note && (
        <>
          <SafeHtml html={claim.note.bodyHtml} />
          <FileList files={claim.note.attachments} label={t('files.evidence')} />
        </>
      )}
      {claim.decidedAt && claim.state !== 'pending' && (
        <p class="meta" data-testid="claim-decision">
          {claim.state === 'verified' ? t('claim.verifiedBy') : t('claim.returnedBy')}{' '}
          <bdi>{claim.decidedBy?.displayName ?? t('message.unknownAuthor')}</bdi>
          {claim.deciderOrganization && (
            <>
              {' · '}
              <bdi>{claim.deciderOrganization.name}</bdi>
            </>
          )}{' '}
          <Time iso={claim.decidedAt} />
        </p>
      )}
      {claim.reason && (
        <p>
          {t('claim.reason')}: <bdi>{claim.reason}</bdi>
        </p>
      )}
      {mayDecide &&
        (returning ? (
          <form
            class="form"
            onSubmit={(event) => {
              event.preventDefault();
              if (reason.trim()) decide(returnClaim(claim.id, reason.trim()));
            }}
          >
            <Field id={`return-reason-${claim.id}`} label={t('claim.returnReason')}>
              <textarea
                {...described(`return-reason-${claim.id}`)}
                rows={2}
                dir="auto"
                required
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </Field>
            <div class="form-row">
              <button type="submit" class="button-primary" disabled={!reason.trim()}>
                {t('claim.return')}
              </button>
              <button type="button" class="button-quiet" onClick={() => setReturning(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div class="form-row">
            <button type="button" class="button-primary" onClick={() => decide(verifyClaim(claim.id))}>
              {t('claim.verify')}
            </button>
            <button type="button" class="button-quiet" onClick={() => setReturning(true)}>
              {t('claim.returnWithReason')}
            </button>
          </div>
        ))}
      <ErrorNote error={error} />
    </li>
  );
}
