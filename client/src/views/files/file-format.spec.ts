import { beforeAll, describe, expect, it } from '@jest/globals';
import { FILE_KINDS } from '../../../../src/attachments/dto/attachment.dto';
import { ar } from '../../i18n/ar';
import { en } from '../../i18n/en';
import { formatSize, guessKind, KIND_ICONS, KIND_LABELS, kindIcon, kindLabel } from './file-format';
import { loadDictionary } from '../../i18n/dictionaries';

// Arabic is fetched when first shown: as the app does before it switches.
beforeAll(() => loadDictionary('ar'));

describe('formatSize', () => {
  it('says bytes, kilobytes, megabytes and gigabytes in English, in binary steps', () => {
    expect(formatSize(0, 'en')).toBe('0 B');
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
    expect(formatSize(25 * 1024 * 1024, 'en')).toBe('25 MB');
    expect(formatSize(3 * 1024 ** 3, 'en')).toBe('3 GB');
  });

  it('keeps one decimal below ten units and none above', () => {
    expect(formatSize(9.94 * 1024, 'en')).toBe('9.9 KB');
    expect(formatSize(123.4 * 1024, 'en')).toBe('123 KB');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatSize(1024 * 1024 - 10, 'en')).toBe('1 MB');
  });

  it('says sizes in Arabic with Arabic units and Latin digits, as the rest of the client', () => {
    expect(formatSize(2.5 * 1024 * 1024, 'ar')).toBe('2.5 م.ب');
    expect(formatSize(512, 'ar')).toBe('512 بايت');
    expect(formatSize(1536, 'ar')).toBe('1.5 ك.ب');
    expect(formatSize(2 * 1024 ** 3, 'ar')).toBe('2 ج.ب');
    expect(formatSize(2.5 * 1024 * 1024, 'ar')).not.toMatch(/[٠-٩]/);
  });
});

describe('file kinds', () => {
  it('have an icon and a label in both languages for every kind the server knows', () => {
    for (const kind of FILE_KINDS) {
      expect([kind, typeof KIND_ICONS[kind]]).toEqual([kind, 'string']);
      expect([kind, en[KIND_LABELS[kind]]]).toEqual([kind, expect.any(String)]);
      expect([kind, ar[KIND_LABELS[kind]]]).toEqual([kind, expect.any(String)]);
    }
  });

  it('are named in Arabic with Arabic words only', () => {
    for (const kind of FILE_KINDS)
      expect([kind, kindLabel(kind, 'ar')]).toEqual([kind, expect.not.stringMatching(/[A-Za-z]/)]);
  });

  it('map each kind to its own label and icon', () => {
    expect(kindLabel('pdf', 'en')).toBe('PDF');
    expect(kindLabel('spreadsheet', 'ar')).toBe('جدول بيانات');
    expect(new Set(FILE_KINDS.map((kind) => kindIcon(kind))).size).toBe(FILE_KINDS.length);
  });

  it('read an unknown kind (a newer server) as a plain file', () => {
    expect(kindLabel('hologram', 'en')).toBe('File');
    expect(kindIcon('hologram')).toBe(KIND_ICONS.other);
  });
});

describe('guessKind', () => {
  it("guesses a picked file's kind from its name, for its chip", () => {
    expect(guessKind('محضر الاجتماع.PDF')).toBe('pdf');
    expect(guessKind('budget.xlsx')).toBe('spreadsheet');
    expect(guessKind('photo.jpeg')).toBe('image');
    expect(guessKind('minutes.txt')).toBe('text');
    expect(guessKind('README')).toBe('other');
    expect(guessKind('archive.pdf.zip')).toBe('archive');
  });
});
