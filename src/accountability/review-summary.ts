import type { ActionStatus } from '../action-items/status-transitions';
import type { RollUpRecommendationDto } from './dto/progress-report.dto';

/** One action of a reviewed recommendation, as the review found it. */
export interface ReviewActionFigures {
  id: string;
  title: string;
  status: ActionStatus;
  claimed: number | null;
  verified: number | null;
  overdue: boolean;
}

/**
 * What a review found, as figures (stored in recommendation_reviews.summary, never prose): the recommendation's
 * claimed and verified percent, each action, how many are overdue, and the files on actions with a verified claim.
 */
export interface ReviewSummary {
  claimed: number | null;
  verified: number | null;
  actions: ReviewActionFigures[];
  overdue: number;
  verifiedEvidence: number;
}

/** The summary of one recommendation's roll-up; `verifiedItems` are its actions with a verified claim. */
export function reviewSummary(recommendation: RollUpRecommendationDto, verifiedItems: Set<string>): ReviewSummary {
  const actions = recommendation.actions.map((action) => ({
    id: action.id,
    title: action.title,
    status: action.status,
    claimed: action.claimed,
    verified: action.verified,
    // The roll-up's SQL says null (not false) for an item without a due date.
    overdue: action.overdue === true,
  }));
  return {
    claimed: recommendation.claimed,
    verified: recommendation.verified,
    actions,
    overdue: actions.filter((action) => action.overdue).length,
    verifiedEvidence: recommendation.actions
      .filter((action) => verifiedItems.has(action.id))
      .reduce((sum, action) => sum + action.evidenceCount, 0),
  };
}

const percent = (value: number | null) => (value === null ? '—' : `${value}%`);

const STATUS: Record<'en' | 'ar', Record<ActionStatus, string>> = {
  en: { open: 'open', 'in-progress': 'in progress', blocked: 'blocked', done: 'done', cancelled: 'cancelled' },
  ar: { open: 'مفتوحة', 'in-progress': 'قيد التنفيذ', blocked: 'متعثرة', done: 'منجزة', cancelled: 'ملغاة' },
};

const WORDS = {
  en: {
    heading: (date: string) => `Review of this recommendation, ${date}`,
    comma: ', ',
    progress: 'Progress',
    claimed: 'claimed',
    verified: 'verified',
    actions: 'Actions',
    none: 'No actions.',
    overdue: 'Overdue actions',
    evidence: 'Files evidencing verified progress',
    ask: 'Each organization is asked to restate its position on the recommendation while this discussion is open.',
  },
  ar: {
    heading: (date: string) => `مراجعة هذه التوصية، ${date}`,
    comma: '، ',
    progress: 'التقدم',
    claimed: 'مُعلَن',
    verified: 'مُتحقَّق منه',
    actions: 'المهام',
    none: 'لا مهام.',
    overdue: 'المهام المتأخرة',
    evidence: 'الملفات التي تثبت التقدم المُتحقَّق منه',
    ask: 'يُرجى من كل منظمة إعادة تأكيد موقفها من التوصية ما دام هذا النقاش مفتوحًا.',
  },
};

/**
 * The review thread's first message: the same figures in English, then in Arabic (a system message has no reader
 * language; both are there for everyone). Titles are the authors' words, escaped so they stay plain text.
 */
export function reviewMarkdown(summary: ReviewSummary, reviewDate: string): string {
  return (['en', 'ar'] as const).map((language) => section(summary, reviewDate, language)).join('\n\n---\n\n');
}

function section(summary: ReviewSummary, reviewDate: string, language: 'en' | 'ar'): string {
  const w = WORDS[language];
  const line = (a: ReviewActionFigures) =>
    `- ${escape(a.title)}: ${[STATUS[language][a.status], `${percent(a.claimed)} ${w.claimed}`, `${percent(a.verified)} ${w.verified}`].join(w.comma)}`;
  const overdue = summary.actions.filter((a) => a.overdue);
  return [
    `**${w.heading(reviewDate)}**`,
    `${w.progress}: ${percent(summary.claimed)} ${w.claimed}${w.comma}${percent(summary.verified)} ${w.verified}`,
    `**${w.actions}**`,
    summary.actions.length ? summary.actions.map(line).join('\n') : w.none,
    `**${w.overdue}: ${overdue.length}**`,
    ...(overdue.length ? [overdue.map((a) => `- ${escape(a.title)}`).join('\n')] : []),
    `${w.evidence}: ${summary.verifiedEvidence}`,
    w.ask,
  ].join('\n\n');
}

/** Markdown's punctuation in a title, escaped: a title renders as the words it is. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}
