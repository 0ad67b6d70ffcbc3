import { ApiError } from '../../api/http';
import { locale, t } from '../../i18n/i18n';
import { errorText } from '../../ui/form';
import { formatSize } from './file-format';
import { errorText as catalogueText } from '../../../../src/common/errors/error-text';

/**
 * Why an upload failed, in the language shown. The server's catalogue says these codes once it knows them; until
 * then (and for a 413 or 415 answered by a proxy, without the API's body) the client's own words do.
 */
export function uploadErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return errorText(error);
  const { code, params } = error.body;
  if (code && catalogueText(code, params, locale.value) !== null) return errorText(error);
  if (code === 'group-quota-exceeded') return t('files.error.quota');
  if (code === 'file-type-refused' || error.status === 415) return t('files.error.typeRefused');
  if (code === 'file-too-large' || error.status === 413) {
    const max = params?.max;
    if (typeof max === 'number') return t('files.error.tooLarge', { max: maxText(max) });
    if (typeof max === 'string' && max) return t('files.error.tooLarge', { max });
    return t('files.error.tooLargeNoMax');
  }
  return errorText(error);
}

/** `max` may be megabytes (MAX_UPLOAD_MB) or bytes: no upload limit is under 10 kB, nor over 10 GB. */
function maxText(max: number): string {
  return formatSize(max <= 10_000 ? max * 1024 * 1024 : max, locale.value);
}
