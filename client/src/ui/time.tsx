import { formatDateTime, formatRelative } from '../i18n/i18n';
import { now } from './clock';

/**
 * A moment shown relative to now ("5 minutes ago"), with the full date and time on hover and in `datetime`. It
 * follows the page's clock, so "now" becomes "1 minute ago" without a reload.
 */
export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now.value)}
    </time>
  );
}
