import { objectiveTitle } from '../../../src/common/gcm-objectives';
import { formatNumber, locale } from '../i18n/i18n';

/** An objective's title in the language shown (the Compact's wording, shared with the server's CSV). */
export const objectiveName = (n: number): string => objectiveTitle(n, locale.value);

/** "18. Invest in skills development…": wherever an objective is named in full. */
export const objectiveLabel = (n: number): string => `${formatNumber(n)}. ${objectiveName(n)}`;
