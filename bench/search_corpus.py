"""A deterministic synthetic corpus for the search benchmarks: lessons (and the units some of
them belong to) from several municipalities, in Finnish, Swedish, English and a few others.

Words come from small built-in lists per language, inflected and compounded, drawn with a
Zipf-like distribution so that a few words are everywhere and most are rare, as in real text.
Rows go straight into the tables with SQLAlchemy Core, each revision rendered by the
application's own renderer (search reads the rendered text); the index is then built by the
application's own code.
"""

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, update

from app.documents.models import Collaborator, Document, Revision
from app.documents.services import Content, render_content
from app.extensions import db
from app.markdown import RENDERER_VERSION
from app.network.models import Municipality, School, Teacher

SEED = 20240917
#: (language, share of documents, base words, function words, suffixes, compounds?)
LANGUAGES = {
    "fi": (
        0.42,
        "koulu opettaja opiskelija tunti tehtävä ryhmä kirja sana lause tarina kuva taulukko "
        "kartta luonto metsä ilma energia sähkö hygienia ruoka keittiö resepti mittari laskin "
        "yhtälö kuvio kolmio ympyrä historia yhteiskunta talous palvelu työpaikka projekti "
        "musiikki laulu soitin liikunta pallo peli ohjelma tietokone salasana verkko viesti "
        "raportti arviointi palaute tavoite menetelmä materiaali kokeilu havainto kasvi eläin "
        "lintu kala joki järvi saari kaupunki kunta raja naapuri ystävä perhe uni liike puu "
        "kesä syksy käsihuuhde pinta suoja kosteus turva asiakas hoitaja potilas",
        "ja on ei se että kun myös tai niin kanssa jossa sekä",
        ("", "", "", "n", "a", "ssa", "sta", "lla", "lle", "t", "ksi", "na", "ja", "ihin"),
        True,
    ),
    "sv": (
        0.30,
        "skola lärare elev lektion uppgift grupp bok språk ord mening berättelse bild tabell "
        "karta natur skog vatten luft energi säkerhet hygien mat kök recept mätare ekvation "
        "figur triangel cirkel historia samhälle ekonomi företag kund tjänst arbetsplats övning "
        "projekt presentation musik sång instrument idrott boll spel program dator lösenord "
        "nätverk meddelande rapport bedömning återkoppling mål metod material försök "
        "observation resultat växt djur fågel fisk älv sjö stad kommun gräns granne vän familj "
        "hälsa sömn rörelse byggnad fukt trä snö vinter sommar höst handsprit patient",
        "och är att som det en ett på i med för av till",
        ("", "", "", "en", "et", "er", "ar", "erna", "arna", "s", "ens", "na"),
        True,
    ),
    "en": (
        0.15,
        "school teacher student lesson task group book language word sentence story picture "
        "table map nature forest water air energy electricity safety hygiene food kitchen "
        "recipe meter equation shape triangle circle history society economy company customer "
        "service workplace exercise project presentation music song instrument sport ball game "
        "program computer password network message report assessment feedback goal method "
        "material experiment observation result plant animal bird fish river lake island city "
        "municipality border neighbour friend family health sleep movement building moisture "
        "wood snow winter summer autumn wash measure compare discuss explain describe plan",
        "the and of to in a is with for on that they",
        ("", "", "", "s", "ing", "ed", "er"),
        False,
    ),
    "de": (
        0.03,
        "schule lehrer schüler stunde aufgabe gruppe buch sprache wort wasser energie "
        "sicherheit hygiene küche rezept geschichte gesellschaft musik spiel rechner",
        "und der die das mit in ist zu",
        ("", "", "n", "en", "e", "s", "es"),
        True,
    ),
    "no": (
        0.04,
        "skole lærer elev time oppgave gruppe bok språk ord vann energi sikkerhet hygiene "
        "kjøkken oppskrift historie samfunn musikk spill datamaskin",
        "og er å som det på i med",
        ("", "", "en", "et", "er", "ene"),
        True,
    ),
    "et": (
        0.03,
        "kool õpetaja õpilane tund ülesanne rühm raamat keel sõna vesi energia ohutus "
        "hügieen köök retsept ajalugu ühiskond muusika mäng arvuti",
        "ja on ei et see ka",
        ("", "", "s", "st", "le", "ga", "d"),
        False,
    ),
    "se": (
        0.03,
        "skuvla oahpaheaddji oahppi diibmu bargu joavku girji giella sátni čáhci energiija "
        "biebmu historjá servodat musihkka speallu dihtor luondu meahcci guolli",
        "ja lea ii go dat",
        ("", "", "s", "st", "in", "t"),
        False,
    ),
}
SUBJECTS = [
    "mathematics",
    "finnish",
    "swedish",
    "english",
    "biology",
    "geography",
    "environmental-studies",
    "physics",
    "chemistry",
    "history",
    "social-studies",
    "music",
    "crafts",
    "physical-education",
    "home-economics",
    "health-education",
    "computing",
    "catering",
    "electrical",
    "business",
    "construction",
    "health-care",
    "ict",
]
GRADES = [
    "pre-primary",
    "grade-1",
    "grade-2",
    "grade-3",
    "grade-4",
    "grade-5",
    "grade-6",
    "grade-7",
    "grade-8",
    "grade-9",
    "upper-secondary-1",
    "upper-secondary-2",
    "upper-secondary-3",
    "vocational-1",
    "vocational-2",
    "vocational-3",
    "adult",
]
DURATIONS = (30, 45, 45, 45, 60, 75, 90, 90, 90, 120, 180)
LICENCES = ("CC-BY-4.0", "CC-BY-4.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0")
#: (visibility, status, weight): mostly shared and published, some private or unfinished.
ACCESS = (
    ("public", "published", 50),
    ("network", "published", 30),
    ("network", "archived", 4),
    ("private", "draft", 8),
    ("private", "published", 4),
    ("network", "in_review", 4),
)
MUNICIPALITIES = (
    ("tornio", "Tornio", "FI", "fi"),
    ("haparanda", "Haparanda", "SE", "sv"),
    ("kemi", "Kemi", "FI", "fi"),
    ("kalix", "Kalix", "SE", "sv"),
    ("rovaniemi", "Rovaniemi", "FI", "fi"),
    ("lulea", "Luleå", "SE", "sv"),
    ("oulu", "Oulu", "FI", "fi"),
    ("pajala", "Pajala", "SE", "sv"),
    ("ylitornio", "Ylitornio", "FI", "fi"),
    ("overtornea", "Övertorneå", "SE", "sv"),
    ("kautokeino", "Kautokeino", "NO", "se"),
    ("tartu", "Tartu", "EE", "et"),
)
#: Share of lessons that belong to a unit, and lessons per unit.
IN_UNITS, PER_UNIT = 0.3, 5
START = datetime(2022, 8, 1, tzinfo=UTC)


