// The words the Numbers extractor knows: one place to add a number word, month, currency or unit.
//
// Entries are written in ordinary spelling (with hamza seats, ة and ى as writers use them); the
// lexicon folds every entry through `TextNormalizer`, so spelling variants that normalisation
// unifies (أ/إ/آ → ا, ى → ي, ة → ه, ئ → ي, diacritics) need no entry of their own. Variants that
// stay distinct after folding (مئة / مائة, أميركي / أمريكي) are listed separately.
//
// The lexicon adds, for every Arabic entry, the forms with attached proclitics (و ف ب ل ك and
// their pairs, ل + ال written لل); do not list those here. Multi-word entries are phrases
// matched token by token.

/// The word tables of the Numbers extractor (data only; `Lexicon` turns them into a lookup).
enum NumberWords {

    // MARK: Arabic cardinals

    /// Arabic cardinal words with their role in a number phrase, every gender and case form.
    /// `عشر`/`عشرة` are `.ten`; teens are phrases (`arabicTeenHeads` × `arabicTeenTails`).
    static let arabicCardinals: [(String, CardinalRole)] = [
        ("واحد", .unit(1)), ("واحدا", .unit(1)), ("واحدة", .unit(1)),
        ("اثنان", .unit(2)), ("اثنين", .unit(2)), ("اثنتان", .unit(2)), ("اثنتين", .unit(2)),
        ("ثلاث", .unit(3)), ("ثلاثة", .unit(3)),
        ("أربع", .unit(4)), ("أربعة", .unit(4)),
        ("خمس", .unit(5)), ("خمسة", .unit(5)),
        ("ست", .unit(6)), ("ستة", .unit(6)),
        ("سبع", .unit(7)), ("سبعة", .unit(7)),
        ("ثمان", .unit(8)), ("ثماني", .unit(8)), ("ثمانيا", .unit(8)), ("ثمانية", .unit(8)),
        ("تسع", .unit(9)), ("تسعة", .unit(9)),
        ("عشر", .ten), ("عشرة", .ten),
        // The accusative with its tanween (سبعاً من كل عشر): the alef stays after normalization.
        ("ثلاثا", .unit(3)), ("أربعا", .unit(4)), ("خمسا", .unit(5)), ("ستا", .unit(6)), ("سبعا", .unit(7)), ("تسعا", .unit(9)), ("عشرا", .ten),
        ("عشرون", .tens(20)), ("عشرين", .tens(20)),
        ("ثلاثون", .tens(30)), ("ثلاثين", .tens(30)),
        ("أربعون", .tens(40)), ("أربعين", .tens(40)),
        ("خمسون", .tens(50)), ("خمسين", .tens(50)),
        ("ستون", .tens(60)), ("ستين", .tens(60)),
        ("سبعون", .tens(70)), ("سبعين", .tens(70)),
        ("ثمانون", .tens(80)), ("ثمانين", .tens(80)),
        ("تسعون", .tens(90)), ("تسعين", .tens(90)),
        ("مئة", .hundreds(100)), ("مائة", .hundreds(100)),
        ("مئتان", .hundreds(200)), ("مئتين", .hundreds(200)), ("مئتا", .hundreds(200)), ("مئتي", .hundreds(200)),
        ("مائتان", .hundreds(200)), ("مائتين", .hundreds(200)), ("مائتا", .hundreds(200)), ("مائتي", .hundreds(200)),
        ("ألف", .scale(1_000, .singular)), ("ألفا", .scale(1_000, .singular)),
        ("ألفان", .scale(1_000, .dual)), ("ألفين", .scale(1_000, .dual)), ("ألفي", .scale(1_000, .dual)),
        ("آلاف", .scale(1_000, .plural)), ("ألوف", .scale(1_000, .plural)),
        ("مليون", .scale(1_000_000, .singular)), ("مليونا", .scale(1_000_000, .singular)),
        ("مليونان", .scale(1_000_000, .dual)), ("مليونين", .scale(1_000_000, .dual)), ("مليوني", .scale(1_000_000, .dual)),
        ("ملايين", .scale(1_000_000, .plural)),
        ("مليار", .scale(1_000_000_000, .singular)), ("مليارا", .scale(1_000_000_000, .singular)),
        ("ملياران", .scale(1_000_000_000, .dual)), ("مليارين", .scale(1_000_000_000, .dual)), ("ملياري", .scale(1_000_000_000, .dual)),
        ("مليارات", .scale(1_000_000_000, .plural)),
        ("بليون", .scale(1_000_000_000, .singular)), ("بليونا", .scale(1_000_000_000, .singular)),
        ("بليونان", .scale(1_000_000_000, .dual)), ("بليونين", .scale(1_000_000_000, .dual)),
        ("بلايين", .scale(1_000_000_000, .plural)),
        ("تريليون", .scale(1_000_000_000_000, .singular)), ("تريليونا", .scale(1_000_000_000_000, .singular)),
        ("تريليونان", .scale(1_000_000_000_000, .dual)), ("تريليونين", .scale(1_000_000_000_000, .dual)),
        ("تريليونات", .scale(1_000_000_000_000, .plural)),
        ("ترليون", .scale(1_000_000_000_000, .singular)), ("ترليونا", .scale(1_000_000_000_000, .singular)),
        ("ترليونات", .scale(1_000_000_000_000, .plural)),
    ]

