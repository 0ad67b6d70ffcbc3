/**
 * Search test corpora: documents on distinct topics, in Arabic and in English, built from each topic's sentences.
 * Words a query looks for live in one topic only, so a hit from another topic is a precision failure.
 */
export interface CorpusDocument {
  topic: string;
  body: string;
}

/** Sentences per topic; every document takes two of its topic's and a neutral closing. */
export const ARABIC_TOPICS: Record<string, string[]> = {
  agriculture: [
    'يحتاج العمال الموسميون في الزراعة إلى عقود واضحة',
    'مواسم الحصاد تجذب العمال إلى المزارع الكبيرة',
    'ناقشنا أجور الزراعة وساعات العمل في الحقول',
    'تنظيم تنقل العمال بين المزارع حسب المواسم',
  ],
  education: [
    'تعليم الأطفال المهاجرين في المدارس الحكومية حق أساسي',
    'تسجيل أطفال الأسر المهاجرة في المدارس دون وثائق',
    'المعلمون يطلبون مناهج تراعي لغة الأطفال الأم',
    'الطفل المهاجر يحتاج إلى دعم نفسي في المدرسة',
  ],
  remittances: [
    'تكاليف التحويلات المالية إلى الأسر ما زالت مرتفعة',
    'المصارف الرقمية تخفض رسوم التحويلات المالية',
    'تحويل الأموال عبر الهاتف يصل إلى القرى البعيدة',
    'شفافية أسعار الصرف في التحويلات',
  ],
  health: [
    'الرعاية الصحية للمهاجرين في المستشفيات العامة',
    'التطعيم في العيادات المتنقلة قرب المخيمات',
    'تأمين صحي يشمل العاملين في المنازل',
    'المستشفيات تحتاج مترجمين للمرضى',
  ],
  borders: [
    'إدارة الحدود تتطلب تنسيقاً بين الدول المجاورة',
    'تبسيط إجراءات التأشيرات عند المعابر الحدودية',
    'حرس الحدود يتلقون تدريباً على حقوق الإنسان',
    'معالجة طلبات التأشيرة إلكترونياً',
  ],
  partnerships: [
    'الشراكة بين المؤسسات الحكومية والمنظمات الأهلية',
    'مؤسسة وطنية تنسق خطة العمل المشتركة',
    'اتفاقية تعاون مع مؤسسات القطاع الخاص',
    'بناء قدرات المؤسسة على جمع البيانات',
  ],
  return: [
    'إعادة الإدماج بعد العودة الطوعية إلى الوطن',
    'برامج العائدين تقدم منحاً لمشاريع صغيرة',
    'متابعة العائدين خلال السنة الأولى من الإدماج',
    'العودة الآمنة والكريمة للمهاجرين',
  ],
  refugees: [
    'حماية اللاجئين وطالبي اللجوء من الإعادة القسرية',
    'تسجيل اللاجئ لدى المفوضية خلال أسبوع',
    'اللاجئون في المدن يبحثون عن سكن',
    'إجراءات اللجوء العادلة والسريعة',
  ],
};

export const ENGLISH_TOPICS: Record<string, string[]> = {
  agriculture: [
    'Seasonal workers in agriculture need clear contracts',
    'Harvest seasons draw farmhands to the large estates',
    'We discussed farm wages and field hours',
    'Rotating crews between orchards as crops ripen',
  ],
  education: [
    'Schooling for migrant children in public classrooms',
    'Enrolling pupils without identity papers',
    'Teachers ask for curricula in the mother tongue',
    'A child new to the classroom needs counselling',
  ],
  remittances: [
    'Remittance costs to families are still high',
    'Digital banks cut the fees on remittances',
    'Mobile money transfers reach remote villages',
    'Transparent exchange rates on transfers home',
  ],
  health: [
    'Healthcare for newcomers in public hospitals',
    'Vaccination at mobile clinics near the camps',
    'Insurance covering domestic employees',
    'Hospitals need interpreters for patients',
  ],
  borders: [
    'Border management needs coordination between neighbouring states',
    'Simpler visa procedures at the crossings',
    'Border guards trained on human rights',
    'Processing visa applications online',
  ],
  partnerships: [
    'Partnership between ministries and civil society',
    'A national institution coordinates the joint plan',
    'A cooperation agreement with private companies',
    'Building institutional capacity for data collection',
  ],
  return: [
    'Reintegration after voluntary return home',
    'Programmes for returnees offer small business grants',
    'Following returnees through their first year back',
    'Safe and dignified repatriation',
  ],
  refugees: [
    'Protection of refugees and asylum seekers from refoulement',
    'A refugee registers with the agency within a week',
    'Urban refugees look for housing',
    'Fair and fast asylum procedures',
  ],
};

/** `perTopic` documents of every topic: two of its sentences (a different pair each time) and a neutral closing. */
export function corpus(topics: Record<string, string[]>, perTopic: number, closing: (n: number) => string) {
  const documents: CorpusDocument[] = [];
  for (let n = 0; n < perTopic; n += 1) {
    for (const [topic, sentences] of Object.entries(topics)) {
      const first = sentences[n % sentences.length];
      const second = sentences[(n + 1 + Math.floor(n / sentences.length)) % sentences.length];
      documents.push({ topic, body: `${first}. ${second === first ? '' : `${second}. `}${closing(n)}` });
    }
  }
  return documents;
}
