/// A second set of annotated paragraphs, written after the rules were built and scored once
/// before any change (the first-run figures are in the report). Same conventions as
/// ``EvaluationTexts``: gold PERSON spans marked `[[…]]`, on the name only.
enum HeldOutTexts {
    static let arabic: [String] = [
        """
        أعلن محافظ نينوى [[عبد القادر الدخيل]] عن إطلاق حملة لإعادة إعمار المدارس في الموصل. وقال [[الدخيل]] في تصريح للصحفيين إن المحافظة خصصت مبالغ كبيرة للمشروع، مؤكدا أن العمل سيبدأ الشهر المقبل.
        """,
        """
        وفي طرابلس، استقبل رئيس المجلس الرئاسي الليبي [[محمد المنفي]] المبعوثة الأممية بالإنابة [[ستيفاني خوري]]، وبحثا سبل إجراء الانتخابات. وأكدت [[خوري]] دعم الأمم المتحدة لمسار الحوار الليبي.
        """,
        """
        نفى المتحدث العسكري باسم جماعة الحوثي [[يحيى سريع]] صحة التقارير التي تحدثت عن مقتل قيادات في الجماعة، وقال [[سريع]] إن القوات اليمنية استهدفت سفينة في البحر الأحمر.
        """,
        """
        أشاد وزير الخارجية القطري [[محمد بن عبد الرحمن آل ثاني]] بجهود الوساطة المصرية، وقال خلال مؤتمر صحفي مشترك مع نظيره التركي [[هاكان فيدان]] إن المفاوضات دخلت مرحلة حاسمة.
        """,
        """
        كشف تقرير لصحيفة نيويورك تايمز أن مدير وكالة المخابرات المركزية [[وليام بيرنز]] زار الدوحة سرا. ولم يعلق البيت الأبيض على التقرير، فيما قال السيناتور [[كريس مورفي]] إن الكونغرس يجب أن يُبلغ بهذه الاتصالات.
        """,
        """
        قالت الناشطة الحقوقية [[هبة مرايف]] إن السلطات اعتقلت عشرات المتظاهرين خلال الأسبوع الماضي، وطالبت بالإفراج عنهم فورا. وأضافت [[مرايف]] أن منظمة العفو الدولية وثقت حالات تعذيب.
        """,
        """
        شيع آلاف الفلسطينيين في مخيم جنين جثمان الشاب [[أحمد أبو الهيجاء]] الذي قتل برصاص الجيش الإسرائيلي، وقال والده [[خليل أبو الهيجاء]] إن ابنه كان في طريقه إلى عمله.
        """,
        """
        وفي بيروت، قال رئيس الحكومة اللبنانية الأسبق [[فؤاد السنيورة]] إن لبنان يحتاج إلى إصلاحات عميقة. ورأى [[السنيورة]] أن انتخاب رئيس للجمهورية خطوة أولى، داعيا القوى السياسية إلى التوافق.
        """,
        """
        وصل الرئيس التركي [[رجب طيب أردوغان]] إلى بغداد في زيارة رسمية، وكان في استقباله رئيس الجمهورية [[عبد اللطيف رشيد]]. وتناولت المباحثات ملف المياه وطريق التنمية، بحسب بيان للرئاسة العراقية.
        """,
        """
        قال المحلل السياسي [[إحسان الشمري]] إن التحالفات الانتخابية في العراق تتغير بسرعة، مشيرا إلى أن تيار الحكمة بزعامة [[عمار الحكيم]] يسعى إلى توسيع قاعدته الشعبية.
        """,
        """
        أكد المرشد الإيراني [[علي خامنئي]] أن بلاده لن تتفاوض تحت الضغط، في حين قال الرئيس [[مسعود بزشكيان]] إن الحكومة منفتحة على الحوار إذا رُفعت العقوبات. ودافع [[خامنئي]] عن البرنامج النووي.
        """,
        """
        توفي الفنان المصري [[نور الشريف]] عن عمر ناهز تسعة وستين عاما بعد صراع مع المرض، ونعته نقابة المهن التمثيلية. وقالت الفنانة [[يسرا]] إن الراحل كان مدرسة في الأداء.
        """,
    ]

    static let english: [String] = [
        """
        Ukrainian President [[Volodymyr Zelensky]] arrived in Washington on Wednesday for talks with congressional leaders. House Speaker [[Mike Johnson]] said after the meeting that aid would be considered next month. [[Zelensky]] thanked lawmakers for their support.
        """,
        """
        The United Nations envoy for Syria, [[Geir Pedersen]], warned the Security Council that the humanitarian situation was deteriorating. "Millions need help," [[Pedersen]] said, urging donors to fulfil their pledges made in Brussels in March.
        """,
        """
        Lebanon's caretaker Prime Minister [[Najib Mikati]] met Hezbollah officials in Beirut on Thursday. [[Mikati]] later told Al Jazeera that the army would deploy in the south once a ceasefire took hold.
        """,
        """
        According to [[Maria Lopez]], a spokeswoman for the World Food Programme, convoys reached northern Gaza for the first time in weeks. Residents interviewed by the Associated Press described long queues for bread.
        """,
        """
        Turkish Foreign Minister [[Hakan Fidan]] said on Saturday that Ankara was in contact with all parties. Separately, Iraqi Kurdish leader [[Masoud Barzani]] hosted a delegation from Baghdad, his office said.
        """,
        """
        Dr. [[Tedros Adhanom Ghebreyesus]], director-general of the World Health Organization, called the outbreak a global emergency. [[Tedros]] urged countries to share vaccines with poorer nations.
        """,
        """
        Saudi Crown Prince [[Mohammed bin Salman]] received U.S. Secretary of State [[Marco Rubio]] in Riyadh. The two discussed regional security and oil markets, the Saudi Press Agency reported. [[Rubio]] then flew to Doha.
        """,
        """
        On Tuesday, Israeli army spokesman Rear Adm. [[Daniel Hagari]] said troops had found tunnels under the hospital. Critics, including rights group B'Tselem, questioned the claims. [[Hagari]] did not respond to further questions.
        """,
    ]
}