    /// Prefixes of the fused hundreds (ثلاثمئة، ثمانمائة …), combined with `arabicHundredSuffixes`.
    static let arabicFusedHundredPrefixes: [(String, Int)] = [
        ("ثلاث", 3), ("ثلث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9),
    ]
    /// The two spellings of مئة that fuse onto a unit.
    static let arabicHundredSuffixes = ["مئة", "مائة"]

    /// First words of the teens (أحد عشر … تسعة عشر). أحد/إحدى count only here: alone they mean
    /// "one of" or "anyone".
    static let arabicTeenHeads: [(String, Int)] = [
        ("أحد", 1), ("إحدى", 1),
        ("اثنا", 2), ("اثني", 2), ("اثنتا", 2), ("اثنتي", 2),
        ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4), ("أربع", 4), ("خمسة", 5), ("خمس", 5),
        ("ستة", 6), ("ست", 6), ("سبعة", 7), ("سبع", 7), ("ثمانية", 8), ("ثماني", 8), ("ثمان", 8),
        ("تسعة", 9), ("تسع", 9),
    ]
    /// Second words of the teens.
    static let arabicTeenTails = ["عشر", "عشرة"]

    /// Cardinals that also appear with the article and then stand alone (الدول الثلاث، الأطراف
    /// الأربعة). They never start a compound. (الاثنين is Monday: see `arabicTraps`.)
    static let arabicDefiniteCardinals: [(String, Int)] = [
        ("الثلاث", 3), ("الثلاثة", 3), ("الأربع", 4), ("الأربعة", 4), ("الخمس", 5), ("الخمسة", 5),
        ("الست", 6), ("الستة", 6), ("السبع", 7), ("السبعة", 7), ("الثماني", 8), ("الثمانية", 8),
        ("التسع", 9), ("التسعة", 9), ("العشر", 10), ("العشرة", 10),
    ]

    // MARK: Arabic ordinals

    /// Arabic ordinals 1–10: masculine forms, feminine forms. The lexicon adds the ال forms.
    static let arabicOrdinals: [(masculine: [String], feminine: [String], value: Int)] = [
        (["أول"], ["أولى"], 1),
        (["ثان", "ثاني"], ["ثانية"], 2),
        (["ثالث"], ["ثالثة"], 3),
        (["رابع"], ["رابعة"], 4),
        (["خامس"], ["خامسة"], 5),
        (["سادس"], ["سادسة"], 6),
        (["سابع"], ["سابعة"], 7),
        (["ثامن"], ["ثامنة"], 8),
        (["تاسع"], ["تاسعة"], 9),
        (["عاشر"], ["عاشرة"], 10),
    ]
    /// Masculine ordinals in the indefinite accusative (متهماً رابعاً "a fourth defendant"):
    /// numbers only as the adjective of an accusative noun (`NumberScanner.isAccusativeAdverb`),
    /// not alone as sequence adverbs (ثانياً "secondly"). أولاً is always the adverb.
    static let arabicAccusativeOrdinals: [(String, Int)] = [
        ("ثانيا", 2), ("ثالثا", 3), ("رابعا", 4), ("خامسا", 5), ("سادسا", 6), ("سابعا", 7), ("ثامنا", 8),
        ("تاسعا", 9), ("عاشرا", 10),
    ]
    /// The form of "first" used in compound ordinals (الحادي عشر، الحادي والعشرون); never alone.
    static let arabicCompoundFirst = ["حادي", "حادية"]
    /// الواحد والعشرون also means "the twenty-first"; alone الواحد is "the single", not a number.
    static let arabicDefiniteCompoundFirst = ["الواحد", "الواحدة"]
    /// Second words of teen ordinals (الثالث عشر، الحادية عشرة).
    static let arabicOrdinalTeenTails = ["عشر", "عشرة"]
    /// With the article, tens and hundreds are ordinals (الذكرى العشرين، القرن الحادي والعشرين).
    static let arabicDefiniteOrdinalTens: [(String, Int)] = [
        ("العشرون", 20), ("العشرين", 20), ("الثلاثون", 30), ("الثلاثين", 30),
        ("الأربعون", 40), ("الأربعين", 40), ("الخمسون", 50), ("الخمسين", 50),
        ("الستون", 60), ("الستين", 60), ("السبعون", 70), ("السبعين", 70),
        ("الثمانون", 80), ("الثمانين", 80), ("التسعون", 90), ("التسعين", 90),
        ("المئة", 100), ("المائة", 100),
    ]
    /// Ordinals that, right after a number, are a unit instead ("30 ثانية" = 30 seconds).
    static let arabicOrdinalsThatAreUnits = ["ثانية"]

