"""The redaction gate's engine: find every identifying detail of the people linked to a
publication in its text, before it is published.

The caller gives the text and the details it must not contain, as :class:`Identifier` (kind,
value, whose). :func:`identifiers_for_person` reads them from a person's record;
:func:`scan` returns each place the text names one of them, as a :class:`Hit` saying what
matched, where, and how (exactly, misspelt, as a possessive, in another date format...), so
that a reviewer can remove it or say why it stays. The rules and thresholds, and what they
knowingly miss or over-report, are in ``docs/decisions/0015-redaction-gate.md``.

The text is read once: it is cut into words (letter runs), each distinct word is compared
with the names held (exactly, then by ``rapidfuzz`` for misspellings), and dates, postcodes
and reference numbers are each found by one pass. Nothing here touches the database except
:func:`identifiers_for_person`, which only reads.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import product

from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from cairn.people.choices import NameKind

KINDS = ("name", "alias", "date_of_birth", "address", "postcode", "school", "identifier")

# The most specific kind wins when two identifiers match the same words.
_KIND_RANK = {
    "identifier": 0,
    "date_of_birth": 1,
    "postcode": 2,
    "address": 3,
    "name": 4,
    "alias": 5,
    "school": 6,
}
EXACT, VARIANT, FUZZY = 0, 1, 2  # how good a match is: best first

# Misspellings: one letter added, dropped, changed or two swapped (OSA distance) for a name of
# FUZZY_FROM letters or more, two for a name of TWO_FROM or more; shorter names only exactly.
FUZZY_FROM, TWO_FROM = 5, 10
SNIPPET = 40  # characters of context either side of a hit
BIRTH_WINDOW = 60  # a day and month without a year count this close to "born" / "birthday"
MIN_REFERENCE = 4  # shorter reference numbers cannot be told from other numbers


@dataclass(frozen=True)
class Identifier:
    """One identifying detail of one person, as held."""

    kind: str  # one of KINDS
    value: str  # as held: "Jayden Okafor", "943 476 5919"; a date of birth as "2011-04-03"
    person_label: str  # how to name the person to a reviewer: "Child A (involvement 12)"
    person_id: int | None = None
    description: str = ""  # what the detail is, for the reviewer: "NHS number", "family name"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind of identifier: {self.kind!r}")


@dataclass(frozen=True)
class Hit:
    """One place where the text names an identifier."""

    kind: str
    text: str  # exactly as in the document
    start: int  # offsets in the text scanned: text[start:end] == self.text
    end: int
    line: int  # 1-based
    snippet: str  # the words around it, on one line
    identifier: Identifier
    how: str  # "exact", "misspelling", "possessive", "date format", ...
    also: tuple[Identifier, ...] = ()  # other people's details matching the same words as well

    @property
    def person_label(self) -> str:
        return self.identifier.person_label


def scan(text: str, identifiers: Iterable[Identifier]) -> list[Hit]:
    """Every place ``text`` names one of ``identifiers``, in order of position."""
    return Scanner(identifiers).scan(text)


# Words ----------------------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_FOLDS = str.maketrans({"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"})
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
# Names that are everyday words too: written in lower case, they are the word.
_WORD_NAMES = """
    amber april ash august autumn bay bill brook brown carer carers chase clay cliff cook
    crystal daisy dawn dean destiny drew faith frank friday glen grace grant guy hall hazel
    heather hill holly honey hope hunter iris ivy jack jade jay joy june king lane lily lord
    mark may miles monday norman north pat patience pearl penny poppy ray reed robin rose
    ruby saturday sandy sky stone storm summer sunday sunny thursday tuesday violet
    wednesday willow wood wren
"""
# Words in schools' names that do not tell one school from another.
_SCHOOL_WORDS = """
    school schools academy academies primary secondary high college infant infants junior
    juniors nursery church of england ce c e cofe rc roman catholic community the and trust
    federation free grammar upper lower middle sixth form studio university technical
    foundation voluntary aided controlled special pupil referral unit pru centre center
    learning education multi mat
