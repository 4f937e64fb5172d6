import GlossKit
import GlossPeople
import Testing

/// One expectation: a sentence with the expected PERSON spans marked `[[…]]`, the value of each
/// span in order, and its entity (`p1`, `p2`, …).
struct PeopleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let marked: String
    let values: [String]
    let entities: [String]

    init(_ rule: String, _ marked: String, values: [String] = [], entities: [String] = []) {
        self.rule = rule
        self.marked = marked
        self.values = values
        self.entities = entities
    }

    var testDescription: String { rule }

    /// Runs the extractor and checks spans (exact boundaries), values and entities.
    func check() throws {
        let annotated = Annotated(marked)
        let extractor = try PeopleExtractor()
        let document = Document(name: rule, text: annotated.text)
        let spans = try extractor.extract(document).sorted { $0.start < $1.start }
        let text = document.text
        #expect(spans.map { text[$0.start..<$0.end] } == annotated.gold.map { text[$0] }, "\(rule): span texts")
        #expect(spans.map { $0.start..<$0.end } == annotated.gold, "\(rule): span offsets")
        #expect(spans.allSatisfy { $0.label == "PERSON" })
        if !values.isEmpty {
            #expect(spans.map { $0.value?.text ?? "" } == values, "\(rule): values")
        }
        if !entities.isEmpty {
            #expect(spans.map { $0.attributes["entity"] ?? "" } == entities, "\(rule): entities")
        }
    }
}

