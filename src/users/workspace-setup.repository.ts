import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

// Serializes admin creation: two setup requests (or a setup and the CLI) cannot both find no admin.
const ADMIN_CREATION_LOCK = 7_301_001;

/** Every query of the workspace's bootstrap: is there an admin yet, and the setup link's token. */
@Injectable()
export class WorkspaceSetupRepository {
  constructor(private readonly db: DataSource) {}

  /** Taken for the rest of the caller's transaction. */
  async lockAdminCreation(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CREATION_LOCK]);
  }

  async adminExists(db: EntityManager = this.db.manager): Promise<boolean> {
    const [row]: { exists: boolean }[] = await db.query('SELECT EXISTS (SELECT 1 FROM users WHERE is_admin) AS exists');
    return row.exists;
  }

  /** The new token replaces any earlier one: only the link printed last works. */
  async replaceToken(tx: EntityManager, tokenHash: string, expiresAt: Date): Promise<void> {
    await tx.query('DELETE FROM setup_tokens');
    await tx.query('INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)', [tokenHash, expiresAt]);
  }

  /** The token with this hash if it is unused and unexpired, locked until the caller's transaction ends. */
  async lockUsable(tx: EntityManager, tokenHash: string): Promise<{ id: string } | null> {
    const [row]: { id: string }[] = await tx.query(
      `SELECT id FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [tokenHash],
    );
    return row ?? null;
  }

  async markUsed(tx: EntityManager, id: string): Promise<void> {
    await tx.query('UPDATE setup_tokens SET used_at = now() WHERE id = $1', [id]);
  }
}