    // MARK: Arabic fractions, percent

    /// Fractions that stand alone (نصف) or multiply a scale (نصف مليون).
    static let arabicFractions: [(String, Double)] = [
        ("نصف", 0.5), ("ربع", 0.25), ("ثلث", 1.0 / 3.0), ("ثلثا", 2.0 / 3.0), ("ثلثي", 2.0 / 3.0),
        ("الثلث", 1.0 / 3.0), ("الربع", 0.25),
        ("ثلثان", 2.0 / 3.0), ("ثلثين", 2.0 / 3.0), ("الثلثان", 2.0 / 3.0), ("الثلثين", 2.0 / 3.0),
        // تقلصت إلى النصف (to half); in النصف الأول من العام only the ordinal is a number.
        ("النصف", 0.5),
    ]
    /// Plural fractions that need a count before them (ثلاثة أرباع = 0.75).
    static let arabicPluralFractions: [(String, Double)] = [
        ("أرباع", 0.25), ("أثلاث", 1.0 / 3.0), ("أخماس", 0.2), ("أعشار", 0.1),
    ]
    /// Words after a number that make it a percentage.
    static let arabicPercentPhrases = [
        "في المئة", "في المائة", "في المية", "بالمئة", "بالمائة", "بالمية",
        "نقطة مئوية", "نقاط مئوية", "نقطتين مئويتين",
    ]

    // MARK: Months

    /// Month names: (phrase, month number, calendar). Levantine, Egyptian/Gulf, Maghrebi and Hijri
    /// Arabic names, English names and abbreviations. A month counts only next to a day or a year,
    /// so ambiguous names (آب "father", مارس "practised", May) are safe; listing a multi-word month
    /// also keeps its الأول/الثاني from being read as an ordinal.
    static let months: [(String, Int, MonthCalendar)] = [
        ("كانون الثاني", 1, .gregorian), ("شباط", 2, .gregorian), ("آذار", 3, .gregorian),
        ("نيسان", 4, .gregorian), ("أيار", 5, .gregorian), ("حزيران", 6, .gregorian),
        ("تموز", 7, .gregorian), ("آب", 8, .gregorian), ("أيلول", 9, .gregorian),
        ("تشرين الأول", 10, .gregorian), ("تشرين الثاني", 11, .gregorian), ("كانون الأول", 12, .gregorian),
        ("يناير", 1, .gregorian), ("فبراير", 2, .gregorian), ("مارس", 3, .gregorian),
        ("أبريل", 4, .gregorian), ("ابريل", 4, .gregorian), ("مايو", 5, .gregorian),
        ("يونيو", 6, .gregorian), ("يونيه", 6, .gregorian), ("يوليو", 7, .gregorian), ("يوليه", 7, .gregorian),
        ("أغسطس", 8, .gregorian), ("اغسطس", 8, .gregorian), ("سبتمبر", 9, .gregorian),
        ("أكتوبر", 10, .gregorian), ("نوفمبر", 11, .gregorian), ("ديسمبر", 12, .gregorian),
        ("جانفي", 1, .gregorian), ("فيفري", 2, .gregorian), ("أفريل", 4, .gregorian), ("ماي", 5, .gregorian),
        ("جوان", 6, .gregorian), ("جويلية", 7, .gregorian), ("يوليوز", 7, .gregorian), ("أوت", 8, .gregorian),
        ("غشت", 8, .gregorian), ("شتنبر", 9, .gregorian), ("نونبر", 11, .gregorian), ("دجنبر", 12, .gregorian),
        ("محرم", 1, .hijri), ("صفر", 2, .hijri), ("ربيع الأول", 3, .hijri), ("ربيع الثاني", 4, .hijri),
        ("ربيع الآخر", 4, .hijri), ("جمادى الأولى", 5, .hijri), ("جمادى الآخرة", 6, .hijri),
        ("جمادى الثانية", 6, .hijri), ("رجب", 7, .hijri), ("شعبان", 8, .hijri), ("رمضان", 9, .hijri),
        ("شوال", 10, .hijri), ("ذو القعدة", 11, .hijri), ("ذي القعدة", 11, .hijri),
        ("ذو الحجة", 12, .hijri), ("ذي الحجة", 12, .hijri),
        ("january", 1, .gregorian), ("february", 2, .gregorian), ("march", 3, .gregorian),
        ("april", 4, .gregorian), ("may", 5, .gregorian), ("june", 6, .gregorian), ("july", 7, .gregorian),
        ("august", 8, .gregorian), ("september", 9, .gregorian), ("october", 10, .gregorian),
        ("november", 11, .gregorian), ("december", 12, .gregorian),
        ("jan", 1, .gregorian), ("feb", 2, .gregorian), ("mar", 3, .gregorian), ("apr", 4, .gregorian),
        ("jun", 6, .gregorian), ("jul", 7, .gregorian), ("aug", 8, .gregorian), ("sep", 9, .gregorian),
        ("sept", 9, .gregorian), ("oct", 10, .gregorian), ("nov", 11, .gregorian), ("dec", 12, .gregorian),
    ]

