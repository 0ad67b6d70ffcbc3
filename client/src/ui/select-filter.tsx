import { t } from '../i18n/i18n';

export interface FilterChoice {
  value: string;
  label: string;
}

/**
 * One filter of a list's filter form: a labelled select whose first choice ("any", or `anyLabel`) clears it. The
 * value lives in the address (the caller's `onChange` writes it there), so the list, the back button and a shared
 * link agree.
 */
export function SelectFilter({
  label,
  value,
  choices,
  onChange,
  anyLabel = t('filters.any'),
  disabled,
  title,
  testId,
}: {
  label: string;
  value: string | null | undefined;
  choices: readonly FilterChoice[];
  onChange: (value: string) => void;
  anyLabel?: string;
  disabled?: boolean;
  title?: string;
  testId?: string;
}) {
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        disabled={disabled}
        title={title}
        data-testid={testId}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">{anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
