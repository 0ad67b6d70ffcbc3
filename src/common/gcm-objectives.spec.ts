import { matchObjectives, OBJECTIVE_NUMBERS, objectiveTitle } from './gcm-objectives';

describe('GCM objectives', () => {
  it('have a title for each of the 23 objectives in English and in Arabic script', () => {
    for (const n of OBJECTIVE_NUMBERS) {
      expect([n, objectiveTitle(n, 'en')]).toEqual([n, expect.stringMatching(/^[A-Z][a-z]/)]);
      expect([n, objectiveTitle(n, 'ar')]).toEqual([n, expect.stringMatching(/^[\u0600-\u06ff]/)]);
    }
    expect(objectiveTitle(24, 'en')).toBe('');
  });

  it('are found by words of their English title, in any case and order', () => {
    expect(matchObjectives('Skills RECOG')).toEqual([18]);
    expect(matchObjectives('remittances')).toEqual([20]);
    expect(matchObjectives('migrants traffick')).toEqual([]);
    expect(matchObjectives('trafficking')).toEqual([10]);
  });

  it('are found by their Arabic title, whatever the hamza or diacritics', () => {
    expect(matchObjectives('المهارات')).toEqual([18]);
    expect(matchObjectives('الاتجار')).toEqual([10]);
    // Typed without the hamza on the alef, as many keyboards do.
    expect(matchObjectives('اثبات للهوية')).toEqual([4]);
    expect(matchObjectives('الهِجرة النظامية')).toEqual(expect.arrayContaining([5, 23]));
  });

  it('are found by number, in Latin or Arabic-Indic digits, and all match an empty filter', () => {
    expect(matchObjectives('18')).toEqual([18]);
    expect(matchObjectives('١٨')).toEqual([18]);
    expect(matchObjectives('  ')).toHaveLength(23);
  });
});
