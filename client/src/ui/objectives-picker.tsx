import { formatNumber, t } from '../i18n/i18n';

const ALL = Array.from({ length: 23 }, (_, i) => i + 1);

/** The Global Compact for Migration's 23 objectives as a group of checkboxes. */
export function ObjectivesPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number[];
  onChange: (next: number[]) => void;
}) {
  return (
    <fieldset class="objectives" id={id}>
      <legend>{t('objectives.legend')}</legend>
      <div class="objective-grid">
        {ALL.map((n) => (
          <label key={n} class="choice">
            <input
              type="checkbox"
              checked={value.includes(n)}
              aria-label={t('objectives.one', { n })}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...value, n].sort((a, b) => a - b) : value.filter((v) => v !== n))
              }
            />
            <span aria-hidden="true">{formatNumber(n)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Objectives({ list }: { list: number[] }) {
  if (list.length === 0) return null;
  return (
    <span class="objective-tags">
      {list.map((n) => (
        <span key={n} class="tag" title={t('objectives.one', { n })}>
          {t('objectives.short', { n })}
        </span>
      ))}
    </span>
  );
}