class Vocabulary:
    """One language's words: inflected forms of base words and of two-word compounds."""

    def __init__(self, rng: random.Random, language: str):
        _, base, function, suffixes, compounds = LANGUAGES[language]
        stems = base.split()
        if compounds:
            stems += [a + b for a, b in (rng.sample(stems, 2) for _ in range(len(stems) * 4))]
        rng.shuffle(stems)
        self.stems = stems
        self.function = function.split()
        self.suffixes = suffixes
        # Zipf: the n-th stem is drawn in proportion to 1/n.
        self.weights = [1 / (rank + 1) for rank in range(len(stems))]

    def words(self, rng: random.Random, count: int) -> list[str]:
        stems = rng.choices(self.stems, self.weights, k=count)
        out = []
        for stem in stems:
            if rng.random() < 0.3:
                out.append(rng.choice(self.function))
            out.append(stem + rng.choice(self.suffixes))
        return out


@dataclass
class Corpus:
    """What the benchmark needs to know about the generated rows."""

    lessons: int
    documents: int
    reader_id: int
    vocabularies: dict[str, Vocabulary]


def sentence(rng: random.Random, vocabulary: Vocabulary, low: int = 6, high: int = 14) -> str:
    words = vocabulary.words(rng, rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng, vocabulary, sentences: int) -> str:
    return " ".join(sentence(rng, vocabulary) for _ in range(sentences))


