import { SqlParameters } from './sql-parameters';

describe('SqlParameters', () => {
  it('numbers added values after the fixed ones', () => {
    const params = new SqlParameters(['a', 'b']);
    expect(params.add('c')).toBe('$3');
    expect(params.add(null)).toBe('$4');
    expect(params.values).toEqual(['a', 'b', 'c', null]);
  });

  it('starts at $1 without fixed values', () => {
    const params = new SqlParameters();
    expect(params.add(7)).toBe('$1');
    expect(params.values).toEqual([7]);
  });

  it('keeps a value once however often its placeholder is used', () => {
    const params = new SqlParameters();
    const id = params.add('x');
    expect(`(s = ${id} OR t = ${id})`).toBe('(s = $1 OR t = $1)');
    expect(params.values).toEqual(['x']);
  });

  it('hands out a copy of the values', () => {
    const params = new SqlParameters([1]);
    params.values.push(2);
    expect(params.values).toEqual([1]);
  });
});
