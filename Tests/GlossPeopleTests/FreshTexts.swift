/// A fourth annotated set, written last and scored once before any change to rules or data
/// (first-run figures are in the report); later rule changes are not tuned on it. Gold PERSON
/// spans are marked `[[…]]`, on the name only.
enum FreshTexts {
    static let arabic: [String] = [
        """
        دمشق - أعلنت الرئاسة السورية أن الرئيس [[أحمد الشرع]] استقبل في قصر الشعب وفدا أوروبيا برئاسة مفوضة شؤون المتوسط [[دوبرافكا شويتسا]]. وقال [[الشرع]] إن سوريا الجديدة منفتحة على التعاون، بينما أكد وزير الخارجية [[أسعد الشيباني]] أن رفع العقوبات أولوية.
        """,
        """
        أفادت مصادر طبية في غزة بمقتل ثلاثة أشخاص في قصف استهدف منزلا لعائلة [[أبو شمالة]] في رفح. وقال المتحدث باسم الدفاع المدني [[محمود بصل]] إن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض.
        """,
        """
        قالت وزيرة الخارجية الليبية السابقة [[نجلاء المنقوش]] إنها لم تكن على علم بترتيبات اللقاء، مضيفة أن رئيس حكومة الوحدة الوطنية [[عبد الحميد الدبيبة]] هو من يتحمل المسؤولية. ورفض مكتب [[الدبيبة]] التعليق.
        """,
        """
        في تونس، أصدرت هيئة الانتخابات قرارا برفض ملفات عدد من المرشحين، بينهم [[عبد اللطيف المكي]] و[[منذر الزنايدي]]. وانتقد المحامي [[سمير ديلو]] القرار، معتبرا أنه يخالف أحكام المحكمة الإدارية.
        """,
        """
        أجرى الملك [[محمد السادس]] اتصالا هاتفيا مع الرئيس الموريتاني [[محمد ولد الغزواني]]، تناول العلاقات الثنائية. وذكرت وكالة المغرب العربي للأنباء أن العاهل المغربي أكد حرص المملكة على تعزيز التعاون.
        """,
        """
        التقى رئيس إقليم كردستان [[نيجيرفان بارزاني]] في أربيل السفير البريطاني لدى العراق، وبحث معه الأوضاع السياسية. وكان [[بارزاني]] قد دعا في وقت سابق الحكومة الاتحادية إلى صرف رواتب موظفي الإقليم.
        """,
        """
        نفت الممثلة المصرية [[يسرا اللوزي]] الشائعات التي تحدثت عن اعتزالها، وقالت في مقابلة تلفزيونية إنها تستعد لتصوير مسلسل جديد من إخراج [[محمد شاكر خضير]] سيعرض في رمضان المقبل.
        """,
        """
        وحذر الخبير الاقتصادي [[عبد النبي عبد المطلب]] من تداعيات رفع أسعار الوقود على معدلات التضخم، في حين قال رئيس الوزراء [[مصطفى مدبولي]] إن الحكومة ستوسع برامج الدعم النقدي للأسر الأكثر احتياجا.
        """,
    ]

    static let english: [String] = [
        """
        Syrian President [[Ahmed al-Sharaa]] met a European delegation in Damascus on Monday. [[Sharaa]] said the new government wanted closer ties with Europe, according to a statement from his office.
        """,
        """
        Former Libyan foreign minister [[Najla Mangoush]] said she had not known about the meeting. Prime Minister [[Abdul Hamid Dbeibah]] has not commented publicly, and his spokesman declined to answer questions.
        """,
        """
        The prize went to Kenyan runner [[Faith Kipyegon]], who set a new world record in the 1,500 metres. "I wanted to show what is possible," [[Kipyegon]] told reporters after the race in Paris.
        """,
        """
        Defense lawyers for [[Harvey Weinstein]] asked the court to dismiss the charges. Manhattan District Attorney [[Alvin Bragg]] said his office would retry the case in September.
        """,
        """
        Researchers led by [[Jennifer Doudna]] at the University of California, Berkeley, published the findings in Nature. Co-author [[Fyodor Urnov]] said the technique could be used in clinics within five years.
        """,
    ]
}
