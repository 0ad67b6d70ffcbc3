import { describe, expect, it } from '@jest/globals';
import type { AttachmentDto } from '../../api/server-types';
import { MAX_FILES, pendingFiles, percent, roomLeft, uploadedIds, uploading, type PendingFile } from './pending-files';

const stored = (id: string, size: number) => ({ id, size }) as AttachmentDto;

function run(...actions: Parameters<typeof pendingFiles>[1][]): PendingFile[] {
  return actions.reduce(pendingFiles, [] as PendingFile[]);
}

describe('pending files', () => {
  it('send the ids of the uploaded files only, in the order picked', () => {
    const state = run(
      { type: 'add', key: 'k1', name: 'a.pdf', size: 100 },
      { type: 'add', key: 'k2', name: 'b.pdf', size: 100 },
      { type: 'add', key: 'k3', name: 'c.pdf', size: 100 },
      { type: 'done', key: 'k3', attachment: stored('id3', 100) },
      { type: 'failed', key: 'k2', error: new Error('415') },
      { type: 'done', key: 'k1', attachment: stored('id1', 100) },
    );
    expect(uploadedIds(state)).toEqual(['id1', 'id3']);
    expect(uploading(state)).toBe(false);
  });

  it('are busy while any file is still uploading', () => {
    const state = run({ type: 'add', key: 'k1', name: 'a.pdf', size: 100 });
    expect(uploading(state)).toBe(true);
    expect(uploadedIds(state)).toEqual([]);
  });

  it('show progress and never move a finished file back', () => {
    let state = run({ type: 'add', key: 'k1', name: 'a.pdf', size: 200 }, { type: 'progress', key: 'k1', sent: 50 });
    expect(percent(state[0])).toBe(25);
    state = pendingFiles(state, { type: 'done', key: 'k1', attachment: stored('id1', 200) });
    state = pendingFiles(state, { type: 'progress', key: 'k1', sent: 10 });
    expect(percent(state[0])).toBe(100);
    expect(state[0].status).toBe('done');
  });

  it('forget a removed file', () => {
    const state = run(
      { type: 'add', key: 'k1', name: 'a.pdf', size: 1 },
      { type: 'done', key: 'k1', attachment: stored('id1', 1) },
      { type: 'remove', key: 'k1' },
    );
    expect(state).toEqual([]);
  });

  it('count failed files out of the ten a write may carry', () => {
    const state = run(
      { type: 'add', key: 'k1', name: 'a', size: 1 },
      { type: 'add', key: 'k2', name: 'b', size: 1 },
      { type: 'failed', key: 'k2', error: null },
    );
    expect(roomLeft(state)).toBe(MAX_FILES - 1);
  });

  it('clear after the write was sent', () => {
    expect(run({ type: 'add', key: 'k1', name: 'a', size: 1 }, { type: 'clear' })).toEqual([]);
  });
});