def bullets(rng, vocabulary, count: int) -> str:
    return "\n".join(f"- {sentence(rng, vocabulary, 4, 9)}" for _ in range(count))


def lesson_body(rng, vocabulary) -> str:
    """Phases with a heading, a paragraph or two and sometimes a list: ~250-600 words."""
    parts = []
    for phase in range(rng.randint(3, 5)):
        title = " ".join(vocabulary.words(rng, 2)).capitalize()
        parts.append(f"## {phase + 1}. {title} ({rng.choice((5, 10, 15, 20, 30))} min)")
        parts.append(paragraph(rng, vocabulary, rng.randint(3, 6)))
        if rng.random() < 0.4:
            parts.append(bullets(rng, vocabulary, rng.randint(2, 4)))
    return "\n\n".join(parts)


def title(rng, vocabulary) -> str:
    return " ".join(vocabulary.words(rng, rng.randint(2, 4))).capitalize()


def common_fields(rng, vocabulary, language) -> dict:
    first = rng.randrange(len(GRADES) - 1)
    return {
        "summary": sentence(rng, vocabulary, 10, 20),
        "language": language,
        "subjects": sorted(set(rng.sample(SUBJECTS, rng.choice((1, 1, 2))))),
        "grades": GRADES[first : first + rng.choice((1, 1, 2))],
        "licence": rng.choice(LICENCES),
    }


def lesson_fields(rng, vocabulary, language) -> dict:
    return {
        **common_fields(rng, vocabulary, language),
        "duration": rng.choice(DURATIONS),
        "objectives": bullets(rng, vocabulary, rng.randint(2, 4)),
        "materials": bullets(rng, vocabulary, rng.randint(2, 5)),
        "assessment": paragraph(rng, vocabulary, 2),
        "support": bullets(rng, vocabulary, 2) if rng.random() < 0.5 else "",
    }


def unit_fields(rng, vocabulary, language) -> dict:
    return {
        **common_fields(rng, vocabulary, language),
        "big_idea": paragraph(rng, vocabulary, 2),
        "essential_questions": bullets(rng, vocabulary, 3),
    }


