import {
  closeRecommendation,
  createAction,
  createGroup,
  createThread,
  postMessage,
  react,
  registerUser,
  takePosition,
  updateAction,
  User,
} from './api';

/**
 * A working group with realistic content in English and Arabic (for screenshots and the accessibility scan):
 * a discussion with replies, a mention, reactions and mixed-direction text; a recommendation with positions and
 * an outcome; action items in every status.
 */
export async function demoGroup() {
  const facilitator = await registerUser('Layla Haddad');
  const ministry = await registerUser('Omar Saleh');
  const ngo = await registerUser('سارة ناصر');
  const observer = await registerUser('Daniel Weber');
  // Group names need not be unique, and the screenshots read better without a random suffix.
  const group = await createGroup(facilitator, 'Legal pathways and irregular migration', [
    [ministry, 'member'],
    [ngo, 'member'],
    [observer, 'observer'],
  ]);

  const discussion = await createThread(facilitator, group.id, {
    title: 'Seasonal work permits: who issues them?',
    objectives: [5, 6],
  });
  const opening = await postMessage(
    facilitator,
    discussion.id,
    'Welcome. Let us list every body that issues **seasonal work permits** today, and where the steps overlap.',
  );
  const answer = await postMessage(
    ministry,
    discussion.id,
    'The Ministry of Labour issues them; residence is a separate step at the Ministry of Interior.',
  );
  await postMessage(ngo, discussion.id, 'نقترح نافذة واحدة للتصاريح والإقامة، مع إشراك منظمات المجتمع المدني.', {
    parentId: answer.id,
  });
  await postMessage(
    facilitator,
    discussion.id,
    `Thanks <@${ngo.id}>. Could you share the one-stop-shop proposal (النافذة الواحدة) before Thursday?`,
  );
  await react(ministry, opening.id, '👍');
  await react(ngo, opening.id, '👍');
  await react(ngo, answer.id, '🎉');

  const recommendation = await createThread(facilitator, group.id, {
    title: 'Create a one-stop shop for seasonal permits',
    kind: 'recommendation',
    proposal: 'Create a **one-stop shop** where seasonal workers get their work permit and residence together.',
    objectives: [5],
  });
  await takePosition(ministry, recommendation.id, 'endorse-with-reservations', 'Needs a budget line first.');
  await takePosition(ngo, recommendation.id, 'endorse', 'يخفف العبء عن العمال.');
  await closeRecommendation(
    facilitator,
    recommendation.id,
    'adopted-with-changes',
    'Adopted, with a pilot in two governorates.',
  );

  const due = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const source = { sourceType: 'recommendation', sourceId: recommendation.id };
  await createAction(facilitator, group.id, {
    ...source,
    title: 'Draft the one-stop shop procedure',
    focalPersonId: ministry.id,
    dueDate: due(20),
    priority: 'high',
  });
  const inProgress = await createAction(facilitator, group.id, {
    ...source,
    title: 'Choose the two pilot governorates',
    focalPersonId: facilitator.id,
    dueDate: due(10),
  });
  await updateAction(facilitator, inProgress.id, { version: inProgress.version, status: 'in-progress' });
  const blocked = await createAction(facilitator, group.id, {
    title: 'تقدير تكلفة النافذة الواحدة',
    focalPersonId: ngo.id,
    dueDate: due(-3),
    priority: 'high',
  });
  await updateAction(facilitator, blocked.id, {
    version: blocked.version,
    status: 'blocked',
    statusReason: 'Waiting for the budget figures from the ministry.',
  });
  const done = await createAction(facilitator, group.id, {
    ...source,
    title: 'List the bodies issuing permits',
    focalPersonId: ministry.id,
    priority: 'low',
  });
  const started = await updateAction(facilitator, done.id, { version: done.version, status: 'in-progress' });
  await updateAction(facilitator, done.id, { version: started.version, status: 'done' });

  return { group, discussion, recommendation, facilitator, ministry, ngo, observer } satisfies Record<
    string,
    User | { id: string }
  >;
}
