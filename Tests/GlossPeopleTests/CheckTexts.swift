/// A last annotated set, written after all tuning; its first-run score is the best estimate of
/// how the extractor does on unseen text (figures in the report; two general fixes followed:
/// a title word that is also a given name inside a name, and the compound عبيد الله). Gold
/// PERSON spans are marked `[[…]]`, on the name only.
enum CheckTexts {
    static let arabic: [String] = [
        """
        بيروت - قال الأمين العام لحزب الله [[نعيم قاسم]] في كلمة متلفزة إن المقاومة لن تسلم سلاحها، فيما رد رئيس حزب القوات اللبنانية [[سمير جعجع]] بأن الدولة وحدها يجب أن تحتكر السلاح. وأضاف [[قاسم]] أن الحزب ملتزم باتفاق وقف إطلاق النار.
        """,
        """
        أعلنت وزارة الدفاع الروسية أن قواتها سيطرت على بلدة جديدة في منطقة دونيتسك، بينما قال الرئيس الأوكراني [[فولوديمير زيلينسكي]] إن جيشه صد عشرات الهجمات. واتهم المتحدث باسم الكرملين [[دميتري بيسكوف]] الغرب بإطالة أمد الحرب.
        """,
        """
        استقبل وزير الداخلية العراقي [[عبد الأمير الشمري]] وفدا أمنيا أردنيا برئاسة مدير الأمن العام اللواء [[عبيد الله المعايطة]]، وبحث الجانبان تعزيز التعاون في مكافحة تهريب المخدرات عبر الحدود المشتركة.
        """,
        """
        اعتقلت السلطات التركية الصحفي [[فاتح ألتايلي]] بتهمة تهديد الرئيس [[رجب طيب أردوغان]]، وطالبت منظمة مراسلون بلا حدود بالإفراج عنه فورا. وقال محامي الصحفي إن موكله بريء.
        """,
        """
        وفي الخرطوم، قال عضو مجلس السيادة [[ياسر العطا]] إن الجيش يقترب من استعادة السيطرة على العاصمة بالكامل. وكان [[العطا]] قد توعد قوات الدعم السريع بهزيمة قريبة، في حين لم تعلق الأخيرة على تصريحاته.
        """,
        """
        شارك الآلاف في تشييع الشيخ [[يوسف القرضاوي]] في الدوحة، وأمّ المصلين في صلاة الجنازة نجله [[عبد الرحمن القرضاوي]]. ونعت مؤسسات دينية عديدة [[القرضاوي]] ووصفته بأنه أحد أبرز علماء العصر.
        """,
    ]

    static let english: [String] = [
        """
        Hezbollah chief [[Naim Qassem]] said the group would not disarm, while Lebanese Forces leader [[Samir Geagea]] insisted that only the state should hold weapons. [[Qassem]] spoke in a televised address.
        """,
        """
        Iraqi Interior Minister [[Abdul Amir al-Shammari]] met a Jordanian security delegation in Baghdad. Officials from both countries discussed drug smuggling along the border, the ministry said.
        """,
        """
        Turkish journalist [[Fatih Altayli]] was detained over remarks about President [[Recep Tayyip Erdogan]]. Reporters Without Borders called for his release. His lawyer said the charges were baseless.
        """,
    ]
}
