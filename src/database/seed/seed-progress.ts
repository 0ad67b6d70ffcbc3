import { INestApplicationContext } from '@nestjs/common';
import { ClaimsService } from '../../accountability/claims.service';
import { MilestonesService } from '../../accountability/milestones.service';
import { ReviewsService } from '../../accountability/reviews.service';
import { AuthUser } from '../../auth/auth-user';
import { UploadsService } from '../../attachments/uploads.service';
import { DEMO_PROGRESS } from './demo-workspace';
import { SeedRepository } from './seed.repository';

const FACILITATOR = 'facilitator@tansiq.demo';

/** Signs in a demo account by email (seed.ts's DemoUsers). */
export interface SeedActor {
  as(email: string): Promise<AuthUser>;
}

/**
 * The accountability chain on the demo's actions: milestones, claims with their notes and evidence, the
 * facilitator's decisions, then the review that is due today. Resumable like every step of the seed: milestones are
 * found by title, claims by their order on the item, decisions by the claim's state, the review by its date.
 */
export async function seedProgress(
  app: INestApplicationContext,
  seeds: SeedRepository,
  users: SeedActor,
  progress: { added: number },
): Promise<void> {
  const milestones = app.get(MilestonesService);
  const claims = app.get(ClaimsService);
  for (const demo of DEMO_PROGRESS) {
    const item = await seeds.actionItemByTitle(demo.action);
    if (!item) throw new Error(`the demo action "${demo.action}" is missing`);
    const made = await seeds.milestones(item.id);
    for (const [title, done] of demo.milestones) {
      let milestone = made.find((m) => m.title === title);
      if (!milestone) {
        milestone = await milestones.create(await users.as(FACILITATOR), item.id, { title });
        progress.added += 1;
      }
      if (done && !milestone.done) {
        await milestones.update(await users.as(FACILITATOR), milestone.id, { done: true });
        progress.added += 1;
      }
    }
    const claimed = await seeds.claims(item.id);
    for (const [index, demoClaim] of demo.claims.entries()) {
      let claim = claimed[index];
      if (!claim) {
        const by = await users.as(demoClaim.by);
        const attachmentIds = demoClaim.file
          ? [
              (
                await app
                  .get(UploadsService)
                  .store(by, item.groupId, demoClaim.file.name, Buffer.from(demoClaim.file.content))
              ).id,
            ]
          : [];
        claim = await claims.create(by, item.id, { percent: demoClaim.percent, body: demoClaim.note, attachmentIds });
        progress.added += 1;
      }
      if (demoClaim.decision && claim.state === 'pending') {
        const facilitator = await users.as(FACILITATOR);
        if (demoClaim.decision.verify) await claims.verify(facilitator, claim.id);
        else await claims.return(facilitator, claim.id, demoClaim.decision.reason);
        progress.added += 1;
      }
    }
  }
  // The reviewed recommendation's review date is today: open its review now rather than at the next tick.
  progress.added += await app.get(ReviewsService).run();
}
