/**
 * Numbered parameters for raw SQL whose conditions depend on the request (a list's optional filters): each value
 * added answers its own placeholder, so the text and the values cannot drift apart and no value is ever spliced
 * into the text. Only repositories build SQL with it.
 */
export class SqlParameters {
  private readonly list: unknown[];

  /** `initial` takes $1, $2, … in order: the fixed parameters of the statement. */
  constructor(initial: readonly unknown[] = []) {
    this.list = [...initial];
  }

  /** Adds a value and answers its placeholder (`$n`); use the placeholder as often as the value is needed. */
  add(value: unknown): string {
    this.list.push(value);
    return `$${this.list.length}`;
  }

  /** The values, in placeholder order, for the driver. */
  get values(): unknown[] {
    return [...this.list];
  }
}