    // MARK: Money and units

    /// Currency words and phrases after an amount (or, for symbols and codes, before it), with
    /// the ISO 4217 code, or a lower-case name when the country is not given (دينار, riyal).
    static let currencies: [(String, String)] = [
        ("دولار", "USD"), ("دولارا", "USD"), ("دولارات", "USD"),
        ("يورو", "EUR"),
        ("جنيه", "EGP"), ("جنيها", "EGP"), ("جنيهات", "EGP"),
        ("جنيه إسترليني", "GBP"), ("جنيها إسترلينيا", "GBP"), ("جنيهات إسترلينية", "GBP"), ("إسترليني", "GBP"),
        ("دينار", "dinar"), ("دينارا", "dinar"), ("دنانير", "dinar"),
        ("ريال", "riyal"), ("ريالا", "riyal"), ("ريالات", "riyal"),
        ("درهم", "dirham"), ("درهما", "dirham"), ("دراهم", "dirham"),
        ("ليرة", "lira"), ("ليرات", "lira"),
        ("روبل", "RUB"), ("روبلا", "RUB"), ("روبلات", "RUB"), ("يوان", "CNY"), ("ين", "JPY"),
        ("شيكل", "ILS"), ("شيكلا", "ILS"), ("شيكلات", "ILS"), ("شواكل", "ILS"),
        ("تومان", "toman"), ("روبية", "rupee"), ("روبيات", "rupee"),
        ("فرنك", "franc"), ("فرنكا", "franc"), ("فرنكات", "franc"), ("بيتكوين", "BTC"),
        ("dollar", "USD"), ("dollars", "USD"), ("us dollars", "USD"), ("euro", "EUR"), ("euros", "EUR"),
        ("pound", "GBP"), ("pounds", "GBP"), ("pounds sterling", "GBP"), ("sterling", "GBP"),
        ("egyptian pounds", "EGP"), ("lebanese pounds", "LBP"), ("syrian pounds", "SYP"),
        ("dinar", "dinar"), ("dinars", "dinar"), ("iraqi dinars", "IQD"), ("jordanian dinars", "JOD"),
        ("kuwaiti dinars", "KWD"), ("riyal", "riyal"), ("riyals", "riyal"), ("rial", "riyal"), ("rials", "riyal"),
        ("saudi riyals", "SAR"), ("qatari riyals", "QAR"), ("iranian rials", "IRR"),
        ("dirham", "dirham"), ("dirhams", "dirham"), ("lira", "lira"), ("liras", "lira"),
        ("turkish lira", "TRY"), ("yen", "JPY"), ("yuan", "CNY"), ("renminbi", "CNY"),
        ("rupee", "rupee"), ("rupees", "rupee"), ("ruble", "RUB"), ("rubles", "RUB"), ("rouble", "RUB"),
        ("roubles", "RUB"), ("shekel", "ILS"), ("shekels", "ILS"), ("franc", "franc"), ("francs", "franc"),
    ]
    /// Country adjectives after an Arabic currency word: (masculine adjective, currency name, code).
    /// The lexicon also accepts the accusative (+ا) and feminine (+ة) forms.
    static let arabicCurrencyQualifiers: [(String, String, String)] = [
        ("أمريكي", "USD", "USD"), ("أميركي", "USD", "USD"), ("كندي", "USD", "CAD"), ("أسترالي", "USD", "AUD"),
        ("عراقي", "dinar", "IQD"), ("أردني", "dinar", "JOD"), ("كويتي", "dinar", "KWD"),
        ("بحريني", "dinar", "BHD"), ("ليبي", "dinar", "LYD"), ("جزائري", "dinar", "DZD"), ("تونسي", "dinar", "TND"),
        ("سعودي", "riyal", "SAR"), ("قطري", "riyal", "QAR"), ("عماني", "riyal", "OMR"), ("يمني", "riyal", "YER"),
        ("إيراني", "riyal", "IRR"), ("إماراتي", "dirham", "AED"), ("مغربي", "dirham", "MAD"),
        ("لبناني", "lira", "LBP"), ("سوري", "lira", "SYP"), ("تركي", "lira", "TRY"),
        ("مصري", "EGP", "EGP"), ("سوداني", "EGP", "SDG"), ("إسترليني", "EGP", "GBP"),
    ]
    /// The currencies that share a name with others (دينار، riyal), by code: a number with the
    /// bare name takes the code its document gives that name elsewhere (`CurrencyContext`).
    static let currencyFamilies: [(code: String, name: String)] = [
        ("IQD", "dinar"), ("JOD", "dinar"), ("KWD", "dinar"), ("BHD", "dinar"), ("LYD", "dinar"),
        ("DZD", "dinar"), ("TND", "dinar"), ("SAR", "riyal"), ("QAR", "riyal"), ("OMR", "riyal"),
        ("YER", "riyal"), ("IRR", "riyal"), ("AED", "dirham"), ("MAD", "dirham"), ("LBP", "lira"),
        ("SYP", "lira"), ("TRY", "lira"), ("INR", "rupee"), ("CHF", "franc"),
    ]
    /// Currency symbols written before (or after) an amount.
    static let currencySymbols: [(String, String)] = [
        ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"),
    ]
    /// ISO codes (written in capitals) before or after an amount.
    static let currencyCodes = [
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "IQD", "SAR", "AED", "EGP", "JOD", "LBP", "SYP",
        "KWD", "QAR", "TRY", "ILS", "IRR", "RUB", "OMR", "BHD", "YER", "LYD", "TND", "MAD", "DZD", "SDG", "INR",
    ]

