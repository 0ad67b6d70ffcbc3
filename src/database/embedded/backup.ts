import { chownSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import * as tar from 'tar';

/** Folders whose contents PostgreSQL rebuilds at start: kept empty in a backup (PostgreSQL's "Backing up the data directory"). */
const RUNTIME_CONTENTS =
  /^postgres\/(pg_wal|pg_replslot|pg_dynshmem|pg_notify|pg_serial|pg_snapshots|pg_stat_tmp|pg_subtrans)\/./;
const RUNTIME_FILES = /^postgres\/(postmaster\.pid|postmaster\.opts)$|(^|\/)(pgsql_tmp[^/]*|pg_internal\.init)(\/|$)/;
const LABEL_DIR = '.backup';

export interface BackupResult {
  file: string;
  bytes: number;
  /** Where in the write-ahead log the backup is consistent: everything committed before this is in it. */
  lsn: string;
}

/**
 * A consistent physical backup of the running embedded PostgreSQL, as one tar archive, the way pg_basebackup makes
 * one (the npm binaries ship no pg_basebackup or pg_dump): a temporary replication slot keeps every WAL segment the
 * backup needs, pg_backup_start marks its beginning, the data files are copied while the server keeps writing, and
 * pg_backup_stop's label plus the WAL up to its end make the copy consistent when restored.
 */
export async function backupEmbedded(dataDir: string, socketDir: string, file: string): Promise<BackupResult> {
  const db = new Client({ host: socketDir, user: 'postgres', database: 'postgres', application_name: 'tansiq-backup' });
  await db.connect();
  const labels = join(dataDir, LABEL_DIR);
  try {
    await db.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`tansiq_backup_${process.pid}`]);
    await db.query(`SELECT pg_backup_start('tansiq', true)`);
    // Phase one: the data files, while writes go on (full-page writes during the backup repair torn pages).
    await tar.create(
      {
        file,
        cwd: dataDir,
        portable: true,
        filter: (path) => !RUNTIME_CONTENTS.test(path) && !RUNTIME_FILES.test(path),
      },
      ['postgres'],
    );
    const { rows } = await db.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
      'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    // Phase two, appended: the label that tells recovery where to start, and the WAL that ends past the stop point.
    rmSync(labels, { recursive: true, force: true });
    mkdirSync(labels, { mode: 0o700 });
    writeFileSync(join(labels, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(join(labels, 'tablespace_map'), rows[0].spcmapfile);
    const wal = readdirSync(join(dataDir, 'postgres', 'pg_wal'))
      .filter((name) => /^[0-9A-F]{24}$/.test(name))
      .map((name) => `postgres/pg_wal/${name}`);
    await tar.replace({ file, cwd: dataDir, portable: true }, [...wal, LABEL_DIR]);
    return { file, bytes: statSync(file).size, lsn: rows[0].lsn };
  } finally {
    rmSync(labels, { recursive: true, force: true });
    await db.end();
  }
}

/**
 * Unpacks a backup into `dataDir` (the server stopped: the caller holds the DATA_DIR lock). A database already there
 * is moved aside, never deleted. PostgreSQL replays the archived WAL at its next start and is then consistent.
 */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  owner?: { uid: number; gid: number },
): Promise<string | null> {
  const pgData = join(dataDir, 'postgres');
  let movedAside: string | null = null;
  if (existsSync(pgData)) {
    movedAside = `${pgData}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(pgData, movedAside);
  }
  await tar.extract({ file, cwd: dataDir, preserveOwner: false });
  for (const name of ['backup_label', 'tablespace_map']) {
    const label = join(dataDir, LABEL_DIR, name);
    if (existsSync(label)) renameSync(label, join(pgData, name));
  }
  rmSync(join(dataDir, LABEL_DIR), { recursive: true, force: true });
  if (!existsSync(join(pgData, 'backup_label'))) throw new Error(`${file} is not a Tansiq backup (no backup_label)`);
  if (owner) chownTree(pgData, owner);
  return movedAside;
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  if (!statSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), owner);
}

/** For messages: the archive's path relative to where the command was run. */
export const shown = (path: string) =>
  relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path) || path;
