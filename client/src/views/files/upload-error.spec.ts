import { beforeAll, describe, expect, it } from '@jest/globals';
import { errorText } from '../../../../src/common/errors/error-text';
import { fileRefusalText } from './upload-error';
import { loadDictionary } from '../../i18n/dictionaries';

// Arabic is fetched when first shown: as the app does before it switches.
beforeAll(() => loadDictionary('ar'));

const body = (code?: string, params?: Record<string, string | number>) => ({
  statusCode: 413,
  error: 'Payload Too Large',
  message: 'server text',
  ...(code ? { code } : {}),
  ...(params ? { params } : {}),
});

describe('fileRefusalText', () => {
  it('leaves a refusal with the API code to the error catalogue, which says it in both languages', () => {
    for (const [status, code] of [
      [413, 'file-too-large'],
      [413, 'group-quota-exceeded'],
      [415, 'file-type-refused'],
    ] as const) {
      expect(fileRefusalText(status, body(code, { max: 25 }), 'en')).toBeNull();
      expect(errorText(code, { max: 25 }, 'en')).toMatch(/\w/);
      expect(errorText(code, { max: 25 }, 'ar')).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('says a 413 or 415 without the API body (a proxy answered) in the reader’s language', () => {
    expect(fileRefusalText(413, {}, 'en')).toBe('The file is too large.');
    expect(fileRefusalText(415, {}, 'ar')).toMatch(/لا يمكن مشاركة/);
  });

  it('leaves every other failure to the general error texts', () => {
    expect(fileRefusalText(403, body('forbidden'), 'en')).toBeNull();
    expect(fileRefusalText(404, body(), 'en')).toBeNull();
  });
});
