import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { attachedFilesJson } from '../attachments/attachment-places.repository';
import { ClaimView } from './dto/claim.dto';
import type { ClaimState } from './entities/progress-claim.entity';

const CLAIM_SELECT = `SELECT c.id, c.action_item_id AS "actionItemId", c.percent, c.state, c.note_id AS "noteId",
    n.body AS "noteBody", n.body_html AS "noteBodyHtml",
    ${attachedFilesJson(`f.action_item_comment_id = c.note_id AND f.place = 'progress'`)} AS attachments,
    c.claimed_by AS "claimedById", cu.display_name AS "claimedByName", c.organization_id AS "organizationId",
    co.name AS "organizationName", c.claimed_at AS "claimedAt", c.decided_by AS "decidedById",
    du.display_name AS "decidedByName", c.decider_organization_id AS "deciderOrganizationId",
    dorg.name AS "deciderOrganizationName", c.decided_at AS "decidedAt", c.reason
  FROM progress_claims c
  LEFT JOIN action_item_comments n ON n.id = c.note_id
  LEFT JOIN users cu ON cu.id = c.claimed_by
  LEFT JOIN organizations co ON co.id = c.organization_id
  LEFT JOIN users du ON du.id = c.decided_by
  LEFT JOIN organizations dorg ON dorg.id = c.decider_organization_id`;

/** What a decision needs to know of a claim, read under lock. */
export interface ClaimHead {
  id: string;
  actionItemId: string;
  percent: number;
  state: ClaimState;
  claimedById: string | null;
}

/** Progress claims and the item columns they and facilitators set: progress, verified_progress and weight. */
@Injectable()
export class ClaimRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first: the item's history of claims and decisions. */
  list(actionItemId: string): Promise<ClaimView[]> {
    return this.db.query(`${CLAIM_SELECT} WHERE c.action_item_id = $1 ORDER BY c.claimed_at DESC, c.id DESC`, [
      actionItemId,
    ]);
  }

  async find(db: EntityManager, id: string): Promise<ClaimView> {
    const [row]: ClaimView[] = await db.query(`${CLAIM_SELECT} WHERE c.id = $1`, [id]);
    return row;
  }

  /** The item a claim is on (no lock: the caller locks the item, then the claim). */
  async itemOf(db: EntityManager, id: string): Promise<string | undefined> {
    const [row]: { actionItemId: string }[] = await db.query(
      `SELECT action_item_id AS "actionItemId" FROM progress_claims WHERE id = $1`,
      [id],
    );
    return row?.actionItemId;
  }

  async lock(tx: EntityManager, id: string): Promise<ClaimHead> {
    const [row]: ClaimHead[] = await tx.query(
      `SELECT id, action_item_id AS "actionItemId", percent, state, claimed_by AS "claimedById"
         FROM progress_claims WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return { ...row, percent: Number(row.percent) };
  }

  /** With the organization the claimant speaks for as they claim; the item's standing claim becomes this one. */
  async insert(
    tx: EntityManager,
    claim: { actionItemId: string; percent: number; noteId: string; claimedById: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO progress_claims (action_item_id, percent, note_id, claimed_by, organization_id)
       SELECT $1, $2, $3, $4, organization_id FROM users WHERE id = $4 RETURNING id`,
      [claim.actionItemId, claim.percent, claim.noteId, claim.claimedById],
    );
    await tx.query(`UPDATE action_items SET progress = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
      claim.actionItemId,
      claim.percent,
    ]);
    return id;
  }

  /**
   * Records the decision, with the organization the decider speaks for. Verified: the item's verified figure is
   * the claim's. Returned: the item's standing claim is its newest claim not returned, or none.
   */
  async decide(
    tx: EntityManager,
    claim: ClaimHead,
    decision: { state: 'verified' | 'returned'; decidedById: string; reason: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE progress_claims
          SET state = $2, decided_by = $3, decided_at = now(), reason = $4,
              decider_organization_id = (SELECT organization_id FROM users WHERE id = $3)
        WHERE id = $1`,
      [claim.id, decision.state, decision.decidedById, decision.reason],
    );
    if (decision.state === 'verified') {
      await tx.query(
        `UPDATE action_items SET verified_progress = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [claim.actionItemId, claim.percent],
      );
    } else {
      await tx.query(
        `UPDATE action_items
            SET progress = (SELECT percent FROM progress_claims
                             WHERE action_item_id = $1 AND state <> 'returned'
                             ORDER BY claimed_at DESC, id DESC LIMIT 1),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [claim.actionItemId],
      );
    }
  }

  /** Locks the item until commit: its claims and their decisions are made one after another. */
  async lockItem(tx: EntityManager, actionItemId: string): Promise<void> {
    await tx.query(`SELECT id FROM action_items WHERE id = $1 FOR UPDATE`, [actionItemId]);
  }

  /** The item's weight in its recommendation's progress (beside its claimed figures, on the same row). */
  async setWeight(tx: EntityManager, actionItemId: string, weight: number): Promise<void> {
    await tx.query(`UPDATE action_items SET weight = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
      actionItemId,
      weight,
    ]);
  }

  /** The group's verifier organization, if it has one. */
  async verifierOf(db: EntityManager, groupId: string): Promise<string | null> {
    const [row]: { id: string | null }[] = await db.query(
      `SELECT verifier_organization_id AS id FROM working_groups WHERE id = $1`,
      [groupId],
    );
    return row?.id ?? null;
  }

  /** Who hears of a new claim: the group's facilitators and its verifier organization's members in it. */
  async verifiers(db: EntityManager, groupId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT m.user_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN working_groups g ON g.id = m.group_id
        WHERE m.group_id = $1
          AND (m.role = 'facilitator' OR (m.role = 'member' AND u.organization_id = g.verifier_organization_id))`,
      [groupId],
    );
    return rows.map((row) => row.id);
  }

  async groupName(db: EntityManager, groupId: string): Promise<string> {
    const [row]: { name: string }[] = await db.query(`SELECT name FROM working_groups WHERE id = $1`, [groupId]);
    return row?.name ?? '';
  }
}
