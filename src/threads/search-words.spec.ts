import { MAX_SEARCH_WORDS, searchWords } from './search-words';

describe('searchWords', () => {
  it('splits on anything that is not a letter or a digit, so query syntax is only a separator', () => {
    expect(searchWords(`seasonal & !workers | 'x':* <-> (2030)`)).toEqual(['seasonal', 'workers', 'x', '2030']);
  });

  it('keeps a vowelled or stretched Arabic word whole, without its marks', () => {
    expect(searchWords('العُمّال الـزراعة')).toEqual(['العمال', 'الزراعة']);
  });

  it('searches a repeated word once and at most MAX_SEARCH_WORDS words', () => {
    expect(searchWords('Migration migration')).toEqual(['migration']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(MAX_SEARCH_WORDS);
  });

  it('finds no word in punctuation alone', () => {
    expect(searchWords(' ?! … ')).toEqual([]);
  });
});