@Suite("Arabic people")
struct ArabicRuleTests {
    static let cases: [PeopleCase] = [
        PeopleCase("a given name that is also a word between a given name and a family name; سيف الإسلام; a place between two titles",
                   "قال اللواء [[سيف الإسلام جبار العكيلي]] إن بين القتلى قيادياً يدعى [[مصطفى خلف الجبوري]]، "
                   + "وذكر محافظ جنين اللواء [[عادل فهمي الصباغ]] أن عضو المجلس [[نرمين صباح البياتي]] "
                   + "وصلت. ووقف الجنود خلف السواتر صباح الأحد. وقال وزير الموارد المائية [[عبد الأمير كاظم الركابي]] إن السد آمن.",
                   values: ["سيف الإسلام جبار العكيلي", "مصطفى خلف الجبوري", "عادل فهمي الصباغ", "نرمين صباح البياتي",
                            "عبد الأمير كاظم الركابي"]),
        PeopleCase("'known as' words end a name; places that begin with a kunya or a title",
                   "ونقلت القناة عن القيادي [[يحيى حسين المؤيد]] المكنى بـ\"[[أبي الكرار]]\" أن الشاحنات عبرت معبر كرم أبو سالم، "
                   + "وأن الانفجار وقع في السيدة زينب.",
                   values: ["يحيى حسين المؤيد", "يحيى حسين المؤيد"], entities: ["p1", "p1"]),
        PeopleCase("after a title, an unlisted family name that ends the phrase completes the name; Maghrebi and Ethiopian names",
                   "وقال وزير المالية [[رابح بوعلام مزياني]] إن النفقات تقدر بمليار دينار. ووصل وزير الخارجية الإثيوبي "
                   + "[[مسفين تاديسي أبيبي]] ونظيره الإريتري [[سلمون تخلي هبتي]] إلى جيبوتي. وقال وزير الداخلية والجماعات "
                   + "المحلية [[نور الدين بلقاسمي]] أن الانتخابات ستجرى. وقال الوزير [[محمد علي]] رسمياً إن الاجتماع انتهى. "
                   + "وقال رئيس الهيئة [[المنجي بن عمار الزواري]] إن النسبة بلغت النصف.",
                   values: ["رابح بوعلام مزياني", "مسفين تاديسي أبيبي", "سلمون تخلي هبتي", "نور الدين بلقاسمي", "محمد علي",
                            "المنجي بن عمار الزواري"]),
        PeopleCase("a name ends at a family name with the article, at a number word and before ف + a verb",
                   "أما المؤرخ [[منير عبد الكريم العاني]] فيذكّر بأن الاتفاق فشل، وحكم على المتهم الثالث [[نوري فاضل الجبوري]] "
                   + "ثلاث سنوات، وقالت منسقة المنظمة [[شيرين خدر حسو]] إن نصف المنازل دمرت.",
                   values: ["منير عبد الكريم العاني", "نوري فاضل الجبوري", "شيرين خدر حسو"]),
        PeopleCase("Jordanian and Turkish family names; Sinai towns that begin with الشيخ",
                   "وقال الأمين العام لسلطة وادي الأردن [[معتز فايز الروسان]] إن المياه ستصل، وفاز [[عبد الحليم نايف الخلايلة]] "
                   + "و[[سهام محمود العموش]]، وقالت والية هاتاي [[سيبل أقطاش]] إن الريحانية فقدت ثلث سكانها. وانفجرت عبوة قرب الشيخ زويد.",
                   values: ["معتز فايز الروسان", "عبد الحليم نايف الخلايلة", "سهام محمود العموش", "سيبل أقطاش"]),
        PeopleCase("European particles in Arabic script open a family name that later stands alone",
                   "وقال المبعوث الهولندي [[ماركو فان رايسويك]] إن برلين تعهدت. وقال السفير [[فرانسوا-كزافييه دو لا موت]] إن فرنسا "
                   + "أرسلت مساعدات. وأوضح [[دو لا موت]] أن القوافل وصلت، وقال [[فان رايسويك]] إن الحاجات كبيرة. لا أحد يعرف.",
                   values: ["ماركو فان رايسويك", "فرانسوا-كزافييه دو لا موت", "فرانسوا-كزافييه دو لا موت", "ماركو فان رايسويك"],
                   entities: ["p1", "p2", "p2", "p1"]),
        PeopleCase("a family name written as a kunya, after the given names",
                   "أما رئيس بلدية رهط [[عطية سلمان أبو قرينات]]، فقال إن القرى بعيدة.", values: ["عطية سلمان أبو قرينات"]),
        PeopleCase("أمة and a divine name, a woman's compound first name",
                   "وقالت رئيسة الرابطة [[أمة الرحمن عبده الشرعبي]] إن بين المفرج عنهم أحد عشر شاباً.",
                   values: ["أمة الرحمن عبده الشرعبي"]),
        PeopleCase("a nickname in quotes after الملقب بـ or المعروف بـ is the person's: common words as a name, linked to it",
                   "وأعلنت الشرطة اعتقال [[نور الدين عمر الخطيب]] الملقب بـ\"[[الشبح]]\"، فيما قال [[عبد الزهرة الموسوي]]، "
                   + "المعروف بـ«[[الخال]]»، إن الهجمات ستستمر. وزار الوزير [[سالم عيسى الهاشمي]] الحي المعروف بـ\"المثلث\" "
                   + "وشارك في حفل يعرف بـ\"الليلة الكبرى\".",
                   values: ["نور الدين عمر الخطيب", "نور الدين عمر الخطيب", "عبد الزهرة الموسوي", "عبد الزهرة الموسوي", "سالم عيسى الهاشمي"],
                   entities: ["p1", "p1", "p2", "p2", "p3"]),
        PeopleCase("a given name that is also a noun, after a title and the place it holds",
                   "وقال محافظ المفرق [[سلامة عودة الخريشا]] إن المخيم مكتظ، وتحدث عن عودة اللاجئين وسلامة الطرق.",
                   values: ["سلامة عودة الخريشا"]),
        PeopleCase("a given name that is also a nationality, after the title's own nationality; Persian family names in two words",
                   "قال نائب وزير الطاقة السعودي [[تركي بن ناصر القحطاني]] إن الإنتاج سيرتفع، وقال وزير الاقتصاد الإيراني "
                   + "[[مرتضى رضائي فرد]] إن التضخم تراجع، وقال وزير الطاقة السوري [[مازن خليل الحسون]] إن الحقول عادت.",
                   values: ["تركي بن ناصر القحطاني", "مرتضى رضائي فرد", "مازن خليل الحسون"]),
        PeopleCase("places that begin with a given name are no people",
                   "وصل اللاجئون إلى غازي عنتاب ثم إلى جلال آباد، وقالت [[أنيكا سورنسن]] إن المخيمات امتلأت.",
                   values: ["أنيكا سورنسن"]),
        PeopleCase("patronymics in Arabic letters after a foreign given name, and an Armenian family name in -يان",
                   "قال وزير الخارجية [[يرلان سيريكوفيتش توليغينوف]] إن الخط جاهز. وأضاف [[توليغينوف]] أن العمل انتهى. "
                   + "ومن جهته، أوضح [[آرام فاردانوفيتش سيدراكيان]] أن الحدود مفتوحة، وقالت النائبة [[آيغول تالانتبيكوفنا أسانوفا]] إن السد جاهز.",
                   values: ["يرلان سيريكوفيتش توليغينوف", "يرلان سيريكوفيتش توليغينوف", "آرام فاردانوفيتش سيدراكيان",
                            "آيغول تالانتبيكوفنا أسانوفا"]),
        PeopleCase("a place named with a kunya is no person; a compound family name; رئيس أركان is a title",
                   "اعترضت الدوريات قافلة قرب أم الأرانب، وسألت النائبة [[خديجتو ماء العينين]] عن المستشفى. "
                   + "وقالت [[ماء العينين]] إن رئيس أركان الحرس الوطني زار المدينة.",
                   values: ["خديجتو ماء العينين", "خديجتو ماء العينين"]),
        PeopleCase("Maghreb and Sudanese given names",
                   "قالت عضوة المجلس البلدي [[حواء آدم بركة]] إن المدينة بلا كهرباء، وقال [[الصادق آدم أبكر]] إن الطريق مغلق، "
                   + "وقالت وزيرة التضامن [[نسيمة حمودي بلقاسم]] إن القوافل وصلت.",
                   values: ["حواء آدم بركة", "الصادق آدم أبكر", "نسيمة حمودي بلقاسم"]),
        PeopleCase("a verb that is also a foreign surname (ترأس / تراس Truss) ends an Arabic name",
                   "ذكرت الوكالة أن الأمير [[فيصل بن خالد]] ترأس في الرياض اجتماعاً، والتقى [[ليز تراس]] لاحقاً.",
                   values: ["فيصل بن خالد", "ليز تراس"]),
        PeopleCase("الحاج after a given name is a family name, and is linked later",
                   "قال رئيس الوزراء [[وليد الحاج]] إن الجلسة تأجلت. وأضاف [[الحاج]] أن الموعد سيحدد لاحقاً.",
                   values: ["وليد الحاج", "وليد الحاج"]),
        PeopleCase("title + nationality + three-part name with nisba family name",
                   "وقال رئيس الوزراء العراقي [[محمد شياع السوداني]] إن الحكومة ماضية في خطتها.",
                   values: ["محمد شياع السوداني"], entities: ["p1"]),
        PeopleCase("clitic on the title: span on the name only",
                   "وقال السيد [[حسن علوان]] إن الاتفاق سيوقع قريبا.",
                   values: ["حسن علوان"]),
        PeopleCase("clitic on the name itself",
                   "والتقى الوفد ب[[محمد العبيدي]] في مكتبه، ثم غادر.",
                   values: ["محمد العبيدي"]),
        PeopleCase("reporting verb with feminine form, name with diacritics",
                   "وأكّدت [[فاطِمة الزهراء]] أنّ العمل مستمر.",
                   values: ["فاطمة الزهراء"]),
        PeopleCase("compound first name عبد + divine name, written apart and joined",
                   "التقى [[عبد الله الثاني]] بالوفد، ثم استقبل [[عبدالرحمن الكبيسي]] في المساء.",
                   values: ["عبد الله الثاني", "عبدالرحمن الكبيسي"]),
        PeopleCase("compound first name X الدين",
                   "أعلن [[نور الدين الزبيدي]] ترشحه للانتخابات المقبلة.",
                   values: ["نور الدين الزبيدي"]),
        PeopleCase("kunya أبو + name",
                   "قال [[أبو مازن]] إن الشعب الفلسطيني متمسك بأرضه.",
                   values: ["أبو مازن"]),
        PeopleCase("nasab بن",
                   "استقبل الشيخ [[محمد بن زايد]] وزير الخارجية الإيطالي.",
                   values: ["محمد بن زايد"]),
        PeopleCase("military rank + unlisted middle name",
                   "وقال اللواء [[يحيى رسول]] إن القوات الأمنية اعتقلت خمسة مطلوبين.",
                   values: ["يحيى رسول"]),
        PeopleCase("role with a descriptor before the name (scan)",
                   "وقال المتحدث باسم وزارة الداخلية العراقية [[خالد المحنا]] إن الوضع مستقر.",
                   values: ["خالد المحنا"]),
        PeopleCase("expert in a field before the name",
                   "ورأى الخبير في الشؤون العسكرية [[أحمد الشريفي]] أن التصعيد مستبعد.",
                   values: ["أحمد الشريفي"]),
        PeopleCase("chain of titles",
                   "وقال نائب رئيس الوزراء وزير الخارجية الأردني [[أيمن الصفدي]] إن المنطقة على حافة الانفجار.",
                   values: ["أيمن الصفدي"]),
        PeopleCase("foreign names in Arabic script after a title",
                   "وصرح وزير الخارجية الروسي [[سيرغي لافروف]] بأن موسكو منفتحة على الحوار.",
                   values: ["سيرغي لافروف"]),
        PeopleCase("linking: family name alone later carries the full name",
                   "قال الرئيس الفرنسي [[إيمانويل ماكرون]] إن أوروبا موحدة. وأضاف [[ماكرون]] أن الدعم سيستمر، ورد عليه [[لافروف]].",
                   values: ["إيمانويل ماكرون", "إيمانويل ماكرون", "لافروف"], entities: ["p1", "p1", "p2"]),
        PeopleCase("linking through a clitic on the later mention",
                   "وصل الوزير [[فؤاد حسين]] إلى طهران. وقالت مصادر مقربة من [[حسين]] إن الزيارة ناجحة، كما التقى ل[[حسين]] مسؤولون.",
                   values: ["فؤاد حسين", "فؤاد حسين", "فؤاد حسين"], entities: ["p1", "p1", "p1"]),
        PeopleCase("two people keep distinct entities",
                   "التقى الرئيس [[عبد الفتاح السيسي]] الملك [[عبد الله الثاني]] في القاهرة. وقال [[السيسي]] إن التنسيق مستمر.",
                   values: ["عبد الفتاح السيسي", "عبد الله الثاني", "عبد الفتاح السيسي"], entities: ["p1", "p2", "p1"]),
        PeopleCase("nisba family name after its introduction, but the adjective stays an adjective",
                   "قال [[نوري المالكي]] إن الانتخابات نزيهة. وأكد [[المالكي]] أن ائتلافه سيشارك، فيما رد الحزب المالكي ببيان.",
                   values: ["نوري المالكي", "نوري المالكي"], entities: ["p1", "p1"]),
        PeopleCase("caption credit, Arabic",
                   "جنود في موقع الانفجار (تصوير: [[سامر الحلبي]]/رويترز)",
                   values: ["سامر الحلبي"]),
        PeopleCase("caption credit, agency first",
                   "مشهد من المدينة القديمة (أ ف ب/[[زياد حمدان]])",
                   values: ["زياد حمدان"]),
        PeopleCase("على is not the name علي; علي is",
                   "أكد [[علي حسن]] على أهمية الحوار، وحصل على دعم واسع.",
                   values: ["علي حسن"]),
        PeopleCase("attribution cue بحسب",
                   "وبحسب [[محمد الحلبوسي]]، فإن البرلمان سيصوت غدا.",
                   values: ["محمد الحلبوسي"]),
        PeopleCase("ambiguous family name links bare, not inside لصالح; ambiguous first name does not link",
                   "قال الرئيس الراحل [[علي عبد الله صالح]] إن الوحدة باقية. وصوت البرلمان لصالح القرار. وأكد [[صالح]] أن الحوار ضروري. وقالت [[أمل كلوني]] إن العدالة ممكنة، ويحدونا أمل كبير.",
                   values: ["علي عبد الله صالح", "علي عبد الله صالح", "أمل كلوني"], entities: ["p1", "p1", "p2"]),
        PeopleCase("Mauritanian nasab ولد and compound عبد + any ال-word",
                   "اتصل الرئيس [[محمد ولد الغزواني]] بالخبير [[عبد النبي عبد المطلب]] أمس.",
                   values: ["محمد ولد الغزواني", "عبد النبي عبد المطلب"]),
        PeopleCase("unlisted foreign name after a role descriptor",
                   "وصل وفد برئاسة مفوضة شؤون المتوسط [[دوبرافكا شويتسا]] إلى دمشق.",
                   values: ["دوبرافكا شويتسا"]),
        PeopleCase("relational noun with a pronoun suffix as a title",
                   "وقال محاميه [[فريد الديب]] إنه سيطعن في الحكم.",
                   values: ["فريد الديب"]),
        PeopleCase("known surname alone with a verb",
                   "وقال [[نتنياهو]] إن الحرب ستستمر.",
                   values: ["نتنياهو"]),
        PeopleCase("a headline's present-tense verb after the name ends it",
                   "وزير الخارجية [[حسن الأحمد]] يصل إلى جنيف في زيارة رسمية",
                   values: ["حسن الأحمد"]),
        PeopleCase("present-tense verbs of headlines, masculine and feminine, end names",
                   "رئيس الوزراء [[خالد العمري]] يلتقي نظيره في عمان، ووزيرة الصحة [[فاطمة الزهراء]] تزور المستشفى",
                   values: ["خالد العمري", "فاطمة الزهراء"]),
        PeopleCase("an institution named with the article after the name is the verb's object",
                   "وطالب رئيس الوزراء [[إبراهيم عثمان]] المفوضية العليا للانتخابات بزيادة الدعم.",
                   values: ["إبراهيم عثمان"]),
        PeopleCase("a word that is a name in full is not a proclitic on a shorter name: كريم is not ك + ريم",
                   "وقالت الوزيرة [[ريم حداد]] إن الوفد ضيف كريم، وأكدت [[ريم]] أن اللقاء كان مثمرا.",
                   values: ["ريم حداد", "ريم حداد"]),
        PeopleCase("an ambiguous given name before a listed given name is the first name (خالد يوسف, not يوسف)",
                   "[[سامي عيسى]] يزور الموصل لبحث الملف الأمني، ووصل [[خالد يوسف]] إلى بغداد أمس.",
                   values: ["سامي عيسى", "خالد يوسف"]),
        PeopleCase("a given name that is also a noun heading a construct stays out: أمل محمد is Muhammad's hope",
                   "وأعرب عن أمل [[محمد]] في السلام، وقال إن الجميع يشاركون بأمل [[يوسف]] في التهدئة.",
                   values: ["محمد", "يوسف"]),
        PeopleCase("such a name is a first name where no preposition or proclitic makes it the noun",
                   "[[جمال عيسى]] يزور حلب، والتقى الوفد [[أمل عثمان]] في البصرة.",
                   values: ["جمال عيسى", "أمل عثمان"]),
        PeopleCase("a family name after such a first name belongs to it, not to an earlier entity",
                   "قال الوزير [[سعيد منصور]] إن الجلسة تأجلت. وفاز تحالف جمال منصور بأربعة مقاعد.",
                   values: ["سعيد منصور"]),
        PeopleCase("a family name right after another first name belongs to that name, not to the entity",
                   "قالت الوزيرة [[ريم حداد]] إن الوفد وصل. وفاز تحالف سلمى حداد بعشرين مقعدا.",
                   values: ["ريم حداد"]),
        PeopleCase("حافظ with a family name is still a name",
                   "وكان الرئيس الراحل [[حافظ الأسد]] قد زار القاهرة.",
                   values: ["حافظ الأسد"]),
        PeopleCase("نصار is a family name",
                   "التقى المحافظ [[أمل نصار]] نظيره [[هدى النعيمي]] في بغداد.",
                   values: ["أمل نصار", "هدى النعيمي"]),
        PeopleCase("more institutions after a name: the committee, the court, the parliament",
                   "ودعا الرئيس [[سعيد الخطيب]] اللجنة إلى الاجتماع، وأبلغ الوزير [[عمر حداد]] البرلمان بالقرار.",
                   values: ["سعيد الخطيب", "عمر حداد"]),
        PeopleCase("West African given names (the Sahel in Arabic news)",
                   "استقبل الرئيس وفداً من الاتحاد الأفريقي برئاسة [[أمادو ديالو]]، والتقى وزير الدفاع [[إبراهيما توري]].",
                   values: ["أمادو ديالو", "إبراهيما توري"]),
        PeopleCase("more Western given names after a spokesman's title and its organisation",
                   "وأوضحت الناطقة باسم الخارجية الأمريكية [[مارغريت وليامز]] أن الوفد وصل، وقال المتحدث باسم البنتاغون [[أندرو كلارك]] إن القوات باقية.",
                   values: ["مارغريت وليامز", "أندرو كلارك"]),
        PeopleCase("القيادي (a leading member) introduces a name, after a descriptor too",
                   "وقال القيادي الكردي [[فاضل ميراني]] إن الحزب سيشارك، وأكد القيادي في التيار [[حاكم الزاملي]] ذلك.",
                   values: ["فاضل ميراني", "حاكم الزاملي"]),
        PeopleCase("حاكم heading a central bank is a title; حاكم before a family name is a name",
                   "وقال حاكم مصرف لبنان [[وسيم منصوري]] إن الاحتياطي مستقر، وأكد النائب [[حاكم الزاملي]] ذلك.",
                   values: ["وسيم منصوري", "حاكم الزاملي"]),
        PeopleCase("سجاد is a given name (also 'carpets'); activists named in the plural",
                   "وأفرج عن الناشطين [[سجاد العراقي]] و[[علي الحجار]] بعد أسبوع، فيما بقي الناشط [[سجاد سالم]] معتقلاً.",
                   values: ["سجاد العراقي", "علي الحجار", "سجاد سالم"]),
        PeopleCase("العبد الله is one family name, not العبد then الله",
                   "وفق ما أفاد مدير الدفاع المدني [[خالد العبد الله]]. وأشار [[العبد الله]] إلى أن الفرق انتشلت جثتين.",
                   values: ["خالد العبد الله", "خالد العبد الله"]),
        PeopleCase("given names that are also places (جنين، ميسان) after a title",
                   "قالت وزيرة الصحة [[جنين الرفاعي]] إن المستشفى استقبل جرحى. وأضافت [[الرفاعي]] أن الوضع مستقر، "
                   + "فيما أكدت مديرة المكتب [[ميسان عبد الجبار الكعبي]] أن فرقا وصلت إلى مدينة جنين.",
                   values: ["جنين الرفاعي", "جنين الرفاعي", "ميسان عبد الجبار الكعبي"]),
        PeopleCase("a Somali family name starting with و, and a Kurdish given name",
                   "قال وزير الإعلام الصومالي [[عبدي فارح ورسمي]] إن الجيش تقدم، وأكد [[ورسمي]] أن المعارك مستمرة. "
                   + "وقال القيادي الكردي [[شيار حسو]] إن قواته انسحبت.",
                   values: ["عبدي فارح ورسمي", "عبدي فارح ورسمي", "شيار حسو"]),
        PeopleCase("an unlisted family name after a compound given name and a title",
                   "قال المتحدث باسم الوزارة الدكتور [[خليل عبد الرؤوف الشوا]] إن المستشفيات ممتلئة. وأضاف [[الشوا]] أن الأدوية نفدت.",
                   values: ["خليل عبد الرؤوف الشوا", "خليل عبد الرؤوف الشوا"]),
        PeopleCase("Lebanese Christian, Israeli, Persian and European given names",
                   "وقال العميد [[جورج أنطون الحلبي]] إن الجيش انتشر، وقال وزير المالية الإسرائيلي [[يوفال بن شمعون]] إن الأموال وصلت. "
                   + "والتقى نائب وزير الخارجية الإيراني [[علي أكبر شيرازي]] نظيره، ودعا نظيرها الألماني [[يوهانس بريمر]] إلى الحوار. "
                   + "وقالت مديرة إدارة الضمانات [[إلسا نورغارد]] إن التفتيش مستمر. وأوضح [[الحلبي]] أن الوضع هادئ.",
                   values: ["جورج أنطون الحلبي", "يوفال بن شمعون", "علي أكبر شيرازي", "يوهانس بريمر", "إلسا نورغارد", "جورج أنطون الحلبي"]),
        PeopleCase("a hyphenated foreign family name",
                   "ودعت وزيرة الخارجية الفرنسية [[كلير دوبوا-لاكروا]] إلى الحوار، وقالت [[دوبوا-لاكروا]] إن باريس ستساهم.",
                   values: ["كلير دوبوا-لاكروا", "كلير دوبوا-لاكروا"]),
        PeopleCase("a verb after a two-part name is not a third part",
                   "وأفاد مسؤولون أن المبعوث الخاص [[توماس غرانت]] غادر مسقط إلى الدوحة، ثم توجه [[غرانت]] إلى عمّان.",
                   values: ["توماس غرانت", "توماس غرانت"]),
        PeopleCase("a long verb with an object pronoun after a foreign given name is no family name",
                   "وقالت الخبيرة [[كارين]] يحاسبنا القانون جميعا.",
                   values: ["كارين"]),
        PeopleCase("a compound female given name (نور الهدى) before the father's name",
                   "قالت المتحدثة باسم المفوضية [[نور الهدى جبار العكيلي]] إن النتائج ستعلن غدا.",
                   values: ["نور الهدى جبار العكيلي"]),
        PeopleCase("a kunya, then أم as 'mother' before a number",
                   "وعلى هامش المؤتمر روت النازحة [[أم يوسف]] قصتها، وهي أم لخمسة أطفال.",
                   values: ["أم يوسف"]),
        PeopleCase("given names with the article, Mauritanian ولد/منت, compound family names, two nisbas",
                   "قال الفريق [[الطاهر عبد الماجد الشفيع]] في مؤتمر صحافي إن المياه عادت، وقال وزير الصحة [[عوض الكريم بابكر النور]] "
                   + "إن الإصابات تراجعت. وقال وزير الداخلية الموريتاني [[سيدي محمد ولد أحمدو]] إن الحدود آمنة، وقالت المفوضة [[مريم منت الشيخ سيديا]] "
                   + "إن اللاجئين وصلوا. وقالت وزيرة الاقتصاد [[سلمى التازي العمراني]] إن العجز تراجع، وشارك وزير الداخلية [[أنس خير الله]] "
                   + "ووزيرة الشؤون الاجتماعية [[رهف عبد الكريم الأتاسي]] في الاجتماع.",
                   values: ["الطاهر عبد الماجد الشفيع", "عوض الكريم بابكر النور", "سيدي محمد ولد أحمدو", "مريم منت الشيخ سيديا",
                            "سلمى التازي العمراني", "أنس خير الله", "رهف عبد الكريم الأتاسي"]),
        PeopleCase("an unlisted family name after a compound given name, and foreign names from Spain, Japan, Korea and Germany",
                   "قال وزير الزراعة الفلسطيني [[يوسف عبد الحليم دويكات]] في مؤتمر صحافي إن الموسم سيئ، وأضاف [[دويكات]] أن المياه شحيحة. "
                   + "وقالت ممثلة الصندوق [[كريستينا ألباريث مورينو]] إن العجز سيتراجع، وحضر المندوب الياباني [[هيروشي تاناكا]]، "
                   + "وقال وزير الصناعة الكوري الجنوبي [[تشوي دونغ هيون]] إن الشركات ستدرب العمال. وقال [[تشوي]] إن الاتفاق جاهز، "
                   + "وقال ممثل المنظمة [[أندرياس كولر]] إن الخيام وصلت.",
                   values: ["يوسف عبد الحليم دويكات", "يوسف عبد الحليم دويكات", "كريستينا ألباريث مورينو", "هيروشي تاناكا",
                            "تشوي دونغ هيون", "تشوي دونغ هيون", "أندرياس كولر"]),
        PeopleCase("a title, the place it holds, then the name",
                   "قال والي الخرطوم [[الطاهر عبد الماجد الشفيع]] إن المياه عادت، وحضر ممثل اليابان [[هيروشي تاناكا]] الاجتماع، "
                   + "وأكد محافظ البصرة [[أسعد العيداني]] أن الموانئ تعمل.",
                   values: ["الطاهر عبد الماجد الشفيع", "هيروشي تاناكا", "أسعد العيداني"]),
        PeopleCase("Persian and Turkish family names written in two words (رحيمي زاده، دهقان بور، أرسلان أوغلو), Yemeni given names",
                   "وقال محافظ البنك المركزي [[محمد باقر رحيمي زاده]] إن التضخم تراجع، وأضاف [[رحيمي زاده]] أن الاحتياطي كاف. "
                   + "وقال قائد المنطقة البحرية [[غلام حسين دهقان بور]] إن الناقلة احتجزت، وأكد [[دهقان بور]] أنها كانت تهرب الوقود. "
                   + "وقال الوالي [[بولنت أرسلان أوغلو]] إن المعبر فتح، وأوضح [[أرسلان أوغلو]] أن الشاحنات عبرت. "
                   + "وقال القيادي [[حمود يحيى الضحياني]] إن الاتفاق صامد.",
                   values: ["محمد باقر رحيمي زاده", "محمد باقر رحيمي زاده", "غلام حسين دهقان بور", "غلام حسين دهقان بور",
                            "بولنت أرسلان أوغلو", "بولنت أرسلان أوغلو", "حمود يحيى الضحياني"]),
        PeopleCase("places shaped like names: an island, a port, a city",
                   "سيطرت القوات على جزيرة أبو موسى، ووصلت الناقلة إلى بندر عباس ثم إلى ديار بكر، وقصف ميناء رأس عيسى النفطي."),
        PeopleCase("foreign family names ending like a plural (-ين) after a foreign given name",
                   "وقالت النائبة [[أوريت غولدشتاين]] إن التمديد ضروري، وقال المبعوث [[ماتياس لوندغرين]] في بيان إن الهدنة صامدة. "
                   + "وصوتت ثلاثة أحزاب ضد [[غولدشتاين]]، وظل كير مسموعين في القاعة.",
                   values: ["أوريت غولدشتاين", "ماتياس لوندغرين", "أوريت غولدشتاين"]),
        PeopleCase("ورسمي alone, unlinked, is a word ('and official')",
                   "لقي القرار ترحيبا شعبيا ورسمي واسعا في المدينة."),
    ]

