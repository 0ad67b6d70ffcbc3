import { describe, expect, it } from '@jest/globals';
import { fileRefusalText } from './upload-error';

const body = (code?: string, params?: Record<string, string | number>) => ({
  statusCode: 413,
  error: 'Payload Too Large',
  message: 'server text',
  ...(code ? { code } : {}),
  ...(params ? { params } : {}),
});

describe('fileRefusalText', () => {
  it('says a file too large with its limit, in English and Arabic', () => {
    expect(fileRefusalText(413, body('file-too-large', { max: 25 }), 'en')).toBe(
      'The file is too large: at most 25 MB.',
    );
    expect(fileRefusalText(413, body('file-too-large', { max: 25 * 1024 * 1024 }), 'ar')).toBe(
      'الملف أكبر من المسموح: الحد الأقصى 25 م.ب.',
    );
  });

  it('says a 413 without the API body (a proxy) as too large, without a limit', () => {
    expect(fileRefusalText(413, {}, 'en')).toBe('The file is too large.');
  });

  it('says the group quota and a refused type in both languages', () => {
    expect(fileRefusalText(413, body('group-quota-exceeded'), 'en')).toMatch(/no room left/);
    expect(fileRefusalText(413, body('group-quota-exceeded'), 'ar')).toMatch(/المساحة/);
    expect(fileRefusalText(415, body('file-type-refused'), 'en')).toMatch(/cannot be shared/);
    expect(fileRefusalText(415, {}, 'ar')).toMatch(/لا يمكن مشاركة/);
  });

  it('leaves every other failure to the general error texts', () => {
    expect(fileRefusalText(403, body('forbidden'), 'en')).toBeNull();
    expect(fileRefusalText(404, body(), 'en')).toBeNull();
  });
});
