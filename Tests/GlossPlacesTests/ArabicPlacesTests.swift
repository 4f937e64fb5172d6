import GlossKit
import Testing
@testable import GlossPlaces

/// A sentence and every PLACE/NORP span expected in it.
struct SpanCase: Sendable, CustomTestStringConvertible {
    let sentence: String
    let expected: [Expect]
    init(_ sentence: String, _ expected: [Expect]) {
        self.sentence = sentence
        self.expected = expected
    }
    var testDescription: String { String(sentence.prefix(50)) }
}

/// Checks that the extractor finds exactly the expected spans (start, end, label, value).
func checkExactSpans(_ c: SpanCase) throws {
    let (text, spans) = try Support.run(c.sentence)
    let expected = try #require(Support.locate(c.expected, in: text), "an expected surface is not in the sentence")
    let actual = Support.found(spans, in: text)
    #expect(actual == expected, "\n  expected: \(expected)\n  actual:   \(actual)")
    // The kind attribute, where the case names one.
    for (e, f) in zip(c.expected, expected) {
        guard let kind = e.kind else { continue }
        let span = spans.first { $0.start == f.start && $0.end == f.end && $0.label == f.label }
        #expect(span?.attributes["kind"] == kind, "\(f): kind \(span?.attributes["kind"] ?? "none"), expected \(kind)")
    }
}

