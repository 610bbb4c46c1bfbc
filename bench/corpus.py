"""A labelled corpus for grouping: templated base stories and their versions.

Each *base story* is one report: a theme (a fire, talks, a strike, ...), a
place, actors, figures and quotes, rendered from templates whose wording is
chosen per story. Each story then appears as several *versions* from different
outlets, the label every version carries being its base story:

- ``original``: the wire text;
- ``reprint``: the same text with the outlet's boilerplate, sometimes cut short;
- ``rewrite``: some sentences dropped, the rest reworded, quotes mostly kept,
  paragraphs moved, material of the outlet's own added;
- ``paraphrase``: translation-like: every sentence reworded, names
  transliterated, number formats changed, quotes re-rendered;
- ``partial``: the first paragraphs, then the outlet's own material;
- ``brief``: a headline and two reworded sentences.

*Distractors* are base stories of their own: same theme, same place, same
actors, a different event a few days apart (another fire in the same city, a
later test by the same lab, a warning before the declaration), some reusing a
background paragraph of their sibling word for word, as wire follow-ups do.
Grouping must keep them apart.

Nothing here is copied from real articles; run ``python -m bench.corpus`` to
print a sample."""

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# --- vocabulary -------------------------------------------------------------


def _wordlist(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _wordlist(
    "Anna Marta Elena Sofia Irene Clara Nadia Lena Teresa Ines Olga Petra Rosa Vera Helga "
    "Mirela Daria Ilse Yara Greta Thomas Pavel Jonas Marek Viktor Andrei Luca Tomas Emil Karl "
    "Stefan Oskar Felix Hugo Milan Anton Ivan Lars Nils Rafael Diego Samuel Jakub Bruno Arne"
)
_SYLLABLES = _wordlist(
    "ka ro ven dal mir to sa bel gor nik ash ter vol lin dor pra sel tam ru hal ost ber kan "
    "lev mar nor pol sk ul ves zar bra cor dre fen gal hel"
)
_PLACE_ENDINGS = ("holm", "grad", "ova", "burg", "mark", "ia", "stad", "ville", "port", "dorf")
_ORDINALS = ("second", "third", "fourth", "fifth")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")

# Words a rewriter or translator swaps; the keys cover the templates' wording.
SYNONYMS = {
    "said": ["stated", "told reporters", "noted"],
    "says": ["states", "notes"],
    "fire": ["blaze", "flames"],
    "blaze": ["fire", "inferno"],
    "huge": ["massive", "large"],
    "fierce": ["intense", "violent"],
    "building": ["structure", "premises"],
    "residents": ["inhabitants", "locals"],
    "people": ["persons", "individuals"],
    "injured": ["wounded", "hurt"],
    "firefighters": ["fire crews", "rescuers"],
    "cause": ["origin", "source"],
    "investigators": ["inspectors", "experts"],
    "damage": ["destruction", "losses"],
    "estimated": ["put", "assessed"],
    "authorities": ["officials", "the administration"],
    "officials": ["authorities", "representatives"],
    "city": ["town", "municipality"],
    "talks": ["negotiations", "discussions"],
    "negotiations": ["talks", "consultations"],
    "agreement": ["deal", "accord"],
    "deal": ["agreement", "arrangement"],
    "ministers": ["officials", "cabinet members"],
    "government": ["cabinet", "authorities"],
    "country": ["nation", "state"],
    "meeting": ["session", "summit"],
    "warned": ["cautioned", "alerted"],
    "announced": ["declared", "unveiled"],
    "workers": ["employees", "staff"],
    "strike": ["walkout", "industrial action"],
    "union": ["labour union", "trade union"],
    "wages": ["pay", "salaries"],
    "pay": ["wages", "salaries"],
    "demand": ["call for", "insist on"],
    "court": ["tribunal", "judges"],
    "ruling": ["decision", "verdict"],
    "judge": ["magistrate", "presiding judge"],
    "ordered": ["instructed", "required"],
    "fined": ["penalised", "ordered to pay"],
    "appeal": ["challenge", "contest"],
    "storm": ["tempest", "severe weather"],
    "flooding": ["floods", "inundation"],
    "homes": ["houses", "households"],
    "power": ["electricity", "energy"],
    "rain": ["rainfall", "downpours"],
    "roads": ["streets", "highways"],
    "company": ["firm", "group"],
    "profit": ["earnings", "income"],
    "shares": ["stock", "share price"],
    "jobs": ["positions", "posts"],
    "investors": ["shareholders", "markets"],
    "quarter": ["three months", "period"],
    "laboratory": ["lab", "testing centre"],
    "samples": ["specimens", "test samples"],
    "cases": ["infections", "patients"],
    "outbreak": ["spread", "cluster"],
    "health": ["medical", "public health"],
    "detected": ["found", "identified"],
    "vote": ["ballot", "poll"],
    "election": ["vote", "poll"],
    "candidate": ["contender", "nominee"],
    "turnout": ["participation", "voter turnout"],
    "seats": ["mandates", "places"],
    "major": ["significant", "big"],
    "new": ["fresh", "latest"],
    "several": ["a number of", "multiple"],
    "about": ["around", "roughly"],
    "more": ["further", "additional"],
    "however": ["yet", "still"],
    "because": ["as", "since"],
    "before": ["prior to", "ahead of"],
    "after": ["following", "once"],
    "while": ["whereas", "as"],
    "also": ["too", "additionally"],
    "expected": ["likely", "set"],
    "plans": ["intends", "aims"],
    "week": ["seven days", "week's time"],
    "help": ["aid", "support"],
    "support": ["backing", "help"],
    "public": ["general public", "population"],
    "criticised": ["condemned", "faulted"],
    "concerns": ["worries", "fears"],
    "crisis": ["emergency", "turmoil"],
    "plan": ["proposal", "scheme"],
    "statement": ["communique", "release"],
    "spokesperson": ["representative", "press officer"],
    "increase": ["rise", "growth"],
    "rose": ["climbed", "increased"],
    "fell": ["dropped", "declined"],
    "record": ["unprecedented", "historic"],
    "local": ["regional", "municipal"],
    "national": ["state", "federal"],
    "security": ["safety", "protection"],
    "decision": ["move", "step"],
    "region": ["area", "province"],
    "evacuated": ["moved out", "cleared"],
    "emergency": ["crisis", "urgent"],
    "hospital": ["clinic", "medical centre"],
    "repair": ["restore", "fix"],
    "inquiry": ["investigation", "probe"],
    "continue": ["go on", "keep going"],
    "stop": ["halt", "end"],
    "justice": ["vindication", "accountability"],
    "family": ["household", "relative"],
    "affected": ["harmed", "concerned"],
    "message": ["signal", "warning"],
    "lawyer": ["attorney", "counsel"],
    "claimants": ["plaintiffs", "complainants"],
    "brought": ["filed", "lodged"],
    "largest": ["biggest", "heaviest"],
    "penalty": ["fine", "sanction"],
    "penalties": ["fines", "sanctions"],
    "confident": ["sure", "certain"],
    "winning": ["prevailing", "success"],
    "evidence": ["facts", "proof"],
    "ignores": ["disregards", "overlooks"],
    "surveillance": ["monitoring", "tracking"],
    "designed": ["intended", "planned"],
    "warning": ["alert", "alarm"],
    "caught": ["spotted", "stopped"],
    "panic": ["alarm", "fear"],
    "vigilant": ["careful", "alert"],
    "risk": ["danger", "threat"],
    "seriously": ["gravely", "earnestly"],
    "tracing": ["tracking", "follow-up"],
    "expanded": ["widened", "extended"],
    "everything": ["all we had", "it all"],
    "minutes": ["moments", "instants"],
    "smoke": ["fumes", "haze"],
    "neighbours": ["people next door", "neighbors"],
    "children": ["kids", "little ones"],
    "alarms": ["sirens", "smoke detectors"],
    "crews": ["teams", "units"],
    "enormous": ["huge", "great"],
    "risks": ["chances", "dangers"],
    "spreading": ["widening", "reaching further"],
    "rebuild": ["reconstruct", "restore"],
    "generations": ["many families", "decades of residents"],
    "faith": ["trust", "sincerity"],
    "serious": ["earnest", "committed"],
    "lasting": ["durable", "enduring"],
    "guarantees": ["assurances", "commitments"],
    "borders": ["frontiers", "boundaries"],
    "detention": ["custody", "prison"],
    "progress": ["an advance", "a step forward"],
    "hardest": ["toughest", "most difficult"],
    "members": ["affiliates", "rank and file"],
    "rent": ["housing costs", "bills"],
    "unnecessary": ["pointless", "avoidable"],
    "reconsider": ["think again", "rethink"],
    "afford": ["pay", "manage"],
    "anger": ["frustration", "fury"],
    "bridge": ["crossing", "footbridge"],
    "river": ["stream", "waters"],
    "clean-up": ["recovery", "repairs"],
    "generation": ["lifetime", "decades"],
    "capital": ["government", "centre"],
    "first": ["opening", "initial"],
    "hours": ["hrs", "hours straight"],
    "border": ["frontier", "boundary"],
    "draft": ["proposed", "preliminary"],
    "troops": ["soldiers", "forces"],
    "prisoners": ["detainees", "captives"],
    "delegations": ["envoys", "negotiating teams"],
    "services": ["operations", "routes"],
    "commuters": ["passengers", "travellers"],
    "monitoring": ["tracking", "testing"],
    "strain": ["variant", "type"],
    "resembled": ["matched", "was similar to"],
    "went": ["moved", "got"],
    "service": ["brigade", "department"],
    "came": ["arrived", "emerged"],
    "across": ["throughout", "over"],
    "open": ["start", "launch"],
    "ministry": ["department", "agency"],
    "offer": ["proposal", "bid"],
    "cancelled": ["scrapped", "called off"],
    "hit": ["struck", "reached"],
    "found": ["discovered", "uncovered"],
    "hurt": ["wounded", "injured"],
    "night": ["evening", "late hours"],
    "overnight": ["during the night", "before morning"],
    "suspended": ["halted", "stopped"],
    "reporters": ["journalists", "the press"],
    "opened": ["began", "launched"],
    "killed": ["left dead", "claimed the lives of"],
    "envoys": ["diplomats", "emissaries"],
    "began": ["started", "opened"],
    "gathered": ["assembled", "massed"],
    "remains": ["stays", "is still"],
    "called": ["urged", "summoned"],
    "case": ["lawsuit", "proceedings"],
    "dead": ["killed", "lifeless"],
    "take": ["need", "require"],
    "testing": ["screening", "checks"],
    "tore": ["ripped", "raced"],
    "swept": ["spread", "raced"],
    "late": ["later", "towards the end of"],
    "broke": ["erupted", "flared"],
    "started": ["began", "erupted"],
    "morning": ["forenoon", "early hours"],
    "collapsed": ["fell in", "gave way"],
    "witnesses": ["onlookers", "bystanders"],
    "work": ["labour", "jobs"],
    "condition": ["state", "shape"],
    "evening": ["night", "late afternoon"],
    "shelters": ["refuges", "centres"],
    "took": ["received", "accepted"],
    "lost": ["gave up", "missed"],
    "nobody": ["no one", "not a soul"],
    "renovated": ["refurbished", "restored"],
    "faced": ["confronted", "met"],
    "cutting": ["slashing", "trimming"],
    "resume": ["restart", "reopen"],
    "ahead": ["before", "in advance of"],
    "seeking": ["pursuing", "aiming for"],
    "negotiators": ["mediators", "bargainers"],
    "text": ["document", "wording"],
    "dispute": ["contention", "disagreement"],
    "demanding": ["insisting on", "calling for"],
    "return": ["handover", "restitution"],
    "outside": ["in front of", "beyond"],
    "police": ["officers", "law enforcement"],
    "better": ["improved", "more positive"],
    "sides": ["parties", "camps"],
    "listening": ["paying attention", "hearing each other"],
    "diplomat": ["envoy", "official"],
    "table": ["negotiating table", "talks"],
    "rules": ["regulations", "requirements"],
    "join": ["enter", "sign up to"],
    "floods": ["flooding", "high water"],
    "recorded": ["measured", "logged"],
    "weather": ["meteorological", "forecasting"],
    "water": ["floodwater", "the flood"],
    "allocated": ["earmarked", "budgeted"],
    "confirmed": ["verified", "acknowledged"],
    "clinics": ["surgeries", "health centres"],
    "forcing": ["compelling", "obliging"],
    "prompting": ["triggering", "causing"],
    "evacuation": ["removal", "clearing out"],
    "battled": ["fought", "tackled"],
    "fought": ["battled", "tackled"],
    "flames": ["fire", "blaze"],
    "control": ["check", "command"],
    "contained": ["under control", "controlled"],
    "shortly": ["soon", "not long"],
    "determined": ["established", "identified"],
    "electrical": ["wiring", "electric"],
    "fault": ["defect", "failure"],
    "leak": ["escape", "leakage"],
    "owners": ["proprietors", "landlords"],
    "critical": ["grave", "life-threatening"],
    "traffic": ["vehicles", "road traffic"],
    "remained": ["stayed", "continued to be"],
    "diverted": ["rerouted", "redirected"],
    "nearby": ["neighbouring", "adjacent"],
    "shops": ["stores", "businesses"],
    "temporary": ["makeshift", "provisional"],
    "worked": ["toiled", "laboured"],
    "save": ["protect", "rescue"],
    "houses": ["homes", "buildings"],
    "full": ["thorough", "complete"],
    "place": ["spot", "site"],
    "built": ["constructed", "erected"],
    "criticism": ["censure", "blame"],
    "budget": ["funding", "spending"],
    "proposed": ["planned", "suggested"],
    "aid": ["assistance", "relief"],
    "reconstruction": ["rebuilding", "recovery"],
    "funds": ["money", "financing"],
    "familiar": ["acquainted", "briefed"],
    "withdrawn": ["pulled out", "removed"],
    "signed": ["concluded", "inked"],
    "observers": ["analysts", "watchers"],
    "diplomats": ["envoys", "officials"],
    "expect": ["anticipate", "foresee"],
    "joint": ["shared", "common"],
    "demanded": ["required", "insisted on"],
    "release": ["freeing", "liberation"],
    "final": ["definitive", "last"],
    "protesters": ["demonstrators", "activists"],
    "venue": ["site", "building"],
    "peace": ["calm", "settlement"],
    "previous": ["earlier", "prior"],
    "ended": ["finished", "concluded"],
    "countries": ["nations", "states"],
    "governments": ["administrations", "cabinets"],
    "rejected": ["refused", "dismissed"],
    "starting": ["beginning", "commencing"],
    "failed": ["did not manage", "was unable"],
    "urged": ["pressed", "implored"],
    "passengers": ["travellers", "riders"],
    "endured": ["suffered", "put up with"],
    "delays": ["hold-ups", "disruption"],
    "halted": ["stopped", "suspended"],
    "prices": ["costs", "living costs"],
    "fair": ["reasonable", "balanced"],
    "customers": ["clients", "consumers"],
    "employees": ["staff", "workers"],
    "verdict": ["ruling", "judgment"],
    "required": ["obliged", "ordered"],
    "independent": ["external", "outside"],
    "lawyers": ["attorneys", "counsel"],
    "law": ["rules", "legislation"],
    "regulators": ["watchdogs", "supervisors"],
    "launched": ["opened", "started"],
    "killing": ["leaving dead", "claiming the lives of"],
    "died": ["perished", "lost their lives"],
    "streets": ["roads", "avenues"],
    "winds": ["gusts", "gales"],
    "gusts": ["winds", "squalls"],
    "coast": ["shore", "seaboard"],
    "average": ["norm", "mean"],
    "rescued": ["saved", "evacuated"],
    "flooded": ["submerged", "inundated"],
    "cars": ["vehicles", "automobiles"],
    "trapped": ["stuck", "stranded"],
    "trains": ["rail services", "railway services"],
    "flights": ["air services", "departures"],
    "repairs": ["fixes", "restoration work"],
    "supply": ["provision", "service"],
    "remote": ["isolated", "outlying"],
    "severe": ["serious", "harsh"],
    "scientists": ["researchers", "experts"],
    "taken": ["gathered", "drawn"],
    "collected": ["gathered", "taken"],
    "tests": ["analyses", "examinations"],
    "specimens": ["samples", "swabs"],
    "sites": ["locations", "points"],
    "locations": ["sites", "places"],
    "tested": ["came back", "proved"],
    "positive": ["infected", "affirmative"],
}
_TRANSLITERATE = (("v", "w"), ("k", "c"), ("y", "i"), ("j", "y"), ("sh", "ch"), ("ov", "off"))
_FUNCTION_SWAPS = {"the": ["this", "the"], "a": ["one", "a"], "that": ["which", "that"]}

# --- themes -----------------------------------------------------------------
# {a|b} picks one wording per rendering, [slot] is filled from the story.

THEMES = {
    "fire": {
        "headline": [
            "Fire {rips through|guts|devastates} [building] in [city]",
            "[injured] hurt as {blaze|fire} {engulfs|sweeps through} [building]",
            "{Huge|Fierce} {blaze|fire} at [building] forces [evacuated] from homes",
        ],
        "lead": [
            "A {fierce|huge|fast-moving} fire {tore through|swept through|engulfed} [building] "
            "in [city] {early on|late on} [weekday], {injuring|leaving} [injured] people "
            "{injured|hurt} and {forcing|prompting} the evacuation of [evacuated] residents.",
            "[injured] people were {injured|hurt} and [evacuated] residents evacuated after a "
            "{fire|blaze} {broke out|started} at [building] in [city] on [weekday] "
            "{morning|night|afternoon}.",
        ],
        "detail": [
            "About [crews] firefighters {battled|fought} the {flames|blaze} for [hours] hours "
            "before {bringing it under control|declaring it contained}, the [city] fire service "
            "said.",
            "The {roof|upper floors|east wing} of the [age]-year-old building {collapsed|caved in} "
            "shortly after {midnight|dawn|noon}, {witnesses said|according to witnesses}.",
            "[official_title] [official] said investigators had {not yet determined|yet to "
            "establish} the cause, but {an electrical fault|renovation work|a gas leak} was "
            "{being examined|among the lines of inquiry}.",
            "Damage was {estimated|put} at [money] by the {owners|insurers|city authorities}.",
            "The [city] General Hospital said [serious] of the injured were in {serious|critical} "
            "condition {on [weekday] evening|overnight}.",
            "{Traffic|Rail services} around [building] {remained suspended|were diverted} "
            "{into the evening|for most of the day}, and [percent] of nearby shops stayed shut.",
            "{Emergency shelters|Temporary shelters} in [district] {took in|housed} [sheltered] "
            "people {overnight|for the night}.",
        ],
        "quote": [
            "“{We lost everything in a few minutes|It went up like paper|The smoke was so thick "
            "we could not see the stairs}, {and nobody came to warn us|and the alarms never "
            "sounded|but the neighbours got the children out},” said [witness], who lives "
            "{across the street|on the floor above|next door}.",
            "“{Our crews took enormous risks|The firefighters worked through the night} {to stop "
            "the fire spreading|to save the neighbouring houses}. {We will find out what went "
            "wrong|There will be a full inquiry},” [official] told reporters.",
            "“{This building was part of the soul of [city]|Generations grew up around this "
            "place}, {and we will rebuild it|and losing it hurts everyone},” [leader] said in a "
            "statement.",
        ],
        "background": [
            "[building] {was built|opened} in [founded] and {had been renovated|was renovated} "
            "{twice|several times} since.",
            "It is the [ordinal] major fire in [city] this year, after a {warehouse fire|blaze at "
            "a tower block} in [month] {killed|injured} [prior] people.",
            "[city] authorities have {been criticised|faced criticism} for cutting the fire "
            "service budget by [budget] since [budget_year].",
        ],
    },
    "talks": {
        "headline": [
            "[country] and [rival] {open|begin|resume} talks in [city] on [topic]",
            "{Envoys|Ministers} {meet|gather} in [city] as [country] {seeks|pushes for} [topic]",
            "[leader] {warns|cautions} [rival] ahead of [city] talks",
        ],
        "lead": [
            "{Delegations|Envoys} from [country] and [rival] {began|opened} [days] days of talks "
            "in [city] on [weekday] {aimed at|seeking} [topic], {officials said|according to "
            "officials}.",
            "[leader] {warned|cautioned} [rival] on [weekday] that {time was running out|patience "
            "was wearing thin} for [topic], as {negotiators|envoys} {gathered|arrived} in [city].",
        ],
        "detail": [
            "The {draft|proposed} agreement would {commit|oblige} [country] to [money] in "
            "{aid|reconstruction funds} over [span] years, {two people familiar with the text "
            "said|according to a draft seen by reporters}.",
            "[official_title] [official] said [troops] troops {would be withdrawn|could be pulled "
            "back} from the border {if the talks succeed|once a deal is signed}.",
            "{Negotiators|The delegations} {met|sat down} for [hours] hours on the first day, "
            "{a spokesperson said|the foreign ministry said}.",
            "{Observers|Diplomats} {expect|hope for} a {joint statement|framework deal} by "
            "[weekday], {although|but} [percent] of the text {remains in dispute|is still "
            "bracketed}.",
            "[rival] {has demanded|is demanding} the {release|return} of [prisoners] "
            "{prisoners|detainees} as a condition for {any agreement|a final deal}.",
            "{Protesters|Demonstrators} {gathered|rallied} outside the venue in [district], "
            "{police said|according to police}, {numbering about|estimated at} [crowd].",
        ],
        "quote": [
            "“{We came here in good faith|Our door remains open}, {but we will not sign "
            "anything that weakens our security|but the other side must show it is "
            "serious},” [official] told reporters.",
            "“{There can be no lasting peace|Nothing will be settled} {without guarantees for our "
            "borders|while our people remain in detention},” [leader] said.",
            "“{The mood in the room is better than expected|Both sides are listening for once}, "
            "{but the hardest chapters are still ahead|and that alone is progress},” a "
            "{senior diplomat|Western diplomat} said.",
        ],
        "background": [
            "[country] and [rival] have {been at odds|clashed} over [topic] since [founded], when "
            "{a border dispute|a trade war} {broke out|erupted}.",
            "A previous round of talks in [month] {collapsed|ended without agreement} after "
            "[prior] hours.",
            "{The two countries|Both governments} {share|have} a [border] km border.",
        ],
    },
    "strike": {
        "headline": [
            "[workers] [sector] workers {walk out|strike} in [city] over pay",
            "[sector] strike {halts|paralyses} [city] as union {rejects|turns down} offer",
            "[union] {calls|announces} [days]-day [sector] strike",
        ],
        "lead": [
            "{About|Some} [workers] [sector] workers in [city] {walked out|went on strike} on "
            "[weekday] after [union] {rejected|turned down} a pay offer of [percent], "
            "{halting|disrupting} services {across the city|for hundreds of thousands}.",
            "[union] {called|announced} a [days]-day strike of [sector] workers in [city] "
            "{starting|from} [weekday], {saying|arguing} the [percent] offer {failed to "
            "match|lagged behind} inflation.",
        ],
        "detail": [
            "The union is {demanding|seeking} a [percent2] {rise|increase} and {a shorter "
            "working week|better overtime pay}.",
            "[company] said the strike would {cost|lose} it [money] {a day|per day} and "
            "{cancelled|suspended} [cancelled] services.",
            "[official_title] [official] {urged|called on} both sides to {return to the "
            "table|resume talks} {by [weekday]|within days}.",
            "{Picket lines|Pickets} {formed|gathered} outside [site] {before dawn|early in "
            "the morning}, where [crowd] workers {chanted|sang} {slogans|union songs}.",
            "{Commuters|Passengers} {faced|endured} {long queues|delays of up to [hours] "
            "hours} as [percent3] of services were {cancelled|halted}.",
        ],
        "quote": [
            "“{Our members cannot pay their rent|Prices have gone up and wages have not}, "
            "{and they have had enough|and nobody at the top is listening},” [leader] said.",
            "“{This strike is unnecessary|The offer on the table is fair}, {and we urge the "
            "union to reconsider|and it is the best we can afford},” [company] said in a "
            "statement.",
            "“{I support them|I understand the anger}, {even if it ruins my week|but I still "
            "have to get to work},” said [witness], a {nurse|teacher|shop owner} waiting "
            "at [site].",
        ],
        "background": [
            "[sector] workers in [city] last went on strike in [founded], {for [prior] "
            "days|over pensions}.",
            "[union] {represents|has} about [members] members {across [country]|nationwide}.",
            "Inflation in [country] {reached|hit} [inflation] last year.",
        ],
    },
    "court": {
        "headline": [
            "[city] court {fines|orders} [company] [money] over [topic]",
            "Judge {rules|finds} against [company] in [topic] case",
            "[company] to {appeal|challenge} [money] ruling",
        ],
        "lead": [
            "A court in [city] {ordered|told} [company] on [weekday] to pay [money] "
            "{over|for} [topic], {the largest penalty|one of the largest penalties} "
            "of its kind in [country].",
            "[company] said on [weekday] it would appeal after a [city] judge {fined|ordered} "
            "it [money] over [topic], {a ruling|a decision} [leader] {called|described as} "
            "{unjust|flawed}.",
        ],
        "detail": [
            "Judge [official] {found|ruled} that [company] had {breached|violated} [topic] "
            "rules {for at least|over} [span] years.",
            "The case was {brought|filed} by [claimants] {customers|residents|former "
            "employees} in [founded].",
            "[company] shares {fell|dropped} [percent] in [city] trading after the "
            "{ruling|verdict}.",
            "The court also {ordered|required} the company to {fund|pay for} an independent "
            "{audit|monitor} for [hours] months.",
            "{Lawyers|Counsel} for the claimants said about [crowd] {more people|further "
            "claimants} {could join|may join} the case.",
        ],
        "quote": [
            "“{Today the court listened to ordinary people|This is a day of justice for every "
            "family affected}, {and it sent a message|and no company is above the law},” "
            "[witness], a lawyer for the claimants, said.",
            "“{We respectfully disagree with the court|The ruling ignores the evidence}, "
            "{and we will appeal|and we are confident of winning on appeal},” [leader] said.",
        ],
        "background": [
            "[company] {employs|has} about [members] people in [country].",
            "{Regulators|Watchdogs} {opened|launched} an inquiry into [topic] at [company] "
            "in [founded].",
            "The company {reported|made} a profit of [money2] last year.",
        ],
    },
    "storm": {
        "headline": [
            "Storm [storm] {batters|lashes} [region], [deaths] dead",
            "[homes] homes without power as Storm [storm] {hits|sweeps} [region]",
            "Floods {cut off|isolate} [city] after Storm [storm]",
        ],
        "lead": [
            "Storm [storm] {battered|lashed} [region] on [weekday], {killing|leaving} [deaths] "
            "people {dead|} and cutting power to [homes] homes, {officials said|the emergency "
            "ministry said}.",
            "[deaths] people {died|were killed} and [homes] homes lost power as Storm [storm] "
            "{swept|tore} across [region] {overnight|on [weekday]}, {flooding|swamping} "
            "{roads|streets} in [city].",
        ],
        "detail": [
            "{Winds|Gusts} of up to [wind] km/h {were recorded|hit} on the coast near [city], "
            "{the weather service said|according to the national weather service}.",
            "About [rain] mm of rain fell in [hours] hours, {more than|nearly twice} the "
            "monthly average.",
            "[official_title] [official] said [rescued] people had been {rescued|pulled} from "
            "{flooded homes|cars trapped by water}.",
            "{Rail services|Trains} between [city] and [city2] were {suspended|cancelled}, "
            "and [percent] of {flights|departures} were {grounded|cancelled}.",
            "{Power company|Utility} [company] said {repairs|restoring supply} could take "
            "[days] days {in remote areas|in the hardest-hit districts}.",
        ],
        "quote": [
            "“{The water came up to the windows in twenty minutes|We watched the river take the "
            "bridge}, {and we had nowhere to go|and then the lights went out},” said [witness], "
            "a resident of [district].",
            "“{This is the worst storm in a generation|We have not seen anything like this since "
            "records began}, {and the clean-up will take months|and we need help from the "
            "capital},” [leader] said.",
        ],
        "background": [
            "[region] was {hit|struck} by severe floods in [founded] that {killed|left} [prior] "
            "people {dead|}.",
            "Scientists say {warmer seas|climate change} {make|is making} such storms "
            "{more intense|wetter}.",
            "The government {set aside|allocated} [money] for flood defences in [budget_year].",
        ],
    },
    "lab": {
        "headline": [
            "[lab] {detects|finds} [pathogen] in [city] [medium] samples",
            "[cases] new [pathogen] cases {confirmed|reported} in [city]",
            "Health officials {track|trace} [pathogen] {outbreak|cluster} in [region]",
        ],
        "lead": [
            "The [lab] {detected|found} [pathogen] in [samples] of [tested] [medium] samples "
            "{taken|collected} in [city] {last week|on [weekday]}, {health officials "
            "said|the health ministry said}.",
            "{Health officials|Authorities} in [city] {confirmed|reported} [cases] new cases of "
            "[pathogen] on [weekday], {after|following} tests by the [lab].",
        ],
        "detail": [
            "The {samples|specimens} came from [sites] {sites|locations} in [district], where "
            "[percent] tested positive.",
            "[official_title] [official] said {contact tracing|testing} had {been "
            "expanded|widened} to [contacts] people.",
            "{Hospitals|Clinics} in [region] were {told|asked} to {report|flag} {suspected "
            "cases|patients with symptoms} within [hours] hours.",
            "The [lab] said the strain {matched|resembled} one {found|recorded} in [city2] in "
            "[month].",
            "{Vaccination|Testing} {centres|clinics} in [district] will {stay open|remain open} "
            "{late|until midnight} for [days] days.",
        ],
        "quote": [
            "“{There is no reason to panic|The risk to the public remains low}, {but people "
            "should be vigilant|but we are taking this very seriously},” [official] said.",
            "“{Our surveillance works exactly as designed|This is what early warning looks like}, "
            "{and it bought us time|and we caught it before it spread},” said [leader], head of "
            "the [lab].",
        ],
        "background": [
            "The [lab] {began|started} {monitoring|testing} [medium] in [founded].",
            "[pathogen] {was last|had last been} {detected|found} in [country] in [budget_year].",
            "The {ministry|government} {spends|allocated} [money] a year on disease surveillance.",
        ],
    },
}

# What people say, from a small grammar: one sentence in thousands, so two
# people in two events rarely say the same five words in a row (as in life).
_SPEAKERS = _wordlist(
    "we|nobody_here|the_families|my_colleagues|the_council|our_engineers|people_on_this_street|"
    "the_volunteers|the_inspectors|my_office|the_ministry|every_one_of_us|the_neighbours".replace(
        "|", " "
    )
)
_DEEDS = (
    "have been asking for",
    "warned about",
    "paid dearly for",
    "were never told about",
    "will not forget",
    "keep coming back to",
    "had to fight for",
    "saw the first signs of",
    "begged the city for",
    "still do not understand",
    "were promised",
    "have waited years for",
    "cannot explain",
    "argued all winter over",
    "raised the alarm about",
)
_THINGS = (
    "the cracks in the old bridge",
    "a proper drainage plan",
    "the missing inspection reports",
    "the night shift rota",
    "the budget cuts of last spring",
    "the second exit on the east side",
    "the sirens that never worked",
    "a straight answer from the mayor",
    "the repair money",
    "the flood maps",
    "the empty warehouse next door",
    "the safety audit",
    "the pension promise",
    "the new contract",
    "the broken pumps",
    "the evacuation drill",
    "the closed clinic",
    "the overtime rules",
    "the old gas pipes",
    "the weather warnings",
    "the bus depot",
    "the consultants' report",
    "the river wall",
    "the emergency fund",
)
QUOTE_OPENINGS = (
    "",
    "",
    "",
    "Frankly, ",
    "Look, ",
    "To be honest, ",
    "Believe me, ",
    "As I told the council, ",
    "Let me be clear: ",
    "Honestly, ",
    "In my view, ",
)
QUOTE_ENDINGS = (
    "",
    "",
    "",
    " and that is the truth",
    ", believe me",
    " for years now",
    " since the day I took this job",
    " and everybody knows it",
    " more than once",
    " long before today",
    " whatever the minister says",
)


def quote_tail(rng: random.Random) -> str:
    """One sentence of somebody's own words, rarely the same twice."""
    speaker = rng.choice(_SPEAKERS).replace("_", " ")
    said = f"{speaker} {rng.choice(_DEEDS)} {rng.choice(_THINGS)}{rng.choice(QUOTE_ENDINGS)}"
    opening = rng.choice(QUOTE_OPENINGS)
    return f"{opening}{said}" if opening else f"{said[0].upper()}{said[1:]}"


@dataclass
class Article:
    key: str
    label: str
    family: str  # the label of the first story of a group of siblings
    kind: str
    outlet: str
    published: datetime
    headline: str
    body: str


@dataclass
class BaseStory:
    label: str
    theme: str
    slots: dict[str, str]
    published: datetime
    headline: str
    lead: str
    paragraphs: list[str]  # body sentences after the lead, one per paragraph
    background: list[str]
    sibling_of: str | None = None
    extra: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [self.lead, *self.paragraphs, *self.background]


@dataclass
class Outlet:
    name: str
    boilerplate: str
    wire: bool
    transliterates: bool


# --- rendering ----------------------------------------------------------------

_CHOICE = re.compile(r"\{([^{}]*)\}")
_SLOT = re.compile(r"\[(\w+)\]")


def render(template: str, slots: dict[str, str], rng: random.Random) -> str:
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT.sub(lambda m: slots[m.group(1)], text)
    text = re.sub(r"\s+", " ", text).replace(" ,", ",").replace(" .", ".")
    return text[0].upper() + text[1:]


def made_up_name(rng: random.Random, *, endings=("",)) -> str:
    parts = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (parts + rng.choice(endings)).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {made_up_name(rng)}"


def money(rng: random.Random, *, low: float, high: float) -> str:
    value = rng.uniform(low, high)
    if value >= 1e9:
        return f"${value / 1e9:.1f} billion"
    if value >= 1e6:
        return f"${value / 1e6:.1f} million"
    return f"${int(value):,}"


def count(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}"


def event_slots(rng: random.Random) -> dict[str, str]:
    """The figures and particulars of one event: everything a sibling changes."""
    return {
        "weekday": rng.choice(_WEEKDAYS),
        "month": rng.choice(_MONTHS),
        "injured": str(rng.randint(11, 95)),
        "evacuated": count(rng, 120, 4800),
        "crews": str(rng.randint(40, 400)),
        "hours": str(rng.randint(11, 60)),
        "age": str(rng.randint(40, 300)),
        "serious": str(rng.randint(2, 9)),
        "sheltered": count(rng, 60, 900),
        "money": money(rng, low=2e6, high=9e9),
        "money2": money(rng, low=2e6, high=9e9),
        "percent": f"{rng.randint(11, 89)}%",
        "percent2": f"{rng.uniform(4, 15):.1f}%",
        "percent3": f"{rng.randint(20, 95)} percent",
        "days": str(rng.randint(2, 9)),
        "span": str(rng.randint(3, 12)),
        "troops": count(rng, 1200, 40000),
        "prisoners": count(rng, 30, 900),
        "crowd": count(rng, 150, 20000),
        "workers": count(rng, 1100, 60000),
        "cancelled": count(rng, 120, 3000),
        "claimants": count(rng, 130, 9000),
        "deaths": str(rng.randint(11, 48)),
        "homes": count(rng, 12000, 600000),
        "wind": str(rng.randint(110, 190)),
        "rain": str(rng.randint(60, 320)),
        "rescued": count(rng, 40, 1500),
        "samples": str(rng.randint(11, 90)),
        "tested": count(rng, 120, 3000),
        "cases": str(rng.randint(12, 400)),
        "sites": str(rng.randint(11, 60)),
        "contacts": count(rng, 200, 9000),
        "witness": person(rng),
        "storm": made_up_name(rng),
        "building": f"the {made_up_name(rng)} {rng.choice(['Cathedral', 'Theatre', 'Market Hall', 'Library', 'Hotel', 'Station'])}",  # noqa: E501
        "site": f"the {made_up_name(rng)} {rng.choice(['depot', 'terminal', 'plant', 'yard'])}",
        "ordinal": rng.choice(_ORDINALS),
        "prior": str(rng.randint(11, 70)),
    }


def world_slots(rng: random.Random) -> dict[str, str]:
    """The place and actors: what a sibling keeps."""
    city = made_up_name(rng, endings=_PLACE_ENDINGS)
    return {
        "city": city,
        "city2": made_up_name(rng, endings=_PLACE_ENDINGS),
        "country": made_up_name(rng, endings=("ia", "land", "ova", "istan")),
        "rival": made_up_name(rng, endings=("ia", "land", "ova", "istan")),
        "region": f"{made_up_name(rng)} {rng.choice(['Province', 'Valley', 'Coast'])}",
        "district": f"the {made_up_name(rng)} district",
        "official": person(rng),
        "official_title": rng.choice(["Mayor", "Minister", "Governor", "Commissioner"]),
        "leader": person(rng),
        "company": f"{made_up_name(rng)} {rng.choice(['Holdings', 'Group', 'Energy', 'Rail'])}",
        "union": f"the {made_up_name(rng)} Workers' Union",
        "lab": f"{made_up_name(rng)} Institute laboratory",
        "sector": rng.choice(["rail", "port", "hospital", "bus", "airport", "postal"]),
        "pathogen": rng.choice(["polio", "measles", "avian flu", "cholera", "mpox"]),
        "medium": rng.choice(["wastewater", "river", "poultry", "soil"]),
        "topic": rng.choice(
            [
                "water pollution",
                "data protection",
                "price fixing",
                "safety failures",
                "the disputed border",
                "gas transit",
                "fishing rights",
            ]
        ),
        "founded": str(rng.randint(1950, 2019)),
        "budget": f"{rng.randint(11, 40)}%",
        "budget_year": str(rng.randint(2005, 2021)),
        "members": count(rng, 4000, 90000),
        "inflation": f"{rng.uniform(3, 14):.1f}%",
        "border": count(rng, 150, 2400),
    }


def base_story(
    label: str,
    theme: str,
    slots: dict[str, str],
    published: datetime,
    rng: random.Random,
    *,
    sibling_of: str | None = None,
) -> BaseStory:
    spec = THEMES[theme]

    def write(template: str) -> str:
        # Each story's own wording of the theme's stock phrases.
        return reword(render(template, slots, rng), rng, rate=0.45, keep_quotes=False)

    def quote(template: str) -> str:
        # The theme's template gives who speaks; the words are the speaker's own.
        words = ". ".join(quote_tail(rng) for _ in range(rng.randint(2, 3)))
        attribution = template.split("”", 1)[1]
        return write(f"“{words},”{attribution}")

    details = rng.sample(spec["detail"], k=min(len(spec["detail"]), rng.randint(4, 6)))
    quotes = rng.sample(spec["quote"], k=2)
    paragraphs = [write(s) for s in details[:2]]
    for extra, template in zip(details[2:], quotes, strict=False):
        paragraphs += [quote(template), write(extra)]
    paragraphs += [write(s) for s in details[2 + len(quotes) :]]
    background = [write(s) for s in spec["background"]]
    return BaseStory(
        label=label,
        theme=theme,
        slots=slots,
        published=published,
        headline=render(rng.choice(spec["headline"]), slots, rng),
        lead=write(rng.choice(spec["lead"])),
        paragraphs=paragraphs,
        background=background,
        sibling_of=sibling_of,
    )


# --- versions -----------------------------------------------------------------

_WORDS = re.compile(r"[A-Za-z]+")


def reword(
    sentence: str,
    rng: random.Random,
    *,
    rate: float,
    keep_quotes: bool,
    function_words: bool = False,
) -> str:
    """Swap words for synonyms at ``rate``; quoted speech kept when asked;
    ``function_words`` also swaps articles the way a translator's do."""

    def swap(match: re.Match) -> str:
        word = match.group()
        choices = SYNONYMS.get(word.lower())
        if function_words and not choices:
            choices = _FUNCTION_SWAPS.get(word.lower())
        if not choices or rng.random() > rate:
            return word
        new = rng.choice(choices)
        return new.capitalize() if word[0].isupper() else new

    if not keep_quotes:
        return _WORDS.sub(swap, sentence)
    parts = re.split(r"(“[^”]*”)", sentence)
    return "".join(p if p.startswith("“") else _WORDS.sub(swap, p) for p in parts)


def restructure(sentence: str, rng: random.Random) -> str:
    """Move a trailing attribution to the front, or swap two clauses."""
    match = re.match(
        r"^(?P<body>[^“”]+), (?P<who>[^,“”]{3,60}) (?P<verb>said|told reporters)\.$", sentence
    )
    if match and rng.random() < 0.7:
        body = match["body"]
        return (
            f"{match['who'][0].upper()}{match['who'][1:]} {match['verb']} that "
            f"{body[0].lower()}{body[1:]}."
        )
    clauses = sentence.rstrip(".").split(", ")
    if len(clauses) == 2 and "“" not in sentence and rng.random() < 0.5:
        first, second = clauses
        return f"{second[0].upper()}{second[1:]}, {first[0].lower()}{first[1:]}."
    return sentence


_JOINTS = re.compile(r"(?=, | and | but | after | as | while | before | with | in | on | from )")
_DROPPABLE = frozenset({"the", "a", "an", "of", "that", "has", "had", "been"})


def scramble(sentence: str, rng: random.Random, *, drop: float = 0.0) -> str:
    """Reorder a sentence's phrases and drop some function words, the way a
    translation or a hurried rewrite moves things around. Quotes keep their order."""
    if "“" in sentence or "”" in sentence:
        return sentence
    body = sentence.rstrip(".")
    chunks = [c.strip(" ,") for c in _JOINTS.split(body) if c.strip(" ,")]
    if len(chunks) > 2:
        head, rest = chunks[0], chunks[1:]
        rng.shuffle(rest)
        chunks = [head, *rest] if rng.random() < 0.5 else [*rest, head]
    words = " ".join(chunks).split()
    words = [w for w in words if w.lower() not in _DROPPABLE or rng.random() >= drop]
    text = " ".join(words)
    return f"{text[:1].upper()}{text[1:]}."


def transliterate(text: str, names: list[str], rng: random.Random) -> str:
    for name in names:
        source, target = rng.choice(_TRANSLITERATE)
        if source in name:
            text = text.replace(name, name.replace(source, target))
    return text


def reformat_numbers(text: str) -> str:
    """ "1,500" → "1 500"; "$3.2 million" → "3.2 million dollars"."""
    text = re.sub(r"(\d),(\d{3})", r"\1 \2", text)
    return re.sub(r"\$(\d+(?:\.\d+)?) (million|billion)", r"\1 \2 dollars", text)


CONTEXT = [
    "{Residents|People} in [city] have {long complained|complained for years} about "
    "{poor planning|slow responses} by the {authorities|local government}.",
    "The {opposition|main opposition party} in [country] {has called for|demanded} "
    "{an inquiry|a debate in parliament} {into the matter|on the issue}.",
    "[city] is {home to|has} about [members] people and {sits|lies} {near|close to} [region].",
    "{Analysts|Economists} say the {episode|events} could {weigh on|hurt} the "
    "{government's standing|ruling coalition} {before|ahead of} {next year's|the coming} "
    "elections.",
    "{Earlier|Previously}, [leader] {had promised|pledged} to {make [city] a "
    "model|put [city] first} {for the rest of [country]|in national policy}.",
    "{Neighbouring|Nearby} {towns|municipalities} {offered|sent} {help|assistance} "
    "{on [weekday]|within hours}.",
    "{Local media|Regional newspapers} {reported|said} that {similar|comparable} "
    "{incidents|events} had been {recorded|reported} {in the past|before}.",
]


def own_material(story: BaseStory, rng: random.Random, *, n: int) -> list[str]:
    """Sentences an outlet writes itself: context and background in its own words."""
    pool = CONTEXT + THEMES[story.theme]["background"]
    return [render(template, story.slots, rng) for template in rng.sample(pool, k=n)]


def paragraphs_to_body(sentences: list[str], rng: random.Random) -> str:
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if rng.random() < 0.6:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def make_version(
    story: BaseStory, kind: str, outlet: Outlet, rng: random.Random
) -> tuple[str, str]:
    """(headline, body) of one version of ``story``."""
    sentences = story.sentences
    headline = story.headline
    if kind == "original":
        body = sentences
    elif kind == "reprint":
        cut = len(sentences) if rng.random() < 0.6 else rng.randint(6, len(sentences))
        body = sentences[:cut]
    elif kind == "rewrite":
        keep = [story.lead] + [s for s in sentences[1:] if rng.random() < 0.7]
        body = [
            restructure(reword(s, rng, rate=0.6, keep_quotes=rng.random() < 0.85), rng)
            if rng.random() < 0.7
            else s
            for s in keep
        ]
        # Rewriters write their own lead and move phrases around.
        body = [scramble(s, rng) if n == 0 or rng.random() < 0.4 else s for n, s in enumerate(body)]
        body[1:] = rng.sample(body[1:], k=len(body) - 1) if rng.random() < 0.4 else body[1:]
        body.insert(rng.randint(1, len(body)), " ".join(own_material(story, rng, n=2)))
        headline = reword(
            render(rng.choice(THEMES[story.theme]["headline"]), story.slots, rng),
            rng,
            rate=0.5,
            keep_quotes=False,
        )
    elif kind == "paraphrase":
        body = [
            scramble(
                restructure(reword(s, rng, rate=0.9, keep_quotes=False, function_words=True), rng),
                rng,
                drop=0.5,
            )
            for s in sentences
            if rng.random() < 0.9
        ]
        body = [reformat_numbers(s) for s in body]
        body.append("(The translation has been edited for length.)")
        headline = reword(story.headline, rng, rate=0.8, keep_quotes=False)
    elif kind == "partial":
        body = sentences[: rng.randint(3, 5)] + own_material(story, rng, n=rng.randint(4, 7))
    elif kind == "brief":
        body = [scramble(reword(s, rng, rate=0.6, keep_quotes=True), rng) for s in sentences[:3]]
        headline = reword(headline, rng, rate=0.5, keep_quotes=False)
    else:
        raise ValueError(kind)
    text = paragraphs_to_body(body, rng)
    if outlet.transliterates or kind == "paraphrase":
        names = [story.slots[k] for k in ("official", "leader", "city", "company")]
        text = transliterate(text, names, rng)
        headline = transliterate(headline, names, rng)
    if outlet.boilerplate and kind != "original":
        text = f"{text}\n\n{outlet.boilerplate}"
    return headline, text


def make_outlets(rng: random.Random, n: int) -> list[Outlet]:
    boilerplates = [
        "{name} is an independent newsroom funded by its readers; support our journalism by "
        "becoming a member today and get the morning briefing in your inbox.",
        "This article is part of {name}'s coverage of the region, produced with support from "
        "a foundation that has no say over our editorial decisions.",
        "{name} reporters contributed to this story, which has been updated with additional "
        "details and will be updated again as more information becomes available.",
        "Readers with information about this story can contact {name} securely through our "
        "tip line, which is monitored around the clock by our editors.",
        "",
        "",
    ]
    outlets = []
    for i in range(n):
        name = f"The {made_up_name(rng)} {rng.choice(['Herald', 'Courier', 'Post', 'Daily'])}"
        template = boilerplates[i % len(boilerplates)]
        outlets.append(
            Outlet(
                name=name,
                boilerplate=template.format(name=name),
                wire=i < 3,
                transliterates=rng.random() < 0.2,
            )
        )
    return outlets


VERSION_KINDS = ("reprint", "rewrite", "paraphrase", "partial", "brief")
VERSION_WEIGHTS = (3, 4, 2, 2, 1)


def generate(
    *,
    stories: int,
    seed: int = 0,
    sibling_share: float = 0.5,
    follow_up_share: float = 0.4,
    versions: tuple[int, int] = (1, 6),
    outlets: int = 24,
    span_days: float = 30.0,
    start: datetime = datetime(2025, 3, 1, 6, 0),
) -> list[Article]:
    """Articles of ``stories`` base stories (siblings included), in publication order."""
    rng = random.Random(seed)
    outlet_list = make_outlets(rng, outlets)
    wires = [o for o in outlet_list if o.wire]
    bases: list[BaseStory] = []
    themes = sorted(THEMES)
    while len(bases) < stories:
        theme = rng.choice(themes)
        world = world_slots(rng)
        published = start + timedelta(days=rng.uniform(0, span_days))
        first = base_story(f"s{len(bases)}", theme, {**world, **event_slots(rng)}, published, rng)
        bases.append(first)
        if len(bases) < stories and rng.random() < sibling_share:
            later = published + timedelta(days=rng.uniform(1, 8))
            sibling = base_story(
                f"s{len(bases)}",
                theme,
                {**world, **event_slots(rng)},
                later,
                rng,
                sibling_of=first.label,
            )
            if rng.random() < follow_up_share:
                # A wire follow-up recycles its predecessor's background word for word.
                sibling.background = first.background[:2]
            else:
                # Another desk writes its own context around the same place and people.
                sibling.background = own_material(sibling, rng, n=2)
            bases.append(sibling)
    articles = []
    for story in bases:
        wire = rng.choice(wires)
        kinds = [
            "original",
            *rng.choices(VERSION_KINDS, VERSION_WEIGHTS, k=rng.randint(*versions) - 1),
        ]
        others = rng.sample([o for o in outlet_list if o is not wire], k=len(kinds) - 1)
        for n, (kind, outlet) in enumerate(zip(kinds, [wire, *others], strict=True)):
            headline, body = make_version(story, kind, outlet, rng)
            delay = timedelta(
                hours=rng.uniform(0, 3) if kind == "original" else rng.uniform(0.5, 36)
            )
            articles.append(
                Article(
                    key=f"{story.label}-{n}",
                    label=story.label,
                    family=story.sibling_of or story.label,
                    kind=kind,
                    outlet=outlet.name,
                    published=story.published + delay,
                    headline=headline,
                    body=body,
                )
            )
    articles.sort(key=lambda a: a.published)
    return articles


def family(
    *,
    seed: int,
    kinds: tuple[str, ...] = ("original", "reprint", "rewrite"),
    sibling_kinds: tuple[str, ...] = ("original",),
    theme: str | None = None,
    start: datetime = datetime(2025, 3, 1, 6, 0),
) -> tuple[list[Article], list[Article]]:
    """One base story in the given ``kinds`` of version (each from another
    outlet, an hour apart), and a sibling two days later: same place and
    people, another event. For tests that need a few known articles."""
    rng = random.Random(seed)
    outlets = make_outlets(rng, len(kinds) + len(sibling_kinds) + 3)
    theme = theme or rng.choice(sorted(THEMES))
    world = world_slots(rng)
    first = base_story("a", theme, {**world, **event_slots(rng)}, start, rng)
    later = base_story(
        "b", theme, {**world, **event_slots(rng)}, start + timedelta(days=2), rng, sibling_of="a"
    )
    later.background = own_material(later, rng, n=2)
    made = ([], [])
    pool = iter(outlets)
    for group, story, story_kinds in ((0, first, kinds), (1, later, sibling_kinds)):
        for n, kind in enumerate(story_kinds):
            outlet = next(pool)
            headline, body = make_version(story, kind, outlet, rng)
            made[group].append(
                Article(
                    key=f"{story.label}-{n}",
                    label=story.label,
                    family="a",
                    kind=kind,
                    outlet=outlet.name,
                    published=story.published + timedelta(hours=n),
                    headline=headline,
                    body=body,
                )
            )
    return made


if __name__ == "__main__":
    for article in generate(stories=4, seed=1)[:6]:
        print(f"== {article.key} {article.kind} {article.outlet} {article.published:%d %H:%M}")
        print(article.headline)
        print(article.body, "\n")
