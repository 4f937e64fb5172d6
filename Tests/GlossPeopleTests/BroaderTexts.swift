/// Annotated paragraphs of broader news (sport, culture, courts, economy, features), written for
/// Gloss and scored once before any change (first-run figures are in the report). Gold PERSON
/// spans are marked `[[…]]`, on the name only.
enum BroaderTexts {
    static let arabic: [String] = [
        """
        قاد النجم [[محمد صلاح]] فريقه ليفربول إلى فوز كبير على مانشستر يونايتد، وسجل هدفين في الشوط الثاني. وأشاد المدرب [[آرني سلوت]] بأداء اللاعب المصري، مؤكدا أن [[صلاح]] ما زال في قمة مستواه.
        """,
        """
        أصدرت محكمة جنايات القاهرة حكما بالسجن المشدد على رجل الأعمال [[هشام طلعت مصطفى]] في قضية فساد، وقال محاميه [[فريد الديب]] إنه سيطعن في الحكم أمام محكمة النقض.
        """,
        """
        افتتح معرض الكتاب في الرياض بمشاركة أكثر من ألف دار نشر، وحلت الكاتبة الكويتية [[بثينة العيسى]] ضيفة على إحدى الندوات، حيث تحدثت عن روايتها الأخيرة. كما وقع الروائي السوداني [[أمير تاج السر]] نسخا من كتابه الجديد.
        """,
        """
        ارتفعت أسعار النفط بنسبة اثنين في المئة بعد قرار تحالف أوبك بلس خفض الإنتاج. وقال وزير الطاقة السعودي الأمير [[عبد العزيز بن سلمان]] إن السوق تحتاج إلى الاستقرار، فيما توقع محللون في بنك غولدمان ساكس استمرار الصعود.
        """,
        """
        روت [[أم خالد]]، وهي نازحة من ريف إدلب، كيف فقدت منزلها في القصف. وقالت إن زوجها [[أبو خالد]] خرج للبحث عن عمل ولم يعد، بينما يعيش أطفالها الخمسة في خيمة لا تقي من البرد.
        """,
        """
        حصل العالم المصري الراحل [[أحمد زويل]] على جائزة نوبل في الكيمياء عام 1999، ويحمل اسمه اليوم صرح علمي في القاهرة هو مدينة زويل للعلوم والتكنولوجيا، التي يرأسها الدكتور [[محمد الفيومي]].
        """,
        """
        أعلن نادي الهلال السعودي تعاقده مع المهاجم الصربي [[ألكسندر ميتروفيتش]]، بينما رحل المدافع [[كاليدو كوليبالي]] عن صفوف الفريق. وقال رئيس النادي [[فهد بن نافل]] إن الصفقات تهدف إلى المنافسة على الألقاب.
        """,
        """
        شهدت قاعة الأوبرا حفلا للمطربة [[أنغام]] حضره الآلاف، وغنت فيه من ألحان الموسيقار الراحل [[بليغ حمدي]]. وقالت [[أنغام]] في ختام الحفل إن الجمهور المصري هو سر نجاحها.
        """,
    ]

    static let english: [String] = [
        """
        [[Lionel Messi]] scored twice as Inter Miami beat Orlando City 3-1 on Saturday. Coach [[Javier Mascherano]] praised his captain, saying [[Messi]] had made the difference in the second half.
        """,
        """
        A federal judge in New York sentenced former executive [[Samuel Bankman-Fried]] to 25 years in prison. Judge [[Lewis Kaplan]] said the defendant had shown no remorse. Prosecutors had asked for a longer term.
        """,
        """
        The novel, set in Cairo in the 1950s, follows a young teacher named [[Nadia]] as she navigates a changing city. Its author, [[Hisham Matar]], won the Pulitzer Prize for an earlier memoir.
        """,
        """
        Oil prices rose on Monday after OPEC+ agreed to extend output cuts. "The market is tight," said [[Helima Croft]], head of commodity strategy at RBC Capital Markets. Brent crude climbed above $85 a barrel.
        """,
        """
        Apple shares fell after chief executive [[Tim Cook]] warned of weaker demand in China. Analyst [[Dan Ives]] of Wedbush Securities said investors were overreacting, while Morgan Stanley cut its target price.
        """,
        """
        In a village outside Kherson, [[Olena Kovalenko]], 63, sweeps broken glass from her kitchen floor. Her neighbour [[Petro]] lost his house in the same strike. "We stay because this is home," she said.
        """,
    ]
}
