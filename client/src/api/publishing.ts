import { locale } from '../i18n/i18n';
import { api, ApiError, download, publicApi } from './http';
import type {
  ErrorResponse,
  ImportMode,
  ImportResultDto,
  PublicationDto,
  PublicationStateDto,
  PublicationVisibility,
  PublishedProgressDto,
} from './server-types';
import { session } from './session';

/** A group's published progress page: whether it is, at which address; facilitators publish and withdraw it. */
export const getPublication = (groupId: string) => api<PublicationStateDto>('GET', `/groups/${groupId}/publication`);
export const publishProgress = (groupId: string, visibility: PublicationVisibility) =>
  api<PublicationDto>('PUT', `/groups/${groupId}/publication`, { visibility });
export const withdrawPublication = (groupId: string) => api<void>('DELETE', `/groups/${groupId}/publication`);

/** No sign-in: the token in the address is the permission. */
export const getPublishedProgress = (token: string) =>
  publicApi<PublishedProgressDto>('GET', `/public/progress/${encodeURIComponent(token)}`);

/** The progress workbook in the language shown. */
export const downloadWorkbook = (groupId: string) =>
  download(`/groups/${groupId}/progress.xlsx`, `progress-${locale.value}.xlsx`);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends the workbook as the body. A refused apply (422) answers with the same result, its errors by row; any other
 * failure is an ApiError as usual.
 */
export async function importWorkbook(groupId: string, file: Blob, mode: ImportMode): Promise<ImportResultDto> {
  const send = () => {
    const token = session.accessToken();
    return fetch(`/api/groups/${groupId}/progress/import?mode=${mode}`, {
      method: 'POST',
      headers: {
        'Content-Type': XLSX,
        Accept: 'application/json',
        'Accept-Language': locale.value,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: file,
    });
  };
  let res = await send();
  if (res.status === 401 && (await session.refresh())) res = await send();
  const body = (await res.json().catch(() => null)) as (ImportResultDto & ErrorResponse) | null;
  if (res.ok || (res.status === 422 && body && Array.isArray(body.errors))) return body as ImportResultDto;
  throw new ApiError(res.status, body ?? { statusCode: res.status, error: res.statusText, message: res.statusText });
}
