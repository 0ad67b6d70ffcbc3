import { outcomeName } from '../../../../src/notifications/texts/notification-text';
import type { Outcome, PositionValue } from '../../api/server-types';
import { t, translator } from '../../i18n/i18n';

export const POSITIONS: PositionValue[] = ['endorse', 'endorse-with-reservations', 'object', 'abstain'];
export const OUTCOMES: Outcome[] = ['adopted', 'adopted-with-changes', 'not-adopted'];

export const positionText = (p: PositionValue | 'divided') =>
  ({
    endorse: t('position.endorse'),
    'endorse-with-reservations': t('position.endorseWithReservations'),
    object: t('position.object'),
    abstain: t('position.abstain'),
    divided: t('position.divided'),
  })[p];

export const outcomeText = (o: Outcome) => outcomeName(o, translator);
