import type { PositionsDto } from '../../api/server-types';
import { formatNumber, t } from '../../i18n/i18n';
import { POSITIONS, positionText } from './recommendation-text';

/** Positions tallied per organization (an organization whose members disagree shows as divided), then per person. */
export function PositionsTally({ positions }: { positions: PositionsDto }) {
  return (
    <>
      <h3>{t('recommendation.byOrganization')}</h3>
      <table class="table tally" data-testid="tally">
        <thead>
          <tr>
            <th scope="col">{t('recommendation.organization')}</th>
            {POSITIONS.map((p) => (
              <th scope="col" key={p}>
                {positionText(p)}
              </th>
            ))}
            <th scope="col">{t('recommendation.stance')}</th>
          </tr>
        </thead>
        <tbody>
          {positions.byOrganization.map((row) => (
            <tr key={row.organization?.id ?? 'none'}>
              <th scope="row" dir="auto">
                {row.organization?.name ?? t('recommendation.noOrganization')}
              </th>
              {POSITIONS.map((p) => (
                <td key={p}>{formatNumber(row.counts[p])}</td>
              ))}
              <td class={row.position === 'divided' ? 'divided' : undefined}>{positionText(row.position)}</td>
            </tr>
          ))}
          <tr class="totals">
            <th scope="row">{t('recommendation.total')}</th>
            {POSITIONS.map((p) => (
              <td key={p}>{formatNumber(positions.totals[p])}</td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
      <h3>{t('recommendation.byPerson')}</h3>
      {positions.positions.length === 0 ? (
        <p class="muted">{t('recommendation.noPositions')}</p>
      ) : (
        <ul class="positions">
          {positions.positions.map((entry) => (
            <li key={entry.user.id}>
              <strong dir="auto">{entry.user.displayName}</strong>
              {entry.organization && (
                <span class="muted">
                  {' '}
                  · <bdi>{entry.organization.name}</bdi>
                </span>
              )}
              : <span class={`position position-${entry.position}`}>{positionText(entry.position)}</span>
              {entry.reason && (
                <p class="reason" dir="auto">
                  {entry.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
