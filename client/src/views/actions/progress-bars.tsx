import { formatPercent, t } from '../../i18n/i18n';

/** A percent (0–100, one decimal) in the language shown; a dash where there is nothing to count. */
export const percentText = (value: number | null): string =>
  value === null ? t('progress.none') : formatPercent(value / 100);

/**
 * One figure as a bar with its number as text: a progressbar to assistive technology (named by its label, valued
 * by the same text a sighted reader sees).
 */
export function ProgressBar({
  label,
  value,
  kind,
}: {
  label: string;
  value: number | null;
  kind: 'claimed' | 'verified';
}) {
  const text = percentText(value);
  return (
    <div class={`progress-bar progress-${kind}`}>
      <span class="progress-label">{label}</span>
      <span
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text}
      >
        <span class="progress-fill" style={{ inlineSize: `${Math.max(0, Math.min(100, value ?? 0))}%` }} />
      </span>
      <span class="progress-value" data-testid={`${kind}-value`}>
        {text}
      </span>
    </div>
  );
}

/** Claimed by those doing the work, beside what a verifier confirmed: the gap is the point. */
export function Figures({ claimed, verified }: { claimed: number | null; verified: number | null }) {
  return (
    <div class="progress-figures">
      <ProgressBar label={t('progress.claimed')} value={claimed} kind="claimed" />
      <ProgressBar label={t('progress.verified')} value={verified} kind="verified" />
    </div>
  );
}