@Suite("Arabic gazetteer, variants and multi-word names")
struct ArabicGazetteerTests {
    static let cases: [SpanCase] = [
        // Places of the security news the gazetteer lacked, and a neighbourhood whose name
        // starts with الشيخ after the cue حي (not الشيخ alone).
        // Neighbourhoods of Beirut and Damascus; حواره ("his interview") is no Huwara.
        SpanCase("استهدفت غارة شقة في حارة حريك، وقال في حواره مع الصحيفة إن الوضع خطير، ووصلت القوات إلى المزة وكفرسوسة.", [
            .place("حارة حريك", "Haret Hreik"), .place("المزة", "Mezzeh"), .place("كفرسوسة", "Kafr Sousa"),
        ]),
        // An operations command named after a place is no place.
        SpanCase("قال المتحدث باسم قيادة عمليات بغداد إن ثلاثة قتلوا في بغداد.", [.place("بغداد", "Baghdad", skip: 1)]),
        // A field is a cue for its name; a preposition behind و still makes an ambiguous name a place.
        SpanCase("استأنف حقل الرميلة الإنتاج، وقتل ثلاثة وفي البصيرة جرح اثنان، ويبلغ من العمر ستين عاماً.", [
            .place("الرميلة", "Rumaila Oil Field"), .place("البصيرة", "Busayrah"),
        ]),
        SpanCase("انسحبت القوات من حي الشيخ مقصود في حلب ومن بلدتي الفوعة وكفريا، وتسلل مسلحون من قضاء البعاج عبر وادي حوران.", [
            .place("الشيخ مقصود", "Sheikh Maqsoud"), .place("حلب", "Aleppo"), .place("الفوعة", "Al-Fu'ah"), .place("كفريا", "Kafriya"),
            .place("البعاج", "Al-Ba'aj"), .place("وادي حوران", "Wadi Houran"),
        ]),
        SpanCase("أكدت سوريا وسورية في بيان أن السعودية والمملكة العربية السعودية ترحبان.", [
            .place("سوريا", "Syria"), .place("سورية", "Syria"),
            .place("السعودية", "Saudi Arabia"), .place("المملكة العربية السعودية", "Saudi Arabia"),
        ]),
        SpanCase("زار الوفد أمريكا ثم عاد من أميركا إلى الولايات المتحدة الأمريكية مرة أخرى.", [
            .place("أمريكا", "United States"), .place("أميركا", "United States"),
            .place("الولايات المتحدة الأمريكية", "United States"),
        ]),
        SpanCase("تمتد الأزمة من الشرق الأوسط إلى أوروبا وأفريقيا وآسيا، وتطال منطقة الخليج.", [
            .place("الشرق الأوسط", "Middle East"), .place("أوروبا", "Europe"), .place("أفريقيا", "Africa"),
            .place("آسيا", "Asia"), .place("الخليج", "Gulf"),
        ]),
        SpanCase("سقطت قذائف على دير الزور والحسكة بينما هدأت الجبهة في قطاع غزة والضفة الغربية.", [
            .place("دير الزور", "Deir ez-Zor"), .place("الحسكة", "Hasakah"),
            .place("قطاع غزة", "Gaza Strip"), .place("الضفة الغربية", "West Bank"),
        ]),
        SpanCase("وصلت ناقلة إلى الإمارات العربية المتحدة عبر مضيق هرمز والبحر الأحمر ونهر الفرات.", [
            .place("الإمارات العربية المتحدة", "United Arab Emirates"), .place("مضيق هرمز", "Strait of Hormuz"),
            .place("البحر الأحمر", "Red Sea"), .place("نهر الفرات", "Euphrates"),
        ]),
        SpanCase("اجتمع الوزراء في جنيف ثم انتقلوا إلى موسكو وبكين وطهران.", [
            .place("جنيف", "Geneva"), .place("موسكو", "Moscow"), .place("بكين", "Beijing"),
            .place("طهران", "Tehran"),
        ]),
        // Diacritics and tatweel are ignored for matching, kept in the span.
        SpanCase("عاد السفير إلى بَغْدَاد ثم سافر إلى القاهـــرة.", [
            .place("بَغْدَاد", "Baghdad"), .place("القاهـــرة", "Cairo"),
        ]),
        // Repeated mentions are all annotated.
        SpanCase("كركوك مدينة متنوعة، وسكان كركوك يطالبون بالخدمات.", [
            .place("كركوك", "Kirkuk"), .place("كركوك", "Kirkuk"),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }
}

@Suite("Arabic clitics")
struct ArabicCliticTests {
    static let cases: [SpanCase] = [
        SpanCase("وصل الوفد إلى بيروت وبغداد بعد لقاءات بالقاهرة.", [
            .place("بيروت", "Beirut"), .place("بغداد", "Baghdad"), .place("القاهرة", "Cairo"),
        ]),
        // ل + العراق is written للعراق: the span starts at the article's ل.
        SpanCase("قدمت الدول دعما للعراق وللأردن.", [
            .place("لعراق", "Iraq"), .place("لأردن", "Jordan"),
        ]),
        // Names that begin with a clitic letter are found whole.
        SpanCase("زار الوزير بابل ولبنان وفلسطين وكركوك وبيروت.", [
            .place("بابل", "Babil Governorate"), .place("لبنان", "Lebanon"), .place("فلسطين", "Palestine"),
            .place("كركوك", "Kirkuk"), .place("بيروت", "Beirut"),
        ]),
        // ل + a name that starts with ل: للبنان is ل + لبنان.
        SpanCase("أعلنت الحكومة تقديم مساعدات للبنان وليبيا.", [
            .place("لبنان", "Lebanon"), .place("ليبيا", "Libya"),
        ]),
        // ل + اللاذقية is written للاذقية: the span starts at the merged ل.
        SpanCase("وصلت قافلة للاذقية وأخرى للد.", [
            .place("لاذقية", "Latakia"), .place("لد", "Lod"),
        ]),
        SpanCase("انتقل القتال فالموصل سقطت، وكالبصرة تعاني الفلوجة.", [
            .place("الموصل", "Mosul"), .place("البصرة", "Basra"), .place("الفلوجة", "Fallujah"),
        ]),
        SpanCase("عقد اجتماع ببغداد وآخر بالموصل وثالث وبالبصرة.", [
            .place("بغداد", "Baghdad"), .place("الموصل", "Mosul"), .place("البصرة", "Basra"),
        ]),
        // A clitic never leaves a two-letter stem: باب is not ب + إب (Ibb); إب itself (also
        // آب, August) needs its cue.
        SpanCase("عبرت الشاحنات من باب المعبر في آب إلى محافظة إب وتعز.", [
            .place("إب", "Ibb Governorate"), .place("تعز", "Taiz"),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }
}

@Suite("Nisba adjectives are NORP, never PLACE")
struct NisbaTests {
    static let cases: [SpanCase] = [
        SpanCase("قالت الحكومة العراقية إن القوات الأميركية ستبقى.", [
            .norp("العراقية", "Iraq"), .norp("الأميركية", "United States"),
        ]),
        SpanCase("التقى مسؤول عراقي بدبلوماسيين سوريين وخبراء أفريقيين.", [
            .norp("عراقي", "Iraq"), .norp("سوريين", "Syria"), .norp("أفريقيين", "Africa"),
        ]),
        SpanCase("وصل الجنود الأميركيون والضباط الأتراك إلى أربيل.", [
            .norp("الأميركيون", "United States"), .norp("الأتراك", "Turkey"), .place("أربيل", "Erbil"),
        ]),
        SpanCase("اتهمت المعارضة السورية النظام السوري بقصف المدن السورية.", [
            .norp("السورية", "Syria"), .norp("السوري", "Syria"), .norp("السورية", "Syria"),
        ]),
        // روسيا after an indefinite noun is the accusative adjective روسياً, not Russia.
        SpanCase("صدت القوات هجوما روسيا، ثم أعلنت روسيا وقف القتال، أما روسيا فرفضت.", [
            .norp("روسيا", "Russia"), .place("روسيا", "Russia"), .place("روسيا", "Russia"),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }

    @Test func nisbaIsNeverPlace() throws {
        let (_, spans) = try Support.run("العراقي العراقية العراقيين العراقيون العراقيات الأفريقية الأميركيين")
        #expect(spans.allSatisfy { $0.label == "NORP" })
        #expect(spans.count == 7)
    }
}

@Suite("Arabic cue words")
struct ArabicCueTests {
    static let cases: [SpanCase] = [
        SpanCase("سيطرت القوات على مدينة الموصل ومحافظة البصرة.", [
            .place("الموصل", "Mosul", kind: "city"), .place("البصرة", "Basra Governorate", kind: "province"),
        ]),
        SpanCase("تقع ناحية بعشيقة في قضاء الموصل.", [
            .place("بعشيقة", "Bashiqa"), .place("الموصل", "Mosul"),
        ]),
        // An X missing from the gazetteer is still a place after a cue.
        SpanCase("قصفت الطائرات قرية تل الشعير وبلدة الغزيلة.", [
            .place("تل الشعير", "تل الشعير", kind: "city"), .place("الغزيلة", "الغزيلة", kind: "city"),
        ]),
        // Airports and bases: the whole name and the place inside it; ports give the place only.
        SpanCase("هبطت الطائرة في مطار بغداد الدولي ثم انتقلت إلى قاعدة حميميم.", [
            .place("مطار بغداد الدولي", "Baghdad International Airport", kind: "facility"),
            .place("بغداد", "Baghdad", kind: "city"),
            .place("قاعدة حميميم", "Hmeimim Air Base", kind: "facility"),
            .place("حميميم", "Hmeimim Air Base", kind: "facility"),
        ]),
        SpanCase("استهدفت صواريخ معسكر الزوراء وميناء أم قصر.", [
            .place("معسكر الزوراء", "معسكر الزوراء", kind: "facility"), .place("الزوراء", "الزوراء", kind: "facility"),
            .place("أم قصر", "Umm Qasr"),
        ]),
        // A facility X that is known gives the facility an English value.
        SpanCase("هبطت طائرة المساعدات في مطار العريش الدولي قرب مخيم جباليا.", [
            .place("مطار العريش الدولي", "Arish International Airport", kind: "facility"),
            .place("العريش", "Arish", kind: "city"), .place("جباليا", "Jabalia", kind: "city"),
        ]),
        // Cue-only names need their cue: قاعدة بلد, but بلد alone is the noun "country".
        SpanCase("هاجم مسلحون قاعدة بلد الجوية، وقال إن البلد يمر بأزمة وإن بلد المنشأ مجهول.", [
            .place("قاعدة بلد الجوية", "Balad Air Base", kind: "facility"), .place("بلد", "Balad Air Base"),
        ]),
        // Not a place after the cue: adjectives and nisba forms.
        SpanCase("تعد مدينة كبيرة وقاعدة عسكرية ومدينة عراقية جزءا من الخطة.", [
            .norp("عراقية", "Iraq"),
        ]),
        // A gazetteer name written with its descriptor (إقليم كردستان، ولاية وهران): the
        // descriptor stays outside the span, as after any cue; the entry is the name's.
        SpanCase("عاد المقاتلون إلى إقليم كردستان، وزار الوزير ولاية وهران ثم محافظة نينوى.", [
            .place("كردستان", "Kurdistan Region"), .place("وهران", "Oran"), .place("نينوى", "Nineveh Governorate"),
        ]),
        // Crossings and regions of the Horn of Africa, Chad, Afghanistan and Turkey.
        SpanCase("عبر اللاجئون معبر أدري إلى تشاد، وعاد آخرون عبر منفذ إسلام قلعة ومعبر كابي كوي، وتقدم الجيش في إقليم جوبا الوسطى.", [
            .place("أدري", "Adré"), .place("تشاد", "Chad"), .place("إسلام قلعة", "Islam Qala"), .place("كابي كوي", "Kapıköy"),
            .place("جوبا الوسطى", "Middle Juba"),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }

    @Test func cueKindAttribute() throws {
        let (_, spans) = try Support.run("زار المحافظ محافظة البصرة ثم مدينة البصرة.")
        let kinds = spans.map { $0.attributes["kind"] ?? "" }
        #expect(kinds == ["province", "city"])
        #expect(spans.allSatisfy { $0.attributes["country"] == "IQ" && $0.attributes["name_ar"] == "البصرة" })
    }
}

@Suite("Arabic traps")
struct ArabicTrapTests {
    static let cases: [SpanCase] = [
        // A family name after a first name is not a place or a nationality.
        SpanCase("قال أحمد الجزائري إن الناشطة ليلى الخليل وصلت إلى الخليل.", [
            .place("الخليل", "Hebron", skip: 1),
        ]),
        SpanCase("قالت المتحدثة سلمى المصري إن الوزيرة نور العراقي وصلت مع رنا الخليل إلى القاهرة.", [
            .place("القاهرة", "Cairo"),
        ]),
        SpanCase("ألقى جورج واشنطن خطابا، ثم سافر الوفد إلى واشنطن.", [
            .place("واشنطن", "Washington", skip: 1),
        ]),
        // Organisations and media that contain a place name.
        SpanCase("نقلت قناة الجزيرة وصحيفة القدس العربي عن مصادر في دمشق أن قوات سوريا الديمقراطية انسحبت.", [
            .place("دمشق", "Damascus"),
        ]),
        SpanCase("تخرج من جامعة بغداد وعمل في تلفزيون لبنان ثم في روسيا اليوم.", []),
        SpanCase("ذكرت وكالة الأنباء السعودية ووكالة أنباء الشرق الأوسط أن الوفد وصل إلى الرياض.", [
            .place("الرياض", "Riyadh"),
        ]),
        // NATO (حلف شمال الأطلسي) is an alliance: its Atlantic is no place; the ocean still is.
        SpanCase("وقال حلف شمال الأطلسي إن الاجتماع سيعقد في بروكسل، ودعا الحلف الأطلسي وحلف الأطلنطي إلى حماية الملاحة في المحيط الأطلسي.", [
            .place("بروكسل", "Brussels"), .place("المحيط الأطلسي", "Atlantic Ocean"),
        ]),
        // A list of places: an ambiguous name joined to a place by و is one of them (البيضاء is
        // also "white").
        SpanCase("تشمل خطة الإعمار المرج والبيضاء وشحات، ويرتدي العمال الخوذ البيضاء.", [
            .place("المرج", "Al Marj"), .place("البيضاء", "Bayda"), .place("شحات", "Shahhat"),
        ]),
        // Given names that are also places (جنين، ميسان): before a family name, the person.
        SpanCase("قالت الوزيرة جنين الرفاعي إن فرقا وصلت إلى مدينة جنين، وأكدت المديرة ميسان عبد الجبار الكعبي أن حقول محافظة ميسان آمنة.", [
            .place("جنين", "Jenin", skip: 1), .place("ميسان", "Maysan Governorate", skip: 1),
        ]),
        // A two-letter first word after و (وذي قار), a town after a place in a list (وهيت), ك as
        // a preposition (كصور), and names the gazetteer lacked (نور شمس، البقاع الغربي).
        SpanCase("جرت الانتخابات في كركوك وذي قار، وسيطرت القوات على الرمادي وهيت، واستقبلت مدن كصور وصيدا نازحين من مخيم نور شمس ومن البقاع الغربي.", [
            .place("كركوك", "Kirkuk"), .place("ذي قار", "Dhi Qar Governorate"), .place("الرمادي", "Ramadi"), .place("هيت", "Hit"),
            .place("صور", "Tyre"), .place("صيدا", "Sidon"), .place("نور شمس", "Nur Shams"), .place("البقاع الغربي", "West Bekaa"),
        ]),
        // Places of Sudan, Iraq, Egypt, Libya, the Jordan Valley, Mauritania and Algeria the
        // gazetteer lacked; ambiguous ones (بحري "maritime", النعمة "the blessing") in a list.
        SpanCase("عادت الكهرباء إلى أم درمان وبحري، ووصلت المساعدات إلى الجبايش وقنا وغات والأغوار وباسكنو وفصالة والنعمة وأزفون.", [
            .place("أم درمان", "Omdurman"), .place("بحري", "Bahri"), .place("الجبايش", "Chibayish"), .place("قنا", "Qena"),
            .place("غات", "Ghat"), .place("الأغوار", "Jordan Valley"), .place("باسكنو", "Bassikounou"), .place("فصالة", "Fassala"),
            .place("النعمة", "Néma"), .place("أزفون", "Azeffoun"),
        ]),
        // Yemen, the Gulf islands, Kurdistan and the Israeli border: places the gazetteer lacked;
        // سيول as floods is no Seoul, الحدود الشمالية as "the northern border" no Saudi region.
        SpanCase("قصفت الطائرات رأس عيسى وتريم والحوبان ورازح وباقم، واحتجزت الناقلة قرب أبو موسى وطنب الكبرى، "
                 + "وتوغلت القوات قرب العمادية وبامرني، وقصفت كريات شمونة والمطلة على الحدود الشمالية بعد سيول جارفة.", [
            .place("رأس عيسى", "Ras Isa"), .place("تريم", "Tarim"), .place("الحوبان", "Hawban"), .place("رازح", "Razih"),
            .place("باقم", "Baqim"), .place("أبو موسى", "Abu Musa"), .place("طنب الكبرى", "Greater Tunb"),
            .place("العمادية", "Amadiya"), .place("بامرني", "Bamarni"), .place("كريات شمونة", "Kiryat Shmona"),
            .place("المطلة", "Metula"),
        ]),
        // Organisations named with a place: a battalion, a fund, a canal authority.
        SpanCase("أعلنت كتيبة جنين النفير، وقدم صندوق الكويت للتنمية قرضا، وقال رئيس هيئة قناة السويس إن السفن عادت إلى قناة السويس.", [
            .place("قناة السويس", "Suez Canal", skip: 1),
        ]),
        // ولاية as a mandate: no unknown place after it.
        SpanCase("مدد مجلس الأمن ولاية القوة الدولية عاما آخر.", []),
        // Ambiguous names need a preposition or a cue: مالي (Mali / financial).
        SpanCase("قدمت قطر دعما ماليا وأعلنت عن عجز مالي، بينما وصل الوزير إلى مالي.", [
            .place("قطر", "Qatar"), .place("مالي", "Mali", skip: 1),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }

    @Test func documentContextChoosesAmman() throws {
        let (_, jordan) = try Support.run("وصل وزير الخارجية إلى عمان في زيارة إلى الأردن.")
        #expect(jordan.first?.value == .string("Amman"))
        let (_, oman) = try Support.run("وقعت سلطنة عمان اتفاقا، ثم زار الوزير عمان.")
        #expect(oman.allSatisfy { $0.value == .string("Oman") })
    }

    @Test func writtenDiacriticsChoose() throws {
        let (_, spans) = try Support.run("سيزور الوزير الرياض وعمّان، ثم مسقط في عُمان.")
        #expect(spans.map(\.value) == [.string("Riyadh"), .string("Amman"), .string("Muscat"), .string("Oman")])
    }
}