    /// Units of measure after a quantity: (phrase, unit symbol).
    static let units: [(String, String)] = [
        ("كيلومتر", "km"), ("كيلومترا", "km"), ("كيلومترات", "km"), ("كم", "km"), ("كلم", "km"),
        ("كيلومتر مربع", "km2"), ("كيلومترا مربعا", "km2"), ("كيلومترات مربعة", "km2"), ("كم مربع", "km2"),
        ("متر", "m"), ("مترا", "m"), ("أمتار", "m"), ("متر مربع", "m2"), ("مترا مربعا", "m2"),
        ("أمتار مربعة", "m2"), ("متر مكعب", "m3"), ("مترا مكعبا", "m3"), ("أمتار مكعبة", "m3"),
        ("سنتيمتر", "cm"), ("سم", "cm"), ("مليمتر", "mm"), ("ملم", "mm"),
        ("ميل", "mi"), ("ميلا", "mi"), ("أميال", "mi"), ("ميل بحري", "nmi"), ("ميلا بحريا", "nmi"), ("أميال بحرية", "nmi"),
        ("كيلوغرام", "kg"), ("كيلوغراما", "kg"), ("كيلوغرامات", "kg"), ("كيلوجرام", "kg"),
        ("كيلوجراما", "kg"), ("كيلوجرامات", "kg"), ("كغ", "kg"), ("كلغ", "kg"), ("كيلو", "kg"),
        ("غرام", "g"), ("غراما", "g"), ("غرامات", "g"), ("جرام", "g"), ("جراما", "g"), ("جرامات", "g"),
        ("طن", "t"), ("طنا", "t"), ("أطنان", "t"),
        ("لتر", "l"), ("لترا", "l"), ("لترات", "l"),
        ("برميل", "bbl"), ("برميلا", "bbl"), ("براميل", "bbl"),
        ("برميل يوميا", "bbl/d"), ("برميلا يوميا", "bbl/d"), ("برميل في اليوم", "bbl/d"), ("برميلا في اليوم", "bbl/d"),
        ("ميغاواط", "MW"), ("ميغاوات", "MW"), ("ميجاوات", "MW"), ("ميجاواط", "MW"),
        ("كيلوواط", "kW"), ("غيغاواط", "GW"), ("جيجاوات", "GW"),
        ("هكتار", "ha"), ("هكتارا", "ha"), ("هكتارات", "ha"), ("دونم", "dunam"), ("دونما", "dunam"), ("دونمات", "dunam"),
        ("فدان", "feddan"), ("فدانا", "feddan"), ("أفدنة", "feddan"),
        ("درجة مئوية", "celsius"), ("درجات مئوية", "celsius"), ("درجة", "degree"), ("درجات", "degree"),
        ("قدم", "ft"), ("أقدام", "ft"),
        ("km", "km"), ("kilometre", "km"), ("kilometres", "km"), ("kilometer", "km"), ("kilometers", "km"),
        ("square kilometres", "km2"), ("square kilometers", "km2"), ("sq km", "km2"),
        ("mile", "mi"), ("miles", "mi"), ("metre", "m"), ("metres", "m"), ("meter", "m"), ("meters", "m"),
        ("square metres", "m2"), ("square meters", "m2"), ("cubic metres", "m3"), ("cubic meters", "m3"),
        ("cm", "cm"), ("mm", "mm"), ("kg", "kg"), ("kilogram", "kg"), ("kilograms", "kg"), ("kilos", "kg"),
        ("gram", "g"), ("grams", "g"), ("tonne", "t"), ("tonnes", "t"), ("ton", "t"), ("tons", "t"),
        ("litre", "l"), ("litres", "l"), ("liter", "l"), ("liters", "l"),
        ("barrel", "bbl"), ("barrels", "bbl"), ("barrels per day", "bbl/d"), ("barrels a day", "bbl/d"), ("bpd", "bbl/d"),
        ("mw", "MW"), ("megawatt", "MW"), ("megawatts", "MW"), ("gigawatt", "GW"), ("gigawatts", "GW"),
        ("hectare", "ha"), ("hectares", "ha"), ("acre", "acre"), ("acres", "acre"),
        ("degree", "degree"), ("degrees", "degree"), ("degrees celsius", "celsius"),
        ("foot", "ft"), ("feet", "ft"),
    ]

