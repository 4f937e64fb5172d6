/// Annotated paragraphs for the exact-boundary evaluation of the People extractor.
///
/// Every paragraph was written for Gloss (news style, invented events; the people named are
/// public figures or invented). Gold PERSON spans are marked `[[…]]`, on the name only: no
/// title, no proclitic (`و[[بايدن]]`).
enum EvaluationTexts {
    static let arabic: [String] = [
        """
        قال رئيس الوزراء العراقي [[محمد شياع السوداني]]، يوم الثلاثاء، إن حكومته ماضية في تنفيذ برنامجها الخدمي رغم الضغوط. وأضاف [[السوداني]] خلال مؤتمر صحفي في بغداد أن الجيش العراقي قادر على حماية الحدود، مشيرا إلى أن الحكومة السورية أبدت استعدادها للتعاون الأمني.
        """,
        """
        التقى وزير الخارجية الأردني [[أيمن الصفدي]] نظيره المصري [[بدر عبد العاطي]] في عمّان أمس الأحد، وبحث الجانبان تطورات الأوضاع في قطاع غزة. وأكد [[الصفدي]] أن الأردن يرفض أي محاولة لتهجير الفلسطينيين، فيما شدد [[عبد العاطي]] على ضرورة وقف إطلاق النار فورا.
        """,
        """
        أعلن المتحدث باسم وزارة الخارجية الإيرانية [[إسماعيل بقائي]] أن طهران ستشارك في جولة جديدة من المحادثات. وقال [[بقائي]] إن الوفد الإيراني سيرأسه نائب وزير الخارجية [[مجيد تخت روانجي]]، بينما نفت مصادر أوروبية أن يكون موعد الجولة قد حُدد.
        """,
        """
        وصل ولي العهد السعودي الأمير [[محمد بن سلمان]] إلى القاهرة، حيث كان في استقباله الرئيس [[عبد الفتاح السيسي]]. وعقد [[السيسي]] و[[ابن سلمان]] جلسة مباحثات في قصر الاتحادية تناولت الاستثمارات المشتركة، بحسب ما أفاد المتحدث باسم الرئاسة المصرية.
        """,
        """
        أفاد مراسل الجزيرة بأن الطيران الحربي شن غارات على مدينة خان يونس جنوب القطاع. وقال الطبيب [[محمد أبو سلمية]] مدير مستشفى الشفاء إن الطواقم الطبية تعمل في ظروف صعبة، بينما دعا المبعوث الأممي [[توم فليتشر]] إلى فتح المعابر دون شروط.
        """,
        """
        اتهم زعيم التيار الصدري [[مقتدى الصدر]] بعض الأطراف السياسية بعرقلة الإصلاح، فيما رد عليه رئيس ائتلاف دولة القانون [[نوري المالكي]] بأن الحوار هو الطريق الوحيد. وقال [[المالكي]] في بيان إن العراق يمر بمرحلة حساسة.
        """,
        """
        قالت الدكتورة [[منى عبد الرحمن]]، الباحثة في الشؤون الاقتصادية، إن التضخم سيتراجع خلال شهر مايو المقبل. وأوضحت [[عبد الرحمن]] أن البنك المركزي المصري اتخذ إجراءات صارمة، لافتة إلى أن الجنيه استعاد جزءا من قيمته.
        """,
        """
        استقبل الرئيس اللبناني [[جوزيف عون]] في قصر بعبدا رئيس مجلس النواب [[نبيه بري]]، وتناول اللقاء تشكيل الحكومة الجديدة. وأكد [[بري]] بعد اللقاء أن الأجواء إيجابية، في حين أشار مصدر مقرب من [[عون]] إلى أن الإعلان قد يتم خلال أيام.
        """,
        """
        زار الرئيس الفرنسي [[إيمانويل ماكرون]] العاصمة اللبنانية بيروت، والتقى رئيس الحكومة [[نواف سلام]]. وقال [[ماكرون]] إن فرنسا ستدعم الجيش اللبناني، مضيفا أن باريس ستستضيف مؤتمرا للمانحين في الربيع.
        """,
        """
        (تصوير: [[أحمد حسن]]/رويترز)
        أكد قائد الحرس الثوري اللواء [[حسين سلامي]] أن بلاده سترد على أي هجوم، بينما قال وزير الدفاع الإسرائيلي [[يسرائيل كاتس]] إن الجيش مستعد لكل السيناريوهات. ونقلت وكالة الأنباء الرسمية عن [[سلامي]] قوله إن الرد سيكون حاسما.
        """,
        """
        أعلنت وزارة الداخلية العراقية القبض على شبكة لتهريب المخدرات في محافظة البصرة. وقال المتحدث باسم الوزارة العميد [[مقداد ميري]] إن العملية جرت بالتنسيق مع قيادة العمليات المشتركة، موضحا أن المتهمين اعترفوا بجرائمهم.
        """,
        """
        التقى الرئيس الأميركي [[دونالد ترامب]] في البيت الأبيض رئيس الوزراء الإسرائيلي [[بنيامين نتنياهو]]. وقال [[ترامب]] للصحفيين إن الاتفاق بات قريبا، في حين أكد [[نتنياهو]] أن إسرائيل لن تتنازل عن أمنها. وكان المبعوث الأميركي [[ستيف ويتكوف]] قد زار المنطقة الأسبوع الماضي.
        """,
        """
        نعى الوسط الثقافي العربي الشاعر [[محمود درويش]] في ذكرى رحيله، وقالت الكاتبة [[سحر خليفة]] إن شعره ما زال حيا. وأقيمت أمسية في رام الله قرأ فيها الشاعر [[مريد البرغوثي]] قصائد جديدة، بحضور وزير الثقافة الفلسطيني [[عاطف أبو سيف]].
        """,
        """
        دعا الأمين العام للأمم المتحدة [[أنطونيو غوتيريش]] إلى وقف فوري للقتال في السودان. ورحب رئيس مجلس السيادة الفريق أول ركن [[عبد الفتاح البرهان]] بالدعوة، بينما لم يصدر تعليق عن قائد قوات الدعم السريع [[محمد حمدان دقلو]] المعروف باسم [[حميدتي]].
        """,
    ]