    static let traps: [PeopleCase] = [
        PeopleCase("ولد starting a phrase is the verb 'was born', not the Mauritanian nasab", "وُلد الزين في صور سنة ١٩٣٨ ودرس في النبطية."),
        PeopleCase("a given name spelled like a verb before its plural subject (يحيى / يحيي)",
                   "وفي الثالث من آب المقبل يحيي الإيزيديون الذكرى الحادية عشرة."),
        PeopleCase("حافظ as the verb 'kept' is no name", "وحافظ الجيش على مواقعه في المدينة، وحافظت الحكومة على الهدنة."),
        PeopleCase("title alone", "وقال رئيس الوزراء إن الحكومة ستعلن قرارها غدا."),
        PeopleCase("title + nationality adjective alone", "وأكد الرئيس السوري أن الحكومة السورية مستعدة للحوار."),
        PeopleCase("nationality adjectives in plural and feminine", "وقالت مصادر أميركية إن القوات الأميركية والمسؤولين العراقيين اجتمعوا."),
        PeopleCase("organisation containing a person's name", "درس في جامعة الملك سعود ثم عمل في مؤسسة محمد بن راشد للمعرفة."),
        PeopleCase("airport and street named after people", "هبطت الطائرة في مطار رفيق الحريري الدولي قرب شارع الشيخ زايد."),
        PeopleCase("places shaped like kunya or names", "وصل الوفد إلى أبو ظبي بعد زيارة أم درمان وخان يونس."),
        PeopleCase("months and weekdays", "عقد الاجتماع يوم الاثنين في شهر أيار الماضي، وتأجل إلى الخميس في يونيو."),
        PeopleCase("reporting verb followed by a common noun", "وقال مصدر مطلع إن الوفد وصل. وقالت الوزارة في بيان إن الأمر محسوم."),
        PeopleCase("ambiguous given names used as common words", "وعبر المواطنون عن أمل كبير في سلام عادل ونور جديد."),
        PeopleCase("spokesman for an organisation without a name", "وقال المتحدث باسم الجيش إن العملية انتهت."),
        PeopleCase("title followed by a future verb", "وقال الرئيس سيزور المنطقة قريبا."),
        PeopleCase("plural nouns and future verbs after a title", "والتقى السفير مسؤولين في الوزارة. وصرح سفير الاتحاد الأوروبي بأن المساعدات ستصل قريبا."),
        PeopleCase("name of a city or facility after its head word", "افتتحت مدينة زويل للعلوم فرعا جديدا قرب مستشفى الملك حسين."),
        PeopleCase("news agency", "نقلت وكالة رويترز وقناة الجزيرة عن مصادر قولها إن الهدنة صامدة."),
        PeopleCase("a preposition after a title is not a name", "سيرسل المشروع إلى مكتب الرئيس بحلول نهاية الشهر."),
        PeopleCase("an accusative noun after a verb is not a name", "وأكد وزير الخارجية أن عمّان تدعم حلاً سياسياً وفق القرار ٢٢٥٤."),
        PeopleCase("على with a conjunction is the preposition", "وعلى هامش المؤتمر التقى الوزراء، وعلى الجميع الالتزام."),
    ]

    @Test("rules", arguments: cases)
    func rule(_ c: PeopleCase) throws { try c.check() }

    @Test("traps find no person", arguments: traps)
    func trap(_ c: PeopleCase) throws { try c.check() }
}