    // MARK: Duals

    /// Counted nouns whose dual (شهرين، يومين، جولتين) means two. The lexicon builds the dual
    /// forms (-ين/-ان, ة → -تين/-تان) with and without ال. Keep out nouns whose dual looks like a
    /// plural (بلدان "countries").
    /// "Both X" duals (الطرفين، الجانبين، البلدين، الدولتين) are left out on purpose: they name the
    /// two parties of a relation more than they count.
    static let arabicDualNouns = [
        "شهر", "يوم", "عام", "سنة", "أسبوع", "ساعة", "دقيقة", "مرة", "جولة", "ليلة", "عقد", "قرن",
        "شخص", "طفل", "امرأة", "رجل", "فتاة", "جندي", "ضابط", "عنصر", "قتيل", "جريح", "أسير", "رهينة",
        "شهيد", "شقيق", "طائرة", "صاروخ", "قذيفة", "غارة", "هجوم", "انفجار", "عملية", "سيارة", "دبابة",
        "سفينة", "مدرسة", "منزل", "مدينة", "قرية", "بلدة", "محافظة", "ولاية", "حزب", "وزير", "نائب",
        "جلسة", "اجتماع", "زيارة", "مرحلة", "نقطة", "درجة", "هدف", "بند", "مادة",
        // Only nouns whose dual no sound plural spells the same (جثتين but not مقاتلين, which is
        // also "fighters"): broken plurals (جثث، ألغام، زوارق) or feminine plurals in ات.
        "جثة", "عبوة", "لغم", "شاحنة", "حافلة", "مروحية", "زورق", "قارب", "سجين",
        "محطة", "وفد", "قائمة", "رحلة", "دفعة", "لواء", "مركبة",
        // Parliaments, elections and budgets: مقعدين، صوتين، دورتين، دائرتين، مشروعين.
        "مقعد", "صوت", "دورة", "دائرة", "بلدية", "مشروع", "قانون", "اتفاق", "اتفاقية", "سفير",
        // Families, aid and infrastructure: ابنتين، مستشفيين، أسرتين، بئرين، معبرين.
        "ابن", "ابنة", "بنت", "طفلة", "مستشفى", "مخيم", "خيمة", "أسرة", "عائلة", "بئر", "جسر", "معبر", "ميناء",
    ]

