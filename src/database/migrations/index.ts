import { Identity1764201600000 } from './1764201600000-identity';

/** Every migration in order. Imported, not globbed, so swc-jest and the compiled build agree. */
export const MIGRATIONS = [Identity1764201600000];
