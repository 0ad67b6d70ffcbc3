import { useState } from 'preact/hooks';
import { matchObjectives, OBJECTIVE_NUMBERS } from '../../../src/common/gcm-objectives';
import { t } from '../i18n/i18n';
import { objectiveLabel } from './objective-text';

/**
 * The Global Compact for Migration's 23 objectives as a group of checkboxes, each with its number and title, and a
 * field that narrows them by number or by words of the title in either language (checked ones always stay).
 */
export function ObjectivesPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number[];
  onChange: (next: number[]) => void;
}) {
  const [query, setQuery] = useState('');
  const shown = new Set(matchObjectives(query));
  return (
    <fieldset class="objectives" id={id}>
      <legend>{t('objectives.legend')}</legend>
      <label class="objective-search">
        {t('objectives.search')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      <div class="objective-list">
        {OBJECTIVE_NUMBERS.filter((n) => shown.has(n) || value.includes(n)).map((n) => (
          <label key={n} class="choice">
            <input
              type="checkbox"
              checked={value.includes(n)}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...value, n].sort((a, b) => a - b) : value.filter((v) => v !== n))
              }
            />{' '}
            {objectiveLabel(n)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Objectives as short tags (their number), each named in full on hover and to assistive technology. */
export function Objectives({ list }: { list: number[] }) {
  if (list.length === 0) return null;
  return (
    <span class="objective-tags">
      {list.map((n) => (
        <span key={n} class="tag" title={objectiveLabel(n)}>
          <span aria-hidden="true">{t('objectives.short', { n })}</span>
          <span class="visually-hidden">{objectiveLabel(n)}</span>
        </span>
      ))}
    </span>
  );
}
