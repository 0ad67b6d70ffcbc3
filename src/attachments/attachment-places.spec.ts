import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ValidationFailed } from '../common/validation.pipe';
import { AttachmentPlaces } from './attachment-places';
import type { AttachmentPlacesRepository, AttachmentRow, ClaimedPlace } from './attachment-places.repository';

const tx = {} as EntityManager;
const user = { id: 'u1', displayName: 'Amal' } as AuthUser;

const row = (id: string, place: ClaimedPlace): AttachmentRow => ({
  id,
  groupId: 'g1',
  name: `${id}.pdf`,
  contentType: 'application/pdf',
  size: '2048',
  uploaderId: user.id,
  uploaderName: 'Amal',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  width: null,
  height: null,
  pageCount: 3,
  hasThumbnail: true,
  ...place,
});

/** A repository that claims only the ids it holds as pending, and records what it was asked. */
function places(pending: string[]) {
  const asked: { ids: string[]; place: ClaimedPlace }[] = [];
  const repository = {
    claim: (_tx: EntityManager, _user: unknown, _groupId: string, ids: string[], place: ClaimedPlace) => {
      asked.push({ ids, place });
      return Promise.resolve(ids.filter((id) => pending.includes(id)).map((id) => row(id, place)));
    },
  } as unknown as AttachmentPlacesRepository;
  return {
    places: new AttachmentPlaces(repository, {} as AuditService, { postgres: undefined, s3: undefined }),
    asked,
  };
}

describe('AttachmentPlaces.claim', () => {
  it('attaches to the place named, with only that place’s ids, and answers the files as readers see them', async () => {
    const { places: p, asked } = places(['a']);
    const files = await p.claim(tx, user, 'g1', ['a'], {
      place: 'progress',
      actionItemId: 'i1',
      actionItemCommentId: 'c1',
    });
    expect(asked[0].place).toEqual({
      place: 'progress',
      messageId: null,
      threadId: null,
      actionItemId: 'i1',
      actionItemCommentId: 'c1',
    });
    expect(files).toEqual([
      expect.objectContaining({
        id: 'a',
        kind: 'pdf',
        size: 2048,
        uploader: { id: 'u1', displayName: 'Amal' },
        place: 'progress',
        actionItemCommentId: 'c1',
        createdAt: '2026-12-01T10:00:00.000Z',
      }),
    ]);
  });

  it('asks nothing when no file is named', async () => {
    const { places: p, asked } = places([]);
    expect(await p.claim(tx, user, 'g1', [], { place: 'proposal', threadId: 't1' })).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('refuses an id named twice, and asks the database nothing', async () => {
    const { places: p, asked } = places(['a']);
    await expect(p.claim(tx, user, 'g1', ['a', 'a'], { place: 'action', actionItemId: 'i1' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'attachmentIds', code: 'attachment-not-available' })],
    });
    expect(asked).toEqual([]);
  });

  it('refuses the whole write when any id is not the user’s pending file', async () => {
    const { places: p } = places(['a']);
    const claim = p.claim(tx, user, 'g1', ['a', 'b'], { place: 'message', messageId: 'm1', threadId: 't1' });
    await expect(claim).rejects.toBeInstanceOf(ValidationFailed);
    await expect(claim).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'attachmentIds', code: 'attachment-not-available' })],
    });
  });

  it('refuses more than ten at once without asking', async () => {
    const { places: p, asked } = places([]);
    const ids = Array.from({ length: 11 }, (_, i) => `f${i}`);
    await expect(p.claim(tx, user, 'g1', ids, { place: 'action', actionItemId: 'i1' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'attachmentIds', code: 'too-many-items' })],
    });
    expect(asked).toEqual([]);
  });
});
