import type { ContradictionKind, LedgerDto } from '../../api/server-types';
import { Fragment } from 'preact';
import { t } from '../../i18n/i18n';
import { Link } from '../../ui/link';
import { Figures } from '../actions/progress-bars';
import { positionText } from '../threads/recommendation-text';

type Row = LedgerDto['organizations'][number];

export const contradictionText = (kind: ContradictionKind) =>
  ({
    'endorsed-leads-nothing': t('ledger.endorsedLeadsNothing'),
    'objected-leads-action': t('ledger.objectedLeadsAction'),
  })[kind];

/** One organization's row of the ledger: positions, leads, supports, delivery, and contradictions named. */
export function OrganizationLedger({
  groupId,
  ledger,
  row,
  linkToPage,
}: {
  groupId: string;
  ledger: LedgerDto;
  row: Row;
  linkToPage: boolean;
}) {
  const action = (id: string) => ledger.actions.find((a) => a.id === id);
  const recommendation = (id: string) => ledger.recommendations.find((r) => r.id === id);
  const headingId = `ledger-${row.organization.id}`;
  const actionLink = (id: string) => (
    <Link key={id} href={`/groups/${groupId}/actions/${id}`} dir="auto">
      {action(id)?.title ?? id}
    </Link>
  );
  const recommendationLink = (id: string) => (
    <Link href={`/groups/${groupId}/threads/${id}`} dir="auto">
      {recommendation(id)?.title ?? id}
    </Link>
  );
  const actionList = (ids: string[]) =>
    ids.length === 0 ? (
      <span class="muted">{t('ledger.none')}</span>
    ) : (
      <ul class="ledger-actions">
        {ids.map((id) => (
          <li key={id}>{actionLink(id)}</li>
        ))}
      </ul>
    );

  return (
    <section
      class={row.contradictions.length ? 'card ledger-organization has-contradictions' : 'card ledger-organization'}
      aria-labelledby={headingId}
      data-testid="ledger-organization"
    >
      <h2 id={headingId}>
        {linkToPage ? (
          <Link href={`/groups/${groupId}/ledger/${row.organization.id}`} dir="auto">
            {row.organization.name}
          </Link>
        ) : (
          <bdi>{row.organization.name}</bdi>
        )}
      </h2>
      {row.contradictions.length > 0 && (
        <div class="contradictions" role="note" data-testid="contradictions">
          <h3>{t('ledger.contradictions')}</h3>
          <ul>
            {row.contradictions.map((c) => (
              <li key={`${c.kind}-${c.recommendationId}`} data-testid="contradiction">
                <strong>{contradictionText(c.kind)}</strong>: {recommendationLink(c.recommendationId)}
                {c.actionIds.length > 0 && (
                  <>
                    {' — '}
                    {c.actionIds.map((id, i) => (
                      <Fragment key={id}>
                        {i > 0 && t('ledger.listSeparator')}
                        {actionLink(id)}
                      </Fragment>
                    ))}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('ledger.positions')}</h3>
      {row.positions.length === 0 ? (
        <p class="muted">{t('ledger.noPositions')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('ledger.recommendation')}</th>
                <th scope="col">{t('ledger.position')}</th>
              </tr>
            </thead>
            <tbody>
              {row.positions.map((p) => (
                <tr key={p.recommendationId}>
                  <th scope="row">{recommendationLink(p.recommendationId)}</th>
                  <td data-testid="ledger-position">
                    {p.divided ? (
                      <span class="divided">{positionText('divided')}</span>
                    ) : p.position ? (
                      positionText(p.position)
                    ) : (
                      <span class="muted">{t('ledger.noPosition')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl class="ledger-work">
        <div>
          <dt>{t('ledger.leads')}</dt>
          <dd>{actionList(row.leads)}</dd>
        </div>
        <div>
          <dt>{t('ledger.supports')}</dt>
          <dd>{actionList(row.supports)}</dd>
        </div>
      </dl>
      <h3>{t('ledger.delivered')}</h3>
      <Figures claimed={row.delivered.claimed} verified={row.delivered.verified} />
    </section>
  );
}
