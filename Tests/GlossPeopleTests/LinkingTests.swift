import GlossKit
import GlossPeople
import Testing

/// Linking in documents that name many people in full: past a handful of full names (and of
/// compound name parts) the linker looks them up by hash instead of one by one, and both ways
/// must give the same entities.
@Suite("Linking many full names")
struct LinkingTests {
    /// Ten people named in full (past the handful the linker compares one by one) and their
    /// values: the opening of the English cases; the entities of ten first mentions.
    static let tenFullNames = "Mr. [[Daniel Hughes]] chaired the meeting with Mr. [[Peter Lang]], Mr. [[Oliver Grant]], "
        + "Mr. [[Samuel Reid]], Mr. [[Thomas Brooks]], Mr. [[Henry Walsh]], Mr. [[George Fletcher]], "
        + "Mr. [[Martin Cole]], Mr. [[Andrew Fraser]] and Mr. [[Simon Price]]. "
    static let tenValues = ["Daniel Hughes", "Peter Lang", "Oliver Grant", "Samuel Reid", "Thomas Brooks", "Henry Walsh",
                            "George Fletcher", "Martin Cole", "Andrew Fraser", "Simon Price"]
    static let tenEntities = (1...10).map { "p\($0)" }

    static let cases: [PeopleCase] = [
        PeopleCase("a full name repeated after ten others links to its first mention",
                   Self.tenFullNames + "Later, Mr. [[Peter Lang]] and Mr. [[Daniel Hughes]] spoke to reporters.",
                   values: Self.tenValues + ["Peter Lang", "Daniel Hughes"],
                   entities: Self.tenEntities + ["p2", "p1"]),
        PeopleCase("family names alone link back after many full names",
                   Self.tenFullNames + "Afterwards [[Fletcher]] said the talks were useful, and [[Hughes]] agreed.",
                   values: Self.tenValues + ["George Fletcher", "Daniel Hughes"],
                   entities: Self.tenEntities + ["p7", "p1"]),
        PeopleCase("a longer name found later gives the entity its value",
                   "Minister [[Karim Haddad]] arrived first. Then Mr. [[Karim Nabil Haddad]] took questions, and [[Haddad]] left.",
                   values: ["Karim Nabil Haddad", "Karim Nabil Haddad", "Karim Nabil Haddad"], entities: ["p1", "p1", "p1"]),
        PeopleCase("ten compound first names, then one of them again and a family name alone",
                   "التقى الوزير [[عبد الله الخطيب]] بالسفير [[عبد الرحمن النجار]] والنائب [[عبد العزيز الحلبي]]، "
                   + "كما حضر اللواء [[نور الدين العمري]] والسفير [[عبد الوهاب القاسمي]] والعميد [[عبد الكريم الزعبي]] "
                   + "والمستشار [[عبد الرحيم الحسيني]] والمحافظ [[عبد المجيد الراشد]] والدكتور [[عبد اللطيف السعدي]] "
                   + "والشيخ [[عبد الحميد الدوري]]. وقال [[عبد الله الخطيب]] إن الاجتماع كان مثمرا، فيما أكد [[الدوري]] "
                   + "أن اللجنة ستجتمع مجددا.",
                   values: ["عبد الله الخطيب", "عبد الرحمن النجار", "عبد العزيز الحلبي", "نور الدين العمري", "عبد الوهاب القاسمي",
                            "عبد الكريم الزعبي", "عبد الرحيم الحسيني", "عبد المجيد الراشد", "عبد اللطيف السعدي", "عبد الحميد الدوري",
                            "عبد الله الخطيب", "عبد الحميد الدوري"],
                   entities: Self.tenEntities + ["p1", "p10"]),
    ]

    @Test("many full names", arguments: cases)
    func rule(_ c: PeopleCase) throws { try c.check() }
}
