import GlossKit
import Testing
@testable import GlossPlaces

@Suite("English places")
struct EnglishPlacesTests {
    static let cases: [SpanCase] = [
        SpanCase("Officials in Iraq, Syria and Lebanon met delegates from Saudi Arabia and the United Arab Emirates.", [
            .place("Iraq", "Iraq"), .place("Syria", "Syria"), .place("Lebanon", "Lebanon"),
            .place("Saudi Arabia", "Saudi Arabia"), .place("United Arab Emirates", "United Arab Emirates"),
        ]),
        SpanCase("The U.S. and the UK sent envoys to the Middle East, the Gaza Strip and the West Bank.", [
            .place("U.S.", "United States"), .place("UK", "United Kingdom"), .place("Middle East", "Middle East"),
            .place("Gaza Strip", "Gaza Strip"), .place("West Bank", "West Bank"),
        ]),
        // Lower-case common words are not places.
        SpanCase("They ate turkey and met a man named chad before flying to Turkey and Chad.", [
            .place("Turkey", "Turkey"), .place("Chad", "Chad"),
        ]),
        SpanCase("Iraqi and American officials said Syrians had crossed into Jordan.", [
            .norp("Iraqi", "Iraq"), .norp("American", "United States"), .norp("Syrians", "Syria"),
            .place("Jordan", "Jordan"),
        ]),
        // Cue words.
        SpanCase("Rockets hit Ain al-Asad Air Base in Anbar province and Camp Taji near the city of Mosul.", [
            .place("Ain al-Asad Air Base", "Ain al-Asad Air Base", kind: "facility"),
            .place("Ain al-Asad", "Ain al-Asad Air Base", kind: "facility"),
            .place("Anbar", "Anbar Governorate", kind: "province"),
            .place("Camp Taji", "Camp Taji", kind: "facility"), .place("Taji", "Camp Taji", kind: "facility"),
            .place("Mosul", "Mosul", kind: "city"),
        ]),
        // The base's core name with the article joined (al-Asad) before a lower-case cue.
        SpanCase("General Kurilla visited al-Asad air base in Anbar.", [
            .place("al-Asad", "Ain al-Asad Air Base", kind: "facility"), .place("Anbar", "Anbar Governorate", kind: "province"),
        ]),
        SpanCase("Militants attacked Camp Speicher and a checkpoint in Zummar district.", [
            .place("Camp Speicher", "Camp Speicher"), .place("Speicher", "Camp Speicher"),
            .place("Zummar", "Zummar", kind: "province"),
        ]),
        // Traps: person names, organisations, news media.
        SpanCase("Jordan Peterson and George Washington were quoted by The New York Times and the Tehran Times.", []),
        SpanCase("A spokesman for the Baghdad Operations Command said fighting in Baghdad went on.", [
            .place("Baghdad", "Baghdad", skip: 1),
        ]),
        SpanCase("The governor, Selin Aydemir-Kaya, said the Iran-Iraq border was shut.", [
            .place("Iran", "Iran"), .place("Iraq", "Iraq"),
        ]),
        SpanCase("Georgia Wells and Kenya Adams of the UN met envoys from Georgia and Kenya.", [
            .place("Georgia", "Georgia", skip: 1), .place("Kenya", "Kenya"),
        ]),
        SpanCase("Layla al-Badri and Hala al-Halabi said that police chief Majid Mansour had arrived in Basra.", [
            .place("Basra", "Basra"),
        ]),
        // A family name that is also a place (Aydin, a Turkish province) stays a name when it comes
        // back alone later in the document; after a preposition it is the place again.
        SpanCase("Turkish Foreign Minister Selim Aydin arrived in Baghdad. Aydin said Ankara would help. Kemal Aydin, his brother, lives in Aydin.", [
            .norp("Turkish", "Turkey"),
            .place("Baghdad", "Baghdad"), .place("Ankara", "Ankara"), .place("Aydin", "Aydin", skip: 1),
        ]),
        SpanCase("Rockets fired from southern Lebanon fell near Kiryat Shmona and Qiryat Shmona's market.", [
            .place("Lebanon", "Lebanon"), .place("Kiryat Shmona", "Kiryat Shmona"), .place("Qiryat Shmona", "Kiryat Shmona"),
        ]),
        // Common Turkish first names are first names too.
        SpanCase("President Kemal Aydin met Mehmet Sivas and Murat Batman, then flew to Doha.", [
            .place("Doha", "Doha"),
        ]),
        SpanCase("She studied at the University of Baghdad and later worked for Al Jazeera in Doha.", [
            .place("Doha", "Doha"),
        ]),
        SpanCase("The North Atlantic Treaty Organization met in Brussels, and the North Atlantic Council sent ships across the Atlantic.", [
            .place("Brussels", "Brussels"), .place("Atlantic", "Atlantic Ocean", skip: 1),
        ]),
        SpanCase("Boats left Zuwara for Sicily, families fled to Tawila, and troops stayed near Azraq.", [
            .place("Zuwara", "Zuwara"), .place("Sicily", "Sicily"), .place("Tawila", "Tawila"), .place("Azraq", "Azraq"),
        ]),
        SpanCase("Khyber officials said aid crossed through the Bab al-Hawa and Oncupinar crossings.", [
            .place("Khyber", "Khyber"), .place("Bab al-Hawa", "Bab al-Hawa"), .place("Oncupinar", "Öncüpınar"),
        ]),
        // A gazetteer name ending in a cue word (Kuwait City), and a brigade named after a town.
        SpanCase("The railway would link Kuwait City to Muscat, and a commander of the Tulkarm Brigade was killed near Qana.", [
            .place("Kuwait City", "Kuwait City"), .place("Muscat", "Muscat"), .place("Qana", "Qana"),
        ]),
        // Islands, seas, lakes, rivers and towns the gazetteer lacked; a city named "Port X".
        SpanCase("Boats reached the Canary Islands, Las Palmas, El Hierro and Porto; fleets fished near Jeju in the Yellow Sea; "
                 + "refugees crossed at Bunagana to Nakivale near Lake Kivu; terminals at Sabine Pass, Freeport and Lake Charles ran; "
                 + "a bridge over the Prut near Giurgiulesti opened; pirates sailed from Eyl and Hafun on the road to Port Sudan.", [
            .place("Canary Islands", "Canary Islands"), .place("Las Palmas", "Las Palmas"), .place("El Hierro", "El Hierro"),
            .place("Porto", "Porto"), .place("Jeju", "Jeju"), .place("Yellow Sea", "Yellow Sea"), .place("Bunagana", "Bunagana"),
            .place("Nakivale", "Nakivale"), .place("Lake Kivu", "Lake Kivu"), .place("Sabine Pass", "Sabine Pass"),
            .place("Freeport", "Freeport"), .place("Lake Charles", "Lake Charles"), .place("Prut", "Prut"),
            .place("Giurgiulesti", "Giurgiulești"), .place("Eyl", "Eyl"), .place("Hafun", "Hafun"), .place("Port Sudan", "Port Sudan"),
        ]),
        SpanCase("Tankers load at Kharg Island; drones hit Dzhankoi, and fighting went on near Pokrovsk, Kupiansk and Metula.", [
            .place("Kharg Island", "Kharg Island"), .place("Dzhankoi", "Dzhankoi"), .place("Pokrovsk", "Pokrovsk"),
            .place("Kupiansk", "Kupiansk"), .place("Metula", "Metula"),
        ]),
        // A family name that is also a place (Kaya, a town in Burkina Faso) after a Turkish first name.
        SpanCase("Spokesman Levent Kaya said in Ankara that Kaya would travel to Kaya next week.", [
            .place("Ankara", "Ankara"), .place("Kaya", "Kaya", skip: 1),
        ]),
        SpanCase("Fighting in al-Anbar and Deir ez-Zor continued as forces entered Raqqa.", [
            .place("al-Anbar", "Anbar Governorate"), .place("Deir ez-Zor", "Deir ez-Zor"), .place("Raqqa", "Raqqa"),
        ]),
    ]

    @Test(arguments: cases)
    func exactSpans(_ c: SpanCase) throws { try checkExactSpans(c) }
}