def make_network(rng: random.Random, teachers: int) -> list[tuple[int, str]]:
    """Municipalities, two schools each, ``teachers`` teachers; returns (id, language) each."""
    session = db.session
    session.execute(
        insert(Municipality),
        [
            {"slug": s, "name": n, "country": c, "languages": [lang]}
            for s, n, c, lang in MUNICIPALITIES
        ],
    )
    session.execute(
        insert(School),
        [
            {"slug": f"{s}-{k}", "name": f"{n} school {k}", "municipality_id": m + 1}
            for m, (s, n, _, _) in enumerate(MUNICIPALITIES)
            for k in (1, 2)
        ],
    )
    rows, people = [], []
    for number in range(1, teachers + 1):
        school = rng.randrange(len(MUNICIPALITIES) * 2)
        language = MUNICIPALITIES[school // 2][3]
        rows.append(
            {
                "name": f"Teacher {number}",
                "email": f"teacher{number}@bench.example",
                "password_hash": "-",
                "school_id": school + 1,
                "languages": [language],
            }
        )
        people.append((number, language))
    session.execute(insert(Teacher), rows)
    return people


def pick_language(rng: random.Random, teacher_language: str) -> str:
    if rng.random() < 0.6 and teacher_language in LANGUAGES:
        return teacher_language
    codes = list(LANGUAGES)
    return rng.choices(codes, [LANGUAGES[c][0] for c in codes])[0]


def generate(lessons: int, *, seed: int = SEED, chunk: int = 2000) -> Corpus:
    """Insert ``lessons`` lessons (30 % of them in units of five) and their units."""
    rng = random.Random(seed)  # noqa: S311 (seeded: the same corpus every run)
    vocabularies = {code: Vocabulary(rng, code) for code in LANGUAGES}
    people = make_network(rng, max(50, lessons // 25))
    reader_id = 1
    units = int(lessons * IN_UNITS) // PER_UNIT
    plan = []  # (kind, unit index or None); each unit is followed by its lessons
    for _ in range(units):
        plan.append(("unit", None))
        plan += [("lesson", len(plan) - 1)] * PER_UNIT
    plan += [("lesson", None)] * (lessons - units * PER_UNIT)
    rows = Rows()
    roots: dict[int, tuple] = {}
    for number, (kind, unit) in enumerate(plan):
        document_id = number + 1
        if unit is None:
            owner, owner_language = rng.choice(people)
            language = pick_language(rng, owner_language)
            visibility, status = rng.choices(
                [(v, s) for v, s, _ in ACCESS], [w for _, _, w in ACCESS]
            )[0]
            # Some private work is the reader's own or shared with them.
            editors = rng.sample(people, rng.choice((0, 0, 0, 1, 2)))
            if visibility == "private" and rng.random() < 0.05:
                editors.append((reader_id, "fi"))
            roots[document_id] = (owner, language, visibility, status)
            rows.add(rng, vocabularies, document_id, kind, None, owner, language, editors)
            rows.documents[-1].update(visibility=visibility, status=status)
        else:
            owner, language, _, _ = roots[unit + 1]
            rows.add(rng, vocabularies, document_id, kind, unit + 1, owner, language, [])
        if len(rows.documents) >= chunk:
            rows.flush()
    rows.flush()
    db.session.execute(update(Document).values(current_revision_id=Document.id))
    db.session.commit()
    return Corpus(lessons, len(plan), reader_id, vocabularies)


class Rows:
    """Documents, revisions and collaborators waiting to be inserted."""

    def __init__(self):
        self.documents, self.revisions, self.collaborators = [], [], []

    def add(self, rng, vocabularies, document_id, kind, unit_id, owner, language, editors):
        vocabulary = vocabularies[language]
        when = START + timedelta(seconds=rng.randrange(3 * 365 * 86400))
        make_fields = lesson_fields if kind == "lesson" else unit_fields
        fields = make_fields(rng, vocabulary, language)
        body = lesson_body(rng, vocabulary) if kind == "lesson" else paragraph(rng, vocabulary, 4)
        revision_title = title(rng, vocabulary)
        self.documents.append(
            {
                "id": document_id,
                "kind": kind,
                "unit_id": unit_id,
                "created_by_id": owner,
                "created_at": when,
                "updated_at": when,
                "visibility": "private",
                "status": "draft",
            }
        )
        self.revisions.append(
            {
                "id": document_id,
                "document_id": document_id,
                "author_id": owner,
                "created_at": when,
                "source": "create",
                "title": revision_title,
                "fields": fields,
                "body": body,
                "rendered": render_content(kind, Content(revision_title, fields, body)),
                "rendered_by": RENDERER_VERSION,
                "sha256": hashlib.sha256(body.encode()).hexdigest(),
                "size": len(body),
            }
        )
        if unit_id is None:
            team = {owner: "owner"} | {t: "editor" for t, _ in editors if t != owner}
            self.collaborators += [
                {"document_id": document_id, "teacher_id": t, "role": role}
                for t, role in team.items()
            ]

    def flush(self) -> None:
        for model, rows in (
            (Document, self.documents),
            (Revision, self.revisions),
            (Collaborator, self.collaborators),
        ):
            if rows:
                db.session.execute(insert(model), rows)
            rows.clear()
