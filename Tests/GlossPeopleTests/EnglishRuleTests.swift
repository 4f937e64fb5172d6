import GlossKit
import GlossPeople
import Testing

@Suite("English people")
struct EnglishRuleTests {
    static let cases: [PeopleCase] = [
        PeopleCase("a readout naming many officials: a title vouches for a name a mark ends, however many capitals the line has",
                   "State Department spokesperson [[Tamsin R. Okafor-Bell]]: Deputy Secretary [[Gregory D. Hale]] met the Red "
                   + "Crescent's Sinai Coordinator, [[Amal Sayed Abu Zeid]].",
                   values: ["Tamsin R. Okafor-Bell", "Gregory D. Hale", "Amal Sayed Abu Zeid"]),
        PeopleCase("religious titles (Maulana, Sayyid); a role after the name's comma; a particle before a hyphenated name alone",
                   "[[Ingrid De Vries-Ahlström]] spoke first. Later [[De Vries-Ahlström]] said the appeal was short. Maulana "
                   + "[[Ehsanullah Khan Bettani]] and Sayyid [[Muhammad bin Nasser Al-Wahaibi]] came. [[Yaakov Elharar-Dayan]], a "
                   + "spokesman for the authority, agreed.",
                   values: ["Ingrid De Vries-Ahlström", "Ingrid De Vries-Ahlström", "Ehsanullah Khan Bettani",
                            "Muhammad bin Nasser Al-Wahaibi", "Yaakov Elharar-Dayan"]),
        PeopleCase("a photo credit with its label names the photographer whatever the agency; Command is an organisation word",
                   "A boy sits on rubble in Hatay. (Photo: [[Zeynep Gül Aksoy]]/Anatolia Lens) — The General Command of the army said.",
                   values: ["Zeynep Gül Aksoy"]),
        PeopleCase("names after a nationality and a profession, in a list",
                   "The panel included the Lebanese academic [[Nadim Georges Haddad]], the Japanese diplomat [[Hiroshi Takeda]] and "
                   + "the Ghanaian jurist [[Abena Ofori-Mensah]].",
                   values: ["Nadim Georges Haddad", "Hiroshi Takeda", "Abena Ofori-Mensah"]),
        PeopleCase("an Arab name ending in a nisba with its article, a listed given name inside; Cmdr. as a rank",
                   "The deputy director of the port, [[Abdulmalik Yahya al-Hamdani]], spoke. [[Al-Hamdani]] told reporters it was "
                   + "calm. A mission spokesman, Cmdr. [[Luca Benedetti-Ferri]], said a drone fell.",
                   values: ["Abdulmalik Yahya al-Hamdani", "Abdulmalik Yahya al-Hamdani", "Luca Benedetti-Ferri"]),
        PeopleCase("', who' keeps a given name that is also a place",
                   "Seats went to women. [[Jordan Price]], who led the mission, called the vote orderly, though [[Price]] said "
                   + "two stations opened late. Troops left Jordan, which borders Syria.",
                   values: ["Jordan Price", "Jordan Price"]),
        PeopleCase("an unlisted name before ', who' (organisations take 'which')",
                   "The vote was close. [[Dagny Virtanen]], who heads the observers, called it fair. Hamas, which runs Gaza, objected.",
                   values: ["Dagny Virtanen"]),
        PeopleCase("a first name alone after a preposition of place is the place; towns shaped like names",
                   "A shipping executive, [[Constantine Papadakis]], said his company would bid. A cement works in Constantine "
                   + "will expand. Police fired tear gas in Hodan district, said [[Hodan Abdi Warsame]]. A dry port at Ali Sabieh "
                   + "and police posts in Ben Arous were planned, and [[Papadakis]] agreed.",
                   values: ["Constantine Papadakis", "Hodan Abdi Warsame", "Constantine Papadakis"], entities: ["p1", "p2", "p1"]),
        PeopleCase("a family name alone keeps its particles; the first of two family names after particles names the person too",
                   "The spokesman, [[Abdulmalik Saleh bin Dhafer]], said the strikes went on. [[Bin Dhafer]] also said ships were hit. "
                   + "[[Ursula von der Leyen]] spoke first, and [[von der Leyen]] left. [[Pieter van der Berg]] said it, and "
                   + "[[Van der Berg]] added more. [[Isabel de la Fuente Ortega]], a surgeon, said the ward was full, and "
                   + "[[de la Fuente]] said donors had paid. Defence Minister [[Ben Wallace]] spoke.",
                   values: ["Abdulmalik Saleh bin Dhafer", "Abdulmalik Saleh bin Dhafer", "Ursula von der Leyen", "Ursula von der Leyen",
                            "Pieter van der Berg", "Pieter van der Berg", "Isabel de la Fuente Ortega", "Isabel de la Fuente Ortega",
                            "Ben Wallace"],
                   entities: ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4", "p5"]),
        PeopleCase("a nickname in quotes after known as / nicknamed is the person's, linked to the name; not after a place",
                   "Police arrested [[Nour al-Din Omar al-Khatib]], known as \"the [[Ghost]]\", on Monday. Commander "
                   + "[[Hadi Kareem]], nicknamed \"[[Abu Zainab]]\", denied it. The district known as \"the Triangle\" was quiet.",
                   values: ["Nour al-Din Omar al-Khatib", "Nour al-Din Omar al-Khatib", "Hadi Kareem", "Hadi Kareem"],
                   entities: ["p1", "p1", "p2", "p2"]),
        PeopleCase("a kunya (Abu, Umm) starting a sentence is part of the name",
                   "[[Abu Mohammed al-Julani]] said the group would hold the city. [[Umm Khaled al-Masri]] said she had left.",
                   values: ["Abu Mohammed al-Julani", "Umm Khaled al-Masri"]),
        PeopleCase("nationality + title + name",
                   "Russian Foreign Minister [[Sergei Lavrov]] said the talks had stalled.",
                   values: ["Sergei Lavrov"]),
        PeopleCase("honorific with a full stop",
                   "Mr. [[Hassan Karimi]] declined to comment.",
                   values: ["Hassan Karimi"]),
        PeopleCase("military abbreviation",
                   "Gen. [[Mark Ellison]] arrived in Baghdad on Monday.",
                   values: ["Mark Ellison"]),
        PeopleCase("possessive stays outside the span and links",
                   "President [[Joe Biden]] spoke first. [[Biden]]'s aides later briefed reporters.",
                   values: ["Joe Biden", "Joe Biden"], entities: ["p1", "p1"]),
        PeopleCase("initials",
                   "The report was written by [[J. R. Whitfield]] and released on Friday.",
                   values: ["J. R. Whitfield"]),
        PeopleCase("given-name gazetteer without a title",
                   "Officials said [[Laura Bennett]] would lead the inquiry.",
                   values: ["Laura Bennett"]),
        PeopleCase("reporting verb before an unlisted name",
                   "\"We are ready,\" said [[Oksana Hrytsenko]], a local official.",
                   values: ["Oksana Hrytsenko"]),
        PeopleCase("lower-case role before the name",
                   "Kremlin spokesman [[Dmitry Peskov]] declined to comment.",
                   values: ["Dmitry Peskov"]),
        PeopleCase("particles inside names",
                   "[[Ursula von der Leyen]] met [[Mohammed bin Salman]] and [[Nouri al-Maliki]].",
                   values: ["Ursula von der Leyen", "Mohammed bin Salman", "Nouri al-Maliki"], entities: ["p1", "p2", "p3"]),
        PeopleCase("hyphenated name",
                   "White House press secretary [[Karine Jean-Pierre]] took questions.",
                   values: ["Karine Jean-Pierre"]),
        PeopleCase("linking by family name, two entities",
                   "Prime Minister [[Keir Starmer]] met Chancellor [[Olaf Scholz]]. [[Starmer]] said the talks were useful, and [[Scholz]] agreed.",
                   values: ["Keir Starmer", "Olaf Scholz", "Keir Starmer", "Olaf Scholz"], entities: ["p1", "p2", "p1", "p2"]),
        PeopleCase("caption credit",
                   "Rescue workers search the rubble. (Photo: [[Lena Hartmann]]/Reuters)",
                   values: ["Lena Hartmann"]),
        PeopleCase("age in commas after an unlisted name; relational role before a first name",
                   "In the village, [[Olena Kovalenko]], 63, sweeps glass. Her neighbour [[Petro]] lost his house.",
                   values: ["Olena Kovalenko", "Petro"]),
        PeopleCase("sentence start before a name",
                   "However, [[Angela Merkel]] disagreed.",
                   values: ["Angela Merkel"]),
        PeopleCase("a role ending in an organisation word, then a name",
                   "Speaker of Parliament [[David Turner]] arrived on Monday, and Hamas Political Bureau [[Ismail Haniyeh]] left.",
                   values: ["David Turner", "Ismail Haniyeh"]),
        PeopleCase("a first name that is also a country, alone after a preposition, is the country",
                   "Colonel [[Jordan Pierce]] said the troops would stay in Jordan until spring. [[Pierce]] later flew to Jordan.",
                   values: ["Jordan Pierce", "Jordan Pierce"]),
        PeopleCase("patronymics, oglu, and a kunya with a name and a nisba",
                   "Officials met. [[Bakhyt Serikovich Tuleubayev]] said the line was open. His counterpart, "
                   + "[[Rashad Elkhan oglu Huseynli]], said Baku agreed. The raid was claimed by a man known as "
                   + "[[Abu Dujana al-Menaki]], and [[Menaki]] had once been a trader.",
                   values: ["Bakhyt Serikovich Tuleubayev", "Rashad Elkhan oglu Huseynli", "Abu Dujana al-Menaki",
                            "Abu Dujana al-Menaki"]),
        PeopleCase("Kurdish, Pakistani and Afghan given names; places that begin with a name",
                   "The committee chair, [[Izzeddin K. al-Saadi]], met [[Farzana Mehr Soomro]] and [[Shabnam Azizi-Rahimi]]. "
                   + "Trucks crossed at Islam Qala and reached Bandar Abbas, and [[Karwan Mahmoud]] said so.",
                   values: ["Izzeddin K. al-Saadi", "Farzana Mehr Soomro", "Shabnam Azizi-Rahimi", "Karwan Mahmoud"]),
        PeopleCase("a name before a refinery or terminal is the facility's",
                   "Drones were spotted over the Mina al-Ahmadi refinery and the Ras Tanura terminal.", values: []),
        PeopleCase("a first name that is also a word, after a role ending in an organisation",
                   "Speaker of Parliament [[Mark Bennett]] met his counterpart [[Peter Hughes]] in Damascus. "
                   + "Government spokesman [[Mark Walsh]] called for calm.",
                   values: ["Mark Bennett", "Peter Hughes", "Mark Walsh"]),
        PeopleCase("a first name that is also a country, alone in a list of countries, is the country",
                   "US envoy [[Chad Morris]] arrived in Niamey. [[Morris]] said troops from Mali, Niger and Chad would join. "
                   + "He added that Chad had sent 500 soldiers, and [[Georgia Wells]] of the UN agreed.",
                   values: ["Chad Morris", "Chad Morris", "Georgia Wells"]),
        PeopleCase("a Polish given name after an appositive comma; a country after the surname's verb",
                   "He met his Polish counterpart, [[Agnieszka Wrona]], who said Warsaw was ready. [[Wrona]] said Poland would buy tanks.",
                   values: ["Agnieszka Wrona", "Agnieszka Wrona"]),
        PeopleCase("a family name with its article, alone later, keeps the article",
                   "Minister [[Hassan al-Alawi]] spoke first. [[Al-Alawi]] said the talks would resume. Later, [[al-Alawi]] left.",
                   values: ["Hassan al-Alawi", "Hassan al-Alawi", "Hassan al-Alawi"]),
        PeopleCase("middle initials, patronymics, hyphenated and particle surnames, Korean and Chinese names",
                   "Brigadier General [[Thomas A. Whitcombe]] said on Sunday. [[Whitcombe]] added that [[Olha Petrivna Bondarenko]], "
                   + "the deputy head, agreed. South Korea's foreign minister, [[Yoon Hae-sook]], and her Chinese counterpart, [[Zhao Wenbo]], "
                   + "met in Busan. [[Zhao]] said talks would go on. His Portuguese counterpart, [[João Paulo Ferreira da Costa]], and "
                   + "Moldova's minister [[Elena Ceban-Rusu]] spoke later. [[Ceban-Rusu]] said Moldova was ready.",
                   values: ["Thomas A. Whitcombe", "Thomas A. Whitcombe", "Olha Petrivna Bondarenko", "Yoon Hae-sook", "Zhao Wenbo",
                            "Zhao Wenbo", "João Paulo Ferreira da Costa", "Elena Ceban-Rusu", "Elena Ceban-Rusu"]),
        PeopleCase("a title before the comma of an apposition; a commodore with initials",
                   "Her Chinese counterpart, [[Zhao Wenbo]], agreed in Busan on Tuesday. Commodore [[R. K. Venkataraman]], who commands "
                   + "the task group, said pirates fled.",
                   values: ["Zhao Wenbo", "R. K. Venkataraman"]),
        PeopleCase("a kunya after 'known as'",
                   "Troops killed a commander known as [[Abu Khaled]] in the camp.",
                   values: ["Abu Khaled"]),
        PeopleCase("a Turkish given name before a family name that is also a place",
                   "Ministry spokesman [[Levent Kaya]] spoke in Ankara. [[Kaya]] said the border stayed open.",
                   values: ["Levent Kaya", "Levent Kaya"]),
    ]

    static let traps: [PeopleCase] = [
        PeopleCase("bases, ports and countries named like people",
                   "Troops will arrive at Ali Al Salem air base and Al Udeid air base. Terminals at Sabine Pass ran at full capacity, "
                   + "and aid went to Sudan, South Sudan and Chad."),
        PeopleCase("towns written with the Arabic article (Al, the given name of Al Gore, before an unlisted word)",
                   "Convoys reached Al Khor on Monday; troops entered Al Wakrah, Al Qaim and Al Bab."),
        PeopleCase("title-case headlines", "Army Chief Warns Of New Attacks In The North"),
        PeopleCase("title alone", "The President said the Prime Minister would visit."),
        PeopleCase("organisations", "The Ministry of Defense and the Bank of England issued statements."),
        PeopleCase("the Red Crescent and the Red Cross are no people",
                   "The Red Crescent said 1,100 refugees crossed last week. The Red Cross has not commented, and the Red Crescent sent trucks."),
        PeopleCase("nationalities and places", "American and French officials met in New York and Washington."),
        PeopleCase("months and weekdays", "In March the talks resumed, and on Monday they ended in May."),
        PeopleCase("capitalised sentence starts", "Officials said the deal was close. Witnesses said the blast was loud."),
        PeopleCase("headline-style capitals that are not names", "Foreign Ministry Spokesman Denies Report"),
        PeopleCase("companies and bodies named after people or with name-like words",
                   "Morgan Stanley and Goldman Sachs raised targets. Brent Crude rose. Hamas Political Bureau said. Al Jazeera reported."),
    ]

    @Test("rules", arguments: cases)
    func rule(_ c: PeopleCase) throws { try c.check() }

    @Test("traps find no person", arguments: traps)
    func trap(_ c: PeopleCase) throws { try c.check() }
}