    /// Decades in words, with and without the article (the lexicon adds it): السبعينيات /
    /// السبعينات, the seventies — the 20th century's, as news means them (value 1970).
    static let arabicDecades: [(String, Int)] = [
        ("عشرينيات", 1920), ("عشرينات", 1920), ("ثلاثينيات", 1930), ("ثلاثينات", 1930),
        ("أربعينيات", 1940), ("أربعينات", 1940), ("خمسينيات", 1950), ("خمسينات", 1950),
        ("ستينيات", 1960), ("ستينات", 1960), ("سبعينيات", 1970), ("سبعينات", 1970),
        ("ثمانينيات", 1980), ("ثمانينات", 1980), ("تسعينيات", 1990), ("تسعينات", 1990),
    ]

    /// Nominative duals (-ان) of nouns whose -ين form is also their sound plural (قياديين
    /// "leaders"): only the -ان form surely means two.
    static let arabicNominativeDuals = [
        "قياديان", "مسؤولان", "مقاتلان", "ناشطان", "مدنيان", "عسكريان", "مسلحان", "متهمان", "معتقلان",
        "موظفان", "مستوطنان", "صحفيان", "طبيبان", "مهندسان", "لاجئان",
    ]

    // MARK: Context words

    /// Words that are never numbers although they hold number roots, and phrases whose number
    /// word is not a number: weekdays, "the day before yesterday", "I am not" (لست ≠ ل + ست).
    static let arabicTraps = [
        "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس",
        "أول أمس", "أول من أمس", "لست", "كل واحد", "كل واحدة", "ثاني أكسيد", "ثاني أوكسيد",
        "رابعة العدوية",
        // Qatar's ruling family (آل ثاني), not "the second".
        "آل ثاني",
        // The prime minister's title in Algeria (and Morocco before 2011), not "the first minister".
        "الوزير الأول", "الوزيرة الأولى",
        // The Empty Quarter, a desert, not a quarter; Beersheba, not "the seven".
        "الربع الخالي", "بئر السبع",
        // (النصف الأول، النصف الثاني: the half of a period is no fraction, its ordinal is a number,
        // as in "the first quarter": `NumberScanner.isHalfOfPeriod`.)
        // Ranks whose "أول" is part of the title, not an ordinal: الفريق أول (general), ملازم أول.
        "فريق أول", "الفريق أول", "ملازم أول", "الملازم أول", "عريف أول", "العريف أول", "رقيب أول",
        "الرقيب أول", "سكرتير أول", "السكرتير أول", "مساعد أول", "المساعد أول",
    ]
    /// English phrases whose number word is not a number.
    static let englishTraps = ["at first", "first of all", "no one", "one another"]
    /// Words before a 4-digit number that make it a year (عام 2014، منذ 2011، in 2014).
    static let yearCues = [
        "عام", "العام", "عامي", "سنة", "السنة", "منذ", "في", "خلال", "حتى", "بحلول", "مطلع", "أوائل",
        "أواخر", "منتصف", "نهاية", "بداية", "مواليد",
        "in", "since", "year", "until", "by", "early", "late", "mid", "during", "of", "from", "before", "after",
    ]
    /// Marks after a year: م (Common Era), هـ (Hijri), AD, BC.
    static let yearSuffixes = ["م", "هـ", "ad", "bc", "ce", "bce"]
    /// Words that open a range before its first number (من 10 إلى 15، between 10 and 15).
    static let rangeOpeners = ["من", "بين", "from", "between"]
    /// Words between the two numbers of a range.
    static let rangeLinks = ["إلى", "الى", "حتى", "و", "to", "and", "through", "until"]
    /// Conjunctions that join the parts of a compound number (خمسة وعشرون، two hundred and five).
    static let joiners = ["و", "and"]

    // MARK: English

