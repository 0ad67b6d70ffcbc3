import { describe, expect, it } from '@jest/globals';
import { quote, titleFrom } from './action-source-text';

describe('an action item from its source', () => {
  it('takes the first line as the title, cut at a word past 120 characters', () => {
    expect(titleFrom('\nCount the permits issued.\nThen publish them.')).toBe('Count the permits issued.');
    const long = `${'word '.repeat(40)}end`;
    const title = titleFrom(long);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('quotes every line and says who wrote it', () => {
    expect(quote('Line one\n\nLine two', 'Omar Saleh')).toBe('> Line one\n>\n> Line two\n— Omar Saleh');
    expect(quote('نافذة واحدة', null)).toBe('> نافذة واحدة');
  });
});
