/*
 * The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195), by their titles
 * in the Compact's English and Arabic texts. Pure and free of DOM and Node APIs: the server's CSV exports and the web
 * client both bundle it, so an objective is called the same everywhere.
 */

export type ObjectiveLocale = 'en' | 'ar';

export const OBJECTIVE_NUMBERS = Array.from({ length: 23 }, (_, i) => i + 1);

const TITLES: Record<ObjectiveLocale, readonly string[]> = {
  en: [
    'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
    'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
    'Provide accurate and timely information at all stages of migration',
    'Ensure that all migrants have proof of legal identity and adequate documentation',
    'Enhance availability and flexibility of pathways for regular migration',
    'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work',
    'Address and reduce vulnerabilities in migration',
    'Save lives and establish coordinated international efforts on missing migrants',
    'Strengthen the transnational response to smuggling of migrants',
    'Prevent, combat and eradicate trafficking in persons in the context of international migration',
    'Manage borders in an integrated, secure and coordinated manner',
    'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
    'Use migration detention only as a measure of last resort and work towards alternatives',
    'Enhance consular protection, assistance and cooperation throughout the migration cycle',
    'Provide access to basic services for migrants',
    'Empower migrants and societies to realize full inclusion and social cohesion',
    'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
    'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
    'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
    'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
    'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
    'Establish mechanisms for the portability of social security entitlements and earned benefits',
    'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
  ],
  ar: [
    'جمع واستخدام بيانات دقيقة ومصنفة كأساس لسياسات قائمة على الأدلة',
    'التقليل إلى أدنى حد من الدوافع السلبية والعوامل الهيكلية التي تضطر الناس إلى مغادرة بلدهم الأصلي',
    'توفير معلومات دقيقة وفي الوقت المناسب في جميع مراحل الهجرة',
    'كفالة حصول جميع المهاجرين على إثبات للهوية القانونية ووثائق ملائمة',
    'تعزيز توافر مسارات الهجرة النظامية ومرونتها',
    'تيسير التوظيف المنصف والأخلاقي وضمان الظروف التي تكفل العمل اللائق',
    'معالجة أوجه الضعف في الهجرة والحد منها',
    'إنقاذ الأرواح وتنسيق الجهود الدولية المتعلقة بالمهاجرين المفقودين',
    'تعزيز التصدي عبر الوطني لتهريب المهاجرين',
    'منع الاتجار بالأشخاص ومكافحته والقضاء عليه في سياق الهجرة الدولية',
    'إدارة الحدود بطريقة متكاملة وآمنة ومنسقة',
    'تعزيز التيقن وإمكانية التنبؤ في إجراءات الهجرة من أجل الفرز والتقييم والإحالة على النحو المناسب',
    'عدم اللجوء إلى احتجاز المهاجرين إلا كملاذ أخير والعمل على إيجاد بدائل له',
    'تعزيز الحماية والمساعدة والتعاون في المجال القنصلي طوال دورة الهجرة',
    'توفير إمكانية حصول المهاجرين على الخدمات الأساسية',
    'تمكين المهاجرين والمجتمعات من تحقيق الإدماج الكامل والتماسك الاجتماعي',
    'القضاء على جميع أشكال التمييز وتشجيع الخطاب العام المستند إلى الأدلة من أجل تشكيل التصورات عن الهجرة',
    'الاستثمار في تنمية المهارات وتيسير الاعتراف المتبادل بالمهارات والمؤهلات والكفاءات',
    'تهيئة الظروف التي تمكّن المهاجرين والمغتربين من المساهمة الكاملة في التنمية المستدامة في جميع البلدان',
    'تعزيز تحويل التحويلات المالية بطريقة أسرع وأكثر أمانا وأقل تكلفة وتشجيع الشمول المالي للمهاجرين',
    'التعاون في تيسير العودة وإعادة القبول بصورة آمنة وكريمة، فضلا عن إعادة الإدماج المستدام',
    'إنشاء آليات لإمكانية نقل استحقاقات الضمان الاجتماعي والمزايا المكتسبة',
    'تعزيز التعاون الدولي والشراكات العالمية من أجل الهجرة الآمنة والمنظمة والنظامية',
  ],
};

/** An objective's title in a language; an unknown number (a client older than the data) gets an empty title. */
export function objectiveTitle(n: number, locale: ObjectiveLocale): string {
  return TITLES[locale][n - 1] ?? '';
}

/**
 * Folds what differs between spellings of the same words so a search matches however it is typed: case, Arabic
 * diacritics and tatweel, the forms of alef, alef maqsura and taa marbuta.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The objectives a filter text names: by number (Latin or Arabic-Indic digits), or by words of the title in either
 * language, every word having to match (`skills recogn` → 18). An empty text matches all.
 */
export function matchObjectives(query: string, numbers: readonly number[] = OBJECTIVE_NUMBERS): number[] {
  const folded = foldForSearch(query.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)));
  if (!folded) return [...numbers];
  if (/^\d+$/.test(folded)) return numbers.filter((n) => String(n) === folded);
  const words = folded.split(' ');
  return numbers.filter((n) =>
    (['en', 'ar'] as const).some((locale) => {
      const title = foldForSearch(objectiveTitle(n, locale));
      return words.every((word) => title.includes(word));
    }),
  );
}