"""
_GENERIC_SCHOOL_WORDS = frozenset(_SCHOOL_WORDS.split())
_STREET_TYPES = (
    ("road", "rd"),
    ("street", "st"),
    ("avenue", "ave", "av"),
    ("grove", "gr", "gro"),
    ("close", "cl"),
    ("lane", "ln"),
    ("drive", "dr"),
    ("crescent", "cres", "cresc"),
    ("court", "ct"),
    ("place", "pl"),
    ("gardens", "gdns"),
    ("terrace", "terr", "ter"),
    ("square", "sq"),
    ("park", "pk"),
    ("mews",),
    ("way",),
    ("walk",),
    ("rise",),
    ("hill",),
    ("view",),
    ("row",),
)
_SAINT = ("st", "saint")


def fold(word: str) -> str:
    """How words are compared: lower case, without accents (Zoë is zoe)."""
    if word.isascii():
        return word.lower()
    text = unicodedata.normalize("NFKD", word.lower().translate(_FOLDS))
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def everyday_words() -> frozenset[str]:
    """Common English words (Faker's list of about a thousand) and names that are words too.

    A misspelling is never one of these, and a name that is one counts only with a capital.
    """
    from faker.providers.lorem.en_US import Provider

    return frozenset(Provider.word_list) | frozenset(_WORD_NAMES.split()) | frozenset(MONTHS)


def _words(value: str) -> list[list[str]]:
    """A held name in words, each word in its parts: "Mary-Jo O'Neil's" -> [[mary, jo],
    [o, neil]] (a final possessive 's is not part of the name)."""
    words = []
    for chunk in value.split():
        chunk = re.sub(r"['’]s$", "", fold(chunk))
        parts = _LETTERS.findall(chunk)
        if parts:
            words.append(parts)
    return words


def _readings(words: list[list[str]]) -> list[tuple[str, ...]]:
    """The ways a name can be written word by word: "O'Neil" as "O'Neil" or "ONeil"."""
    options = [[tuple(parts)] + ([("".join(parts),)] if len(parts) > 1 else []) for parts in words]
    readings = [tuple(t for word in choice for t in word) for choice in product(*options)]
    return readings[:8]


# Compiled identifiers --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sequence:
    identifier: Identifier
    slots: tuple[frozenset[str], ...]
    primary: tuple[str, ...]  # the form held, per slot
    everyday: bool  # every word is an everyday word: in lower case it is the word, not a name
    house_number: str | None = None  # addresses: the number before the street
    is_street: bool = False
    tail: frozenset[str] = frozenset()  # schools: generic words of the name, taken in after
    owns_s: bool = False  # the name held has an 's of its own ("St Mary's"): not a possessive


@dataclass
class _Found:
    start: int
    end: int
    identifier: Identifier
    how: str
    quality: int


@dataclass
class _Words:
    """The text cut into words once: offsets, folded forms, and which forms occur in lower
    case anywhere (those are everyday words here, whatever the list says)."""

    starts: list[int]
    ends: list[int]
    forms: list[str]
    lower: list[bool]
    lower_forms: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, text: str) -> _Words:
        starts, ends, forms, lower = [], [], [], []
        folded: dict[str, str] = {}
        lower_forms = set()
        for m in _LETTERS.finditer(text):
            raw = m.group()
            form = folded.get(raw)
            if form is None:
                form = folded[raw] = fold(raw)
            starts.append(m.start())
            ends.append(m.end())
            forms.append(form)
            is_lower = raw.islower()
            lower.append(is_lower)
            if is_lower:
                lower_forms.add(form)
        return cls(starts, ends, forms, lower, lower_forms)


class Scanner:
    """Identifiers compiled once, to scan any number of texts (each version of a report)."""

    def __init__(self, identifiers: Iterable[Identifier]):
        self.sequences: list[_Sequence] = []
        self.dates: dict[tuple[int, int], list[tuple[date, Identifier]]] = defaultdict(list)
        self.postcodes: dict[str, list[Identifier]] = defaultdict(list)
        self.references: dict[str, list[Identifier]] = defaultdict(list)
        for identifier in dict.fromkeys(identifiers):
            self._compile(identifier)
        self.first: dict[str, list[_Sequence]] = defaultdict(list)
        for sequence in self.sequences:
            for form in sequence.slots[0]:
                self.first[form].append(sequence)
        self.fuzzy_forms = sorted(
            {form for s in self.sequences for slot in s.slots for form in slot} - everyday_words()
        )
        self.fuzzy_forms = [f for f in self.fuzzy_forms if len(f) >= FUZZY_FROM]

    # compiling ---------------------------------------------------------------------------

    def _compile(self, identifier: Identifier) -> None:
        kind, value = identifier.kind, identifier.value.strip()
        if not value:
            return
        if kind in ("name", "alias"):
            for reading in _readings(_words(value)):
                self._add_sequence(identifier, [(w,) for w in reading])
        elif kind == "school":
            self._compile_school(identifier, value)
        elif kind == "address":
            self._compile_address(identifier, value)
        elif kind == "date_of_birth":
            held = date.fromisoformat(value)  # as held: 2011-04-03
            self.dates[(held.day, held.month)].append((held, identifier))
        elif kind == "postcode":
            self.postcodes[re.sub(r"\s+", "", value).upper()].append(identifier)
        elif kind == "identifier":
            key = _reference_key(value)
            if len(key) >= MIN_REFERENCE:
                self.references[key].append(identifier)

    def _add_sequence(
        self, identifier, slots, house_number=None, is_street=False, tail=(), owns_s=False
    ):
        if not slots:
            return
        words = everyday_words()
        self.sequences.append(
            _Sequence(
                identifier=identifier,
                slots=tuple(frozenset(s) for s in slots),
                primary=tuple(s[0] for s in slots),
                everyday=all(s[0] in words for s in slots),
                house_number=house_number,
                is_street=is_street,
                tail=frozenset(tail),
                owns_s=owns_s,
            )
        )

    def _compile_school(self, identifier, value):
        """A school by the words that tell it apart: "St Mary's C of E Primary" is "St Mary"."""
        for reading in _readings(_words(value)):
            core = [w for w in reading if w not in _GENERIC_SCHOOL_WORDS]
            slots = [_SAINT if w in _SAINT else (w,) for w in core or reading]
            tail = set(reading) - set(core) if core else ()
            owns_s = bool(re.search(r"['’]s\b", value))
            self._add_sequence(identifier, slots, tail=tail, owns_s=owns_s)

    def _compile_address(self, identifier, value):
        """An address by its house number and street, fuzzy on the street's name."""
        m = re.search(r"(?:^|[\s,])(\d+[a-z]?)\s*,?\s+([^\d,]*[^\W\d_][^\d,]*)", value, re.I)
        if m:
            number, parts = m.group(1).lower(), [m.group(2)]
        else:  # "Rose Cottage, Mill Lane": each part that is more than one word
            number, parts = None, value.split(",")
        for part in parts:
            for reading in _readings(_words(part)):
                slots = [_street_forms(w) for w in reading]
                if len(slots) > 1 or number:  # a street of one word only with its number
                    self._add_sequence(identifier, slots, house_number=number, is_street=True)

    # scanning ----------------------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Every place ``text`` names one of the identifiers, in order of position."""
        found: list[_Found] = []
        if self.sequences:
            found += self._scan_words(text, _Words.of(text))
        if self.dates:
            found += self._scan_dates(text)
        if self.postcodes:
            found += self._scan_postcodes(text)
        if self.references:
            found += self._scan_references(text)
        return _hits(text, found)

    def _near(self, words: _Words) -> dict[str, frozenset[str]]:
        """For each word of the text that may be a misspelt name: the names it is close to.

        Only words never written in lower case in this text, and not everyday words, are
        candidates: a misspelt name is still a name, with a capital.
        """
        candidates = sorted(f for f in _name_like(words) if len(f) >= FUZZY_FROM - 1)
        if not candidates or not self.fuzzy_forms:
            return {}
        distances = cdist(
            candidates, self.fuzzy_forms, scorer=OSA.distance, score_cutoff=2, workers=1
        )
        near: dict[str, set[str]] = defaultdict(set)
        for i, j in zip(*(distances <= 2).nonzero(), strict=True):
            word, name = candidates[i], self.fuzzy_forms[j]
            allowed = 2 if len(name) >= TWO_FROM else 1
            if 0 < distances[i, j] <= allowed and _same_start(word, name):
                near[word].add(name)
        return {word: frozenset(names) for word, names in near.items()}

    def _scan_words(self, text: str, words: _Words) -> list[_Found]:
        near = self._near(words)
        name_like = _name_like(words)
        starts: dict[str, list[_Sequence]] = {}
        for form in set(words.forms):
            options = list(self.first.get(form, ()))
            options += [s for name in near.get(form, ()) for s in self.first.get(name, ())]
            if form.endswith("s"):
                options += [s for s in self.first.get(form[:-1], ()) if len(s.slots) == 1]
            if options:
                starts[form] = list(dict.fromkeys(options))
        found = []
        for i, form in enumerate(words.forms):
            for sequence in starts.get(form, ()):
                match = _match_sequence(text, words, i, sequence, near, name_like)
                if match:
                    found.append(match)
        return found

    def _scan_dates(self, text: str) -> list[_Found]:
        found = []
        for m, day, month, year, how in _dates_in(text):
            for held, identifier in self.dates.get((day, month), ()):
                if year is None:
                    ok = _near_birth(text, m.start(), m.end())
                elif year < 100:
                    ok = year == held.year % 100
                else:
                    ok = year == held.year
                if ok:
                    if m.group() == held.isoformat():
                        how, quality = "exact", EXACT
                    else:
                        how, quality = how, VARIANT
                    found.append(_Found(m.start(), m.end(), identifier, how, quality))
        return found

    def _scan_postcodes(self, text: str) -> list[_Found]:
        found = []
        for m in _POSTCODE.finditer(text):
            key = (m.group(1) + m.group(2)).upper()
            for identifier in self.postcodes.get(key, ()):
                if m.end(1) == m.start(2):
                    how, quality = "postcode without space", VARIANT
                else:
                    how, quality = "exact", EXACT
                found.append(_Found(m.start(), m.end(), identifier, how, quality))
        return found

    def _scan_references(self, text: str) -> list[_Found]:
        """Reference numbers with or without spaces, hyphens, slashes or dots inside."""
        compact, offsets = _compact(text)
        found = []
        for key, identifiers in self.references.items():
            at = compact.find(key)
            while at >= 0:
                start, end = offsets[at], offsets[at + len(key) - 1] + 1
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not before.isalnum() and not after.isalnum():
                    for identifier in identifiers:
                        same = _reference_key(identifier.value, keep=True) == _reference_key(
                            text[start:end], keep=True
                        )
                        how, quality = ("exact", EXACT) if same else ("different spacing", VARIANT)
                        found.append(_Found(start, end, identifier, how, quality))
                at = compact.find(key, at + 1)
        return found


# Matching words ---------------------------------------------------------------------------------

_GAP = re.compile(r"[ \t\u00a0\-'’.]*\n?[ \t\u00a0\-'’.]*")
_POSSESSIVE = re.compile(r"['’]s(?![^\W\d_])")


def _same_start(word: str, name: str) -> bool:
    """Misspellings keep the first letter (Jaden, Jaydon); C and K stand for each other."""
    return word[0] == name[0] or {word[0], name[0]} == {"c", "k"}


def _street_forms(word: str) -> tuple[str, ...]:
    for forms in _STREET_TYPES:
        if word in forms:
            return forms
    return (word,)


def _name_like(words: _Words) -> set[str]:
    """The words of the text that may be a name not written as held: not an everyday word,
    and never in lower case in this text ("Pages" is not Page's when "pages" is there)."""
    return set(words.forms) - words.lower_forms - everyday_words()


def _match_sequence(text, words: _Words, i, sequence: _Sequence, near, name_like) -> _Found | None:
    """The words of ``sequence`` from word ``i`` of the text (with possessives), or None."""
    quality, possessive, all_lower = EXACT, False, True
    j, end, last_slot = i, None, len(sequence.slots) - 1
    for k, slot in enumerate(sequence.slots):
        if j >= len(words.forms) or (k and not _gap_ok(text, end, words.starts[j], j, words)):
            return None
        form, last = words.forms[j], k == last_slot
        end = words.ends[j]
        if form in slot:
            if form != sequence.primary[k]:
                quality = max(quality, VARIANT)
        elif last and form.endswith("s") and form[:-1] in slot:
            if text.startswith(("'", "’"), end):  # Jaydens'
                end += 1
            elif form not in name_like:
                return None  # "Pages" is not Page's
            possessive = True  # Jaydens
        elif slot & near.get(form, frozenset()):
            quality = FUZZY
        else:
            return None
        all_lower = all_lower and words.lower[j]
        j += 1
        if _POSSESSIVE.match(text, end):  # Jayden's, and St Mary's inside a school's name
            end += 2
            j += 1
            possessive = possessive or last
        elif (
            last
            and form in slot
            and form.endswith("s")
            and text.startswith(("'", "’"), end)
            and not text[end + 1 : end + 2].isalpha()
        ):  # James'
            end += 1
            possessive = True
    if sequence.everyday and all_lower:
        return None
    while sequence.tail and j < len(words.forms) and words.forms[j] in sequence.tail:
        if not _gap_ok(text, end, words.starts[j], j, words):
            break
        end, j = words.ends[j], j + 1  # "Brackenfold Academy", "St Aldric's Primary School"
    start = words.starts[i]
    if (
        len(sequence.slots) == 1
        and sequence.primary[0] in MONTHS
        and _by_a_number(text, start, end)
    ):
        return None  # "April 2011", "3 May": the month, not a child called April or May
    how = {EXACT: "exact", VARIANT: "other form", FUZZY: "misspelling"}[quality]
    if sequence.is_street:
        found = _house_number(text, start, sequence, how, quality)
        if found is None:
            return None
        start, how, quality = found
    if possessive and not sequence.owns_s:
        how = "possessive" if how == "exact" else f"{how}, possessive"
        quality = max(quality, VARIANT)
    return _Found(start, end, sequence.identifier, how, quality)


def _gap_ok(text: str, end: int, start: int, j: int, words: _Words) -> bool:
    """Between two words of a name: spaces, a hyphen, an apostrophe, one line break; a full
    stop only after a short word ("St. Mary's"), not at the end of a sentence."""
    if not 0 < start - end <= 6 or _GAP.fullmatch(text, end, start) is None:
        return False
    return "." not in text[end:start] or words.ends[j - 1] - words.starts[j - 1] <= 3


def _by_a_number(text: str, start: int, end: int) -> bool:
    return bool(
        re.search(r"\d(?:st|nd|rd|th)?(?:\s+of)?\s*$", text[max(0, start - 12) : start])
        or re.match(r"[\s,.]*\d", text[end : end + 4])
    )


def _house_number(text, start, sequence, how, quality):
    """With the house number held before it, an address; without, the street alone (unless
    the street is one word, too loose alone: "Broadway")."""
    window = max(0, start - 12)
    m = re.search(r"(?<![\w/])(\d+[A-Za-z]?)[\s,]*$", text[window:start])
    if m and sequence.house_number and m.group(1).lower() == sequence.house_number:
        return window + m.start(1), how, quality
    if len(sequence.slots) == 1:
        return None
    return start, f"street without house number ({how})", max(quality, VARIANT)


# Dates ---------------------------------------------------------------------------------------

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_NOT_BEFORE = r"(?<![\w/.\-])"
_NOT_AFTER = r"(?![\w/\-]|\.\d)"
_DATE_PATTERNS = (
    # 3rd April 2011, 3 Apr 2011, 3rd of April, 2011
    (re.compile(rf"{_NOT_BEFORE}{_DAY}\s*(?:of\s+)?{_MONTH}\.?(?![a-z]),?\s+{_YEAR}", re.I), True),
    # April 3, 2011; April 3rd 2011; Sunday, April 3rd, 2011
    (re.compile(rf"\b{_MONTH}\.?\s+{_DAY}(?![\d:]),?\s+{_YEAR}", re.I), True),
    # 03/04/11, 3/4/2011, 03.04.2011, 03-04-2011 (day first, as in the UK)
    (
        re.compile(
            rf"{_NOT_BEFORE}(?P<day>[0-3]?\d)(?P<sep>[/.\-])(?P<month>[01]?\d)(?P=sep)"
            rf"(?P<year>\d{{4}}|\d{{2}}){_NOT_AFTER}"
        ),
        False,
    ),
    # 2011-04-03, 2011/04/03
    (
        re.compile(
            rf"{_NOT_BEFORE}(?P<year>(?:19|20)\d{{2}})(?P<sep>[\-/.])(?P<month>[01]?\d)(?P=sep)"
            rf"(?P<day>[0-3]?\d){_NOT_AFTER}"
        ),
        False,
    ),
)
# A day and month alone: 3rd April, 3 April, April 3rd (counted only near "born"/"birthday").
_DAY_MONTH = (
    re.compile(rf"{_NOT_BEFORE}{_DAY}\s*(?:of\s+)?{_MONTH}(?![a-z])(?!,?\s+\d)", re.I),
    re.compile(rf"\b{_MONTH}\.?\s+{_DAY}(?![\d:])(?!,?\s+\d)", re.I),
)
_BIRTH = re.compile(r"\b(?:born|birth(?:day|date)?s?|d\.?o\.?b)\b", re.I)


def _dates_in(text: str):
    """Each date written in the text: (match, day, month, year or None, how)."""
    for pattern, named in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = MONTHS[m["mon"].lower()] if named else int(m["month"])
            year = int(m["year"])
            if not named and len(m["year"]) == 2:
                how = "date format (two-digit year)"
            else:
                how = "date format"
            if _valid(int(m["day"]), month, year):
                yield m, int(m["day"]), month, year, how
    for pattern in _DAY_MONTH:
        for m in pattern.finditer(text):
            month = MONTHS[m["mon"].lower()]
            if _valid(int(m["day"]), month, 2000):
                yield m, int(m["day"]), month, None, "day and month (near “born” or “birthday”)"


def _valid(day: int, month: int, year: int) -> bool:
    try:
        date(year if year >= 100 else 2000 + year, month, day)
    except ValueError:
        return False
    return True


def _near_birth(text: str, start: int, end: int) -> bool:
    """Whether the sentence says "born" or "birthday" close by."""
    before = re.split(r"[.!?]\s|\n\s*\n", text[max(0, start - BIRTH_WINDOW) : start])[-1]
    after = re.split(r"[.!?]\s|\n\s*\n", text[end : end + BIRTH_WINDOW])[0]
    return bool(_BIRTH.search(before) or _BIRTH.search(after))


# Postcodes and reference numbers ----------------------------------------------------------------

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)[ \t\u00a0]*(\d[A-Za-z]{2})(?![A-Za-z0-9])"
)
_SEPARATORS = re.compile(r"[\s\-/.]+")