    /// English cardinal words with their role.
    static let englishCardinals: [(String, CardinalRole)] = [
        ("zero", .unit(0)), ("one", .unit(1)), ("two", .unit(2)), ("three", .unit(3)), ("four", .unit(4)),
        ("five", .unit(5)), ("six", .unit(6)), ("seven", .unit(7)), ("eight", .unit(8)), ("nine", .unit(9)),
        ("ten", .ten), ("eleven", .teen(11)), ("twelve", .teen(12)), ("thirteen", .teen(13)),
        ("fourteen", .teen(14)), ("fifteen", .teen(15)), ("sixteen", .teen(16)), ("seventeen", .teen(17)),
        ("eighteen", .teen(18)), ("nineteen", .teen(19)),
        ("twenty", .tens(20)), ("thirty", .tens(30)), ("forty", .tens(40)), ("fifty", .tens(50)),
        ("sixty", .tens(60)), ("seventy", .tens(70)), ("eighty", .tens(80)), ("ninety", .tens(90)),
        ("hundred", .hundredMultiplier), ("dozen", .dozen),
        ("thousand", .scale(1_000, .singular)), ("million", .scale(1_000_000, .singular)),
        ("billion", .scale(1_000_000_000, .singular)), ("trillion", .scale(1_000_000_000_000, .singular)),
    ]
    /// English ordinals. `third` … `tenth` are also fractions after "a"/"one" + "of" or a count.
    static let englishOrdinals: [(String, Int)] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
        ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12),
        ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17),
        ("eighteenth", 18), ("nineteenth", 19), ("twentieth", 20), ("thirtieth", 30), ("fortieth", 40),
        ("fiftieth", 50), ("sixtieth", 60), ("seventieth", 70), ("eightieth", 80), ("ninetieth", 90),
        ("hundredth", 100), ("thousandth", 1_000), ("millionth", 1_000_000),
    ]
    /// English fraction words: `half`, `quarter` and the plural fractions after a count.
    static let englishFractions: [(String, Double, FractionShape)] = [
        ("half", 0.5, .standalone), ("quarter", 0.25, .needsCount), ("quarters", 0.25, .plural),
        ("halves", 0.5, .plural), ("thirds", 1.0 / 3.0, .plural), ("fourths", 0.25, .plural),
        ("fifths", 0.2, .plural), ("sixths", 1.0 / 6.0, .plural), ("eighths", 0.125, .plural),
        ("tenths", 0.1, .plural),
    ]
    /// English words after a number that make it a percentage.
    static let englishPercentPhrases = ["percent", "per cent", "pct", "percentage point", "percentage points"]
    /// Scale abbreviations after digits (`1.5bn`, `$3m`, `2.3m people`). The flag marks the
    /// ambiguous ones: `m` is million only touching the digits, with money or when no length word
    /// (`englishMetreContext`) follows; `k` only touching the digits and with money.
    static let scaleAbbreviations: [(String, Int64, Bool)] = [
        ("bn", 1_000_000_000, false), ("mn", 1_000_000, false), ("tn", 1_000_000_000_000, false),
        ("trn", 1_000_000_000_000, false), ("m", 1_000_000, true), ("k", 1_000, true),
    ]
    /// Suffixes of digit ordinals (`21st`, `2nd`, `3rd`, `4th`).
    static let ordinalSuffixes = ["st", "nd", "rd", "th"]
    /// Latin letters allowed right after digits (other letters make a code such as `5G`, `1990s`).
    static let digitSuffixesAllowed = ["am", "pm", "a.m", "p.m"]
    /// Words before English `one` that make it a pronoun ("no one", "the one who", "each one").
    static let englishOneBlockersBefore = ["no", "the", "this", "that", "which", "any", "every", "each", "another"]
    /// Words after English `one` that make it a pronoun ("one another", "one who").
    static let englishOneBlockersAfter = ["another", "who", "whom", "whose", "'s"]
    /// Words after "a" + ordinal that make it a fraction ("rose by a fifth in March", "a third of");
    /// before a noun it stays an ordinal ("a third term").
    static let englishFractionFollowers = [
        "of", "in", "on", "at", "to", "from", "and", "or", "but", "since", "for", "over", "after",
        "before", "than", "last", "this", "compared", "between", "during", "while", "when",
        "once", "if", "as", "by", "with", "within", "until", "unless", "because", "although", "though",
        "where", "so", "had", "has", "have", "was", "were", "is", "are", "will", "would",
    ]
    /// Words after `5m` that make the `m` metres, not million ("a 10m wall", "2m high").
    static let englishMetreContext = [
        "high", "tall", "long", "deep", "wide", "away", "above", "below", "sprint", "hurdles", "race",
        "freestyle", "wall", "walls", "thick", "underground", "metres", "meters", "square",
    ]
    /// The article that counts as "one" before a scale or fraction ("a million", "a third of").
    static let englishArticles = ["a"]
}
