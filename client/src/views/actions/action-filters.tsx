import { useEffect, useState } from 'preact/hooks';
import type { ActionFilters } from '../../api/actions';
import type { ActionStatus, OrganizationDto } from '../../api/server-types';
import { matchObjectives, OBJECTIVE_NUMBERS } from '../../../../src/common/gcm-objectives';
import { t } from '../../i18n/i18n';
import { setQuery } from '../../router';
import { objectiveLabel } from '../../ui/objective-text';
import { useGroup } from '../groups/group-context';
import { STATUSES, statusText } from './action-text';
import { organizations } from './organizations';
import { SelectFilter } from '../../ui/select-filter';

/** The filters live in the address, so a filtered list can be bookmarked and shared. */
export function filtersFrom(query: URLSearchParams): ActionFilters {
  const objective = Number(query.get('objective'));
  return {
    status: (query.get('status') as ActionStatus | null) ?? undefined,
    leadOrganizationId: query.get('lead') ?? undefined,
    focalPersonId: query.get('focal') ?? undefined,
    overdue: query.get('overdue') === 'true' ? true : undefined,
    dueBefore: query.get('dueBefore') ?? undefined,
    objective: objective >= 1 && objective <= 23 ? objective : undefined,
    sourceId: query.get('sourceId') ?? undefined,
    sort: query.get('sort') === 'created' ? 'created' : 'due',
  };
}

export function ActionFiltersForm({ filters }: { filters: ActionFilters }) {
  const { members } = useGroup();
  const [orgs, setOrgs] = useState<OrganizationDto[]>([]);
  useEffect(() => {
    organizations().then(setOrgs, () => setOrgs([]));
  }, []);

  return (
    <form class="filters" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      <SelectFilter
        label={t('action.status')}
        value={filters.status}
        choices={STATUSES.map((s) => ({ value: s, label: statusText(s) }))}
        onChange={(value) => setQuery({ status: value })}
      />
      <SelectFilter
        label={t('action.lead')}
        value={filters.leadOrganizationId}
        choices={orgs.map((o) => ({ value: o.id, label: o.name }))}
        onChange={(value) => setQuery({ lead: value })}
      />
      <SelectFilter
        label={t('action.focal')}
        value={filters.focalPersonId}
        choices={members.map((m) => ({ value: m.userId, label: m.displayName }))}
        onChange={(value) => setQuery({ focal: value })}
      />
      <ObjectiveFilter value={filters.objective} />
      <label>
        {t('filters.dueBefore')}
        <input
          type="date"
          value={filters.dueBefore ?? ''}
          onInput={(e) => setQuery({ dueBefore: e.currentTarget.value })}
        />
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={filters.overdue === true}
          onChange={(e) => setQuery({ overdue: e.currentTarget.checked ? 'true' : null })}
        />{' '}
        {t('filters.overdueOnly')}
      </label>
      <label>
        {t('filters.sort')}
        <select value={filters.sort ?? 'due'} onChange={(e) => setQuery({ sort: e.currentTarget.value })}>
          <option value="due">{t('filters.sortDue')}</option>
          <option value="created">{t('filters.sortCreated')}</option>
        </select>
      </label>
    </form>
  );
}

/**
 * The objective to filter on, chosen from the 23 by number and title; the field beside it narrows the choice by
 * number or by words of the title in either language, and picks the objective when one alone matches.
 */
function ObjectiveFilter({ value }: { value: number | undefined }) {
  const [query, setText] = useState('');
  const matching = matchObjectives(query);
  const shown = OBJECTIVE_NUMBERS.filter((n) => matching.includes(n) || n === value);
  return (
    <>
      <label>
        {t('filters.objectiveSearch')}
        <input
          type="search"
          value={query}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setText(text);
            const found = matchObjectives(text);
            if (text.trim() && found.length === 1) setQuery({ objective: String(found[0]) });
          }}
        />
      </label>
      <label>
        {t('filters.objective')}
        <select value={value ? String(value) : ''} onChange={(e) => setQuery({ objective: e.currentTarget.value })}>
          <option value="">{matching.length ? t('filters.any') : t('filters.noObjective')}</option>
          {shown.map((n) => (
            <option key={n} value={String(n)}>
              {objectiveLabel(n)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
