"""Function words of the languages Newsdesk reads, one list per language.

A stopword carries no meaning of its own for matching: articles,
prepositions, pronouns, auxiliaries, conjunctions, and the reporting verbs
and connectives every news sentence has ("said", "according", "however").
``NEWS_WORDS`` are words of the calendar and of reporting that say nothing
about which event a text reports ("Monday", "year", "report"): grouping
leaves them out too, alignment keeps them (a passage "on Monday" matches one
"on Monday" better than one "on Friday").

Lists are editable: add a word where it belongs, in its language.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, split at whitespace."""
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        """a about above after again against ago all almost also although am among an and
        another any are around as at be became because been before being below between both
        but by can could did do does doing done down during each either else even ever every
        few for from further had has have having he her here hers herself him himself his how
        however i if in into is it its itself just like may me meanwhile might more moreover
        most much must my myself neither no nor not now of off often on once only or other
        others our ours ourselves out over own per perhaps rather same shall she should since so
        some still such than that the their theirs them themselves then there therefore these
        they this those though through thus to too toward towards under until up upon very
        via was we were what when where whether which while who whom whose why will with
        within without would yet you your yours yourself yourselves furthermore additionally
        currently instead already said says say saying told according s t"""
    ),
    "es": word_set(
        """a al algo algunas algunos ante antes aquel aquella aquellos aqui así aún bajo bien
        cada casi como con contra cual cuales cuando cuyo de del desde donde dos durante e el
        él ella ellas ellos en entre era eran es esa esas ese eso esos esta está están estas
        este esto estos fue fueron ha había han hasta hay la las le les lo los más me mi mientras
        muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque que qué
        quien se según ser si sí sido sin sino sobre son su sus también tan tanto te tiene
        tienen todo todos tras tu un una unas uno unos y ya yo dijo dice afirmó aseguró
        explicó señaló indicó"""
    ),
    "fr": word_set(
        """à a afin ainsi alors après au aucun aussi autre autres aux avait avant avec avoir
        c ça car ce ceci cela celle celles celui ces cet cette chez comme comment d dans de des
        deux donc dont du elle elles en encore entre est et été être eu eux fait il ils j je
        jusqu l la le les leur leurs lors lui m ma mais me même mes moi mon n ne ni nos notre
        nous on ont ou où par parmi pas peu plus pour pourquoi qu quand que quel quelle qui s sa
        sans se selon ses si son sont sous sur ta te tous tout toute toutes très tu un une vers
        vos votre vous y déclaré dit affirmé indiqué selon"""
    ),
    "de": word_set(
        """aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bisher
        da dabei damit dann das dass dem den denen der deren des dessen die dies diese diesem
        diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa für
        gegen hat hatte hatten ich ihm ihn ihr ihre im in ist ja jedoch jetzt kann kein keine
        man mehr mit muss nach nicht noch nun nur ob oder ohne schon sei seien sein seine seit
        sich sie sind so soll sollen sowie über um und uns unter vom von vor war waren
        was weil wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwischen
        sagte sagten erklärte laut"""
    ),
    "it": word_set(
        """a ad agli ai al alla alle allo anche ancora c che chi ci come con contro cui da dal
        dalla dalle degli dei del della delle dello di dopo dove e è ed era erano essere gli ha
        hanno i il in io la le lei lo loro lui ma mentre mi molto ne negli nei nel nella nelle
        no noi non nostro o ogni per perché però più poi quale quando quella quelle quelli
        quello questa queste questi questo se secondo sono stata stati stato su sua sue sui
        sul sulla suo suoi tra tutti tutto un una uno fra già detto dichiarato"""
    ),
    "pt": word_set(
        """a à ao aos as às até com como da das de dela dele deles depois do dos e é ela elas
        ele eles em entre era essa esse esta está estão este eu foi foram há isso isto já lhe
        mais mas me mesmo muito na nas nem no nos o os ou para pela pelas pelo pelos por porque
        quando que quem se sem ser seu seus sua suas também tem têm um uma umas uns disse
        afirmou segundo"""
    ),
    "ru": word_set(
        """и в во на не что с со по как это из о об к за от но а же то бы он она оно они мы вы
        я ты его ее её их у для до при уже так также был была были было будет есть или если
        чтобы который которая которые который сказал заявил сообщил"""
    ),
}

# Spelled like a function word of one language and like a content word of
# another ("war" is German "was"; "son", "car", "era", "come" too): when the
# language is unknown, such a word carries meaning.
HOMOGRAPHS = word_set("war die son car sea era come dove fast hat bald art gift fin sin man")

# "us" is here rather than among the function words: once case is lost it is
# also "US", a country that matching must not ignore.
NEWS_WORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        """day days week weeks month months year years time monday tuesday wednesday thursday
        friday saturday sunday last later least less made make many near new next one see seen
        report reports reported wrote added mr mrs ms dr us"""
    ),
}

_ANY = frozenset().union(*STOPWORDS.values()) - HOMOGRAPHS
_ANY_NEWS = _ANY | frozenset().union(*NEWS_WORDS.values())


def is_stopword(word: str, lang: str | None = None, *, news: bool = False) -> bool:
    """Whether ``word`` (any case) is a function word of ``lang``, or of any
    language we read when ``lang`` is None. ``news``: count the calendar and
    reporting words of ``NEWS_WORDS`` as stopwords too."""
    word = word.casefold()
    if lang is None:
        return word in (_ANY_NEWS if news else _ANY)
    base = lang.split("-")[0].casefold()
    if word in STOPWORDS.get(base, frozenset()):
        return True
    return news and word in NEWS_WORDS.get(base, frozenset())


def stopword_set(lang: str | None = None, *, news: bool = False) -> frozenset[str]:
    """The set ``is_stopword`` consults, for callers that test many words."""
    if lang is None:
        return _ANY_NEWS if news else _ANY
    base = lang.split("-")[0].casefold()
    found = STOPWORDS.get(base, frozenset())
    return found | NEWS_WORDS.get(base, frozenset()) if news else found


_LETTERS = re.compile(r"[^\W\d_]+")


def likely_language(text: str, *, min_hits: int = 2) -> str | None:
    """The language whose function words ``text`` uses most, when one clearly
    leads (None for text too short or too mixed to tell). A cheap guess for
    reading conventions such as the decimal comma, not language detection."""
    hits = dict.fromkeys(STOPWORDS, 0)
    for word in _LETTERS.findall(text.casefold()):
        for lang in _LANGUAGES_OF.get(word, ()):
            hits[lang] += 1
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    (best, first), (_, second) = ranked[0], ranked[1]
    return best if first >= min_hits and first > second else None


_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
