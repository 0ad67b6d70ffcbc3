import { useEffect } from 'preact/hooks';
import { groupLedger, organizationLedger } from '../../api/accountability';
import type { LedgerDto } from '../../api/server-types';
import { formatDateTime, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { onSettledChanges } from '../../live/settled';
import { useGroup } from '../groups/group-context';
import { OrganizationLedger } from './organization-ledger';

/**
 * What each organization said and what it did: its position on every adopted recommendation, the actions it leads
 * and supports, what it delivered (claimed and verified), and where word and deed part. One organization's page is
 * made to be printed.
 */
export function LedgerPage({ groupId, organizationId }: { groupId: string; organizationId?: string }) {
  const { group } = useGroup();
  const ledger = useLoad<LedgerDto>(
    () => (organizationId ? organizationLedger(groupId, organizationId) : groupLedger(groupId)),
    [groupId, organizationId],
  );
  // Positions, outcomes and every action item's figures feed the ledger: read it again when any of them changes.
  useEffect(
    () =>
      onSettledChanges(
        groupId,
        (event) => /^(action|position|thread)\./.test(event.type),
        () => void ledger.reload(),
      ),
    [groupId, organizationId],
  );
  const data = ledger.data;
  const single = organizationId ? data?.organizations.find((o) => o.organization.id === organizationId) : undefined;
  const title = single ? t('ledger.organizationTitle', { name: single.organization.name }) : t('ledger.title');

  return (
    <Page
      title={title}
      heading={single ? <bdi>{title}</bdi> : undefined}
      actions={
        organizationId ? (
          <>
            <Link href={`/groups/${groupId}/ledger`} class="button-quiet">
              {t('ledger.all')}
            </Link>
            <button type="button" class="button-quiet" onClick={() => window.print()} data-testid="ledger-print">
              {t('report.print')}
            </button>
          </>
        ) : undefined
      }
    >
      <p class="muted">{t('ledger.intro')}</p>
      <ErrorNote error={ledger.error} />
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p class="muted print-only-block">
            <bdi>{group.name}</bdi> · {t('ledger.generatedAt', { date: formatDateTime(data.generatedAt) })}
          </p>
          {data.recommendations.length === 0 && <p class="muted">{t('ledger.noRecommendations')}</p>}
          {data.organizations.length === 0 ? (
            <p class="muted">{t('ledger.noOrganizations')}</p>
          ) : (
            <div class="ledger" data-testid="ledger">
              {data.organizations
                .filter((o) => !organizationId || o.organization.id === organizationId)
                .map((o) => (
                  <OrganizationLedger
                    key={o.organization.id}
                    groupId={groupId}
                    ledger={data}
                    row={o}
                    linkToPage={!organizationId}
                  />
                ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