def _reference_key(value: str, keep: bool = False) -> str:
    """A reference number as compared: upper case, without spaces, hyphens, slashes or dots
    (with ``keep``, as written but for case and runs of spaces)."""
    if keep:
        return re.sub(r"\s+", " ", value.strip().upper())
    return _SEPARATORS.sub("", value).upper()


def _compact(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits with the separators between them dropped, and the offset
    in the text of each character kept. Anything else between them becomes a "|"."""
    chars, offsets = [], []
    last_end = None
    for m in re.finditer(r"[A-Za-z0-9]+", text):
        if last_end is not None and not _SEPARATORS.fullmatch(text, last_end, m.start()):
            chars.append("|")
            offsets.append(last_end)
        chars.append(m.group().upper())
        offsets.extend(range(m.start(), m.end()))
        last_end = m.end()
    return "".join(chars), offsets


# Results ------------------------------------------------------------------------------------------


def _hits(text: str, found: list[_Found]) -> list[Hit]:
    """One hit per span, the most specific identifier kept (others of equal quality as
    ``also``), and no hit inside another."""
    by_span: dict[tuple[int, int], list[_Found]] = defaultdict(list)
    for f in found:
        by_span[(f.start, f.end)].append(f)
    newlines = [m.start() for m in re.finditer("\n", text)]
    hits, reach = [], -1
    for (start, end), candidates in sorted(by_span.items(), key=lambda x: (x[0][0], -x[0][1])):
        if end <= reach:
            continue  # inside a longer hit (a first name inside a full name)
        reach = end
        candidates.sort(key=lambda f: (f.quality, _KIND_RANK[f.identifier.kind]))
        best = candidates[0]
        also = tuple(
            dict.fromkeys(
                f.identifier
                for f in candidates[1:]
                if f.quality == best.quality
                and f.identifier.person_label != best.identifier.person_label
            )
        )
        hits.append(
            Hit(
                kind=best.identifier.kind,
                text=text[start:end],
                start=start,
                end=end,
                line=bisect_right(newlines, start - 1) + 1,
                snippet=_snippet(text, start, end),
                identifier=best.identifier,
                how=best.how,
                also=also,
            )
        )
    return hits


def _snippet(text: str, start: int, end: int) -> str:
    left, right = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    snippet = " ".join(text[left:right].split())
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


# Reading a person's record -----------------------------------------------------------------------


def identifiers_for_person(person, *, label: str | None = None) -> list[Identifier]:
    """The identifying details Cairn holds about ``person``: names (full, first, middle,
    family), other names, date of birth, addresses and postcodes (past ones too), school and
    reference numbers. Reads only; to read many people, prefetch ``other_names``,
    ``addresses`` and ``identifiers`` and select ``school``.
    """
    label = label or f"Person {person.pk}"
    found: dict[tuple[str, str], Identifier] = {}

    def add(kind: str, value, description: str) -> None:
        value = " ".join(str(value or "").split())
        if value and (kind, value.lower()) not in found:
            found[(kind, value.lower())] = Identifier(
                kind=kind,
                value=value,
                person_label=label,
                person_id=person.pk,
                description=description,
            )

    _add_name(add, "name", person.given_name, person.family_name, "")
    for other in person.other_names.all():
        kind = "name" if other.kind == NameKind.LEGAL else "alias"
        _add_name(add, kind, other.given_name, other.family_name, other.get_kind_display())
    if person.date_of_birth:
        add("date_of_birth", person.date_of_birth.isoformat(), "date of birth")
    for address in person.addresses.all():
        add("address", address.line1, "address")
        if re.search(r"\d", address.line2) or _has_street_type(address.line2):
            add("address", address.line2, "address")
        add("postcode", address.postcode, "postcode")
    if person.school_id:
        add("school", person.school.name, "school")
    for reference in person.identifiers.all():
        add("identifier", reference.value, reference.get_kind_display())
    return list(found.values())


def _add_name(add, kind: str, given: str, family: str, prefix: str) -> None:
    def described(what: str) -> str:
        return f"{prefix}: {what}" if prefix else what

    given, family = (given or "").strip(), (family or "").strip()
    add(kind, f"{given} {family}", described("full name"))
    for n, part in enumerate(given.split()):
        add(kind, part, described("first name" if n == 0 else "middle name"))
    add(kind, family, described("family name"))
    parts = re.split(r"[\s\-]+", family)
    if len(parts) > 1:
        for part in parts:
            if len(part) >= 3:
                add(kind, part, described("part of family name"))


def _has_street_type(line: str) -> bool:
    return any(fold(w) in forms for w in line.split() for forms in _STREET_TYPES)
