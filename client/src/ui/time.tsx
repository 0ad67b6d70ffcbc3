import { formatDateTime, formatRelative } from '../i18n/i18n';

/** A moment shown relative to now ("5 minutes ago"), with the full date and time on hover and in `datetime`. */
export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