    static let english: [String] = [
        """
        Iraqi Prime Minister [[Mohammed Shia al-Sudani]] said on Tuesday that his government would press ahead with its reform plan. [[Sudani]] told reporters in Baghdad that the Iraqi army was ready to secure the border with Syria.
        """,
        """
        Secretary of State [[Antony Blinken]] met Jordanian Foreign Minister [[Ayman Safadi]] in Amman on Sunday. [[Blinken]] said the United States was working with partners on a ceasefire, while [[Safadi]] warned that the situation in Gaza was catastrophic.
        """,
        """
        Russian President [[Vladimir Putin]] spoke by phone with French President [[Emmanuel Macron]] for the first time in months, the Kremlin said. According to [[Macron]]'s office, the two leaders discussed Ukraine. Kremlin spokesman [[Dmitry Peskov]] declined to give details.
        """,
        """
        The White House said [[Joe Biden]] would travel to Berlin next week. In a statement, the president thanked Chancellor [[Olaf Scholz]] for his support. [[Biden]]'s trip comes as Congress debates a new aid package.
        """,
        """
        However, [[Sarah Thompson]], an economist at a London bank, said inflation would ease by May. "The worst is behind us," [[Thompson]] said. Analysts at Goldman Sachs were less optimistic about the Bank of England.
        """,
        """
        Gen. [[Charles Q. Brown]], chairman of the Joint Chiefs of Staff, told senators that the Pentagon needed more funding. Sen. [[Lindsey Graham]] asked whether the request included support for Israel. [[Brown]] said it did.
        """,
        """
        (Photo: [[Maya Alleruzzo]]/AP)
        Displaced families returned to Mosul on Monday. [[Ahmed Khalil]], a teacher, said his house had been destroyed. "We have nothing left," said [[Khalil]], 45, standing near the Great Mosque of al-Nuri.
        """,
        """
        Hamas leader [[Yahya Sinwar]] was killed in Rafah, the Israeli military said. Israeli Prime Minister [[Benjamin Netanyahu]] called it an important moment. [[Sinwar]] was considered the architect of the October 7 attack, according to Israeli officials.
        """,
    ]
}
