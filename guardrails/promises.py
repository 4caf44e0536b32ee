"""Over-promises: guarantees, timelines we cannot keep, and remedies beyond the gesture catalogue.

A hedged or negated promise ("I can't guarantee…", "we aim to…") is honest and passes; a refund of
what the customer paid is a fix, not a gesture, and is never capped by the catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from drafter_core.calendar import business_days_after, is_business_day
from drafter_core.values import Gesture, Violation
from guardrails.base import Check, CheckContext, quoted, said, violation
from guardrails.dates import counted_from_today, date_uses, find_dates, numeric_order, promised_dates
from guardrails.invented import customer_amounts
from guardrails.phrasebook import Phrases
from guardrails.phraselist import PhraseList
from guardrails.rules import Rules
from guardrails.text import Doc, Money, analyse, find_money, next_word, someone_elses

CODE = "over_promise"

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty-four": 24, "twenty four": 24, "eighteen": 18,
    "a couple of": 2, "a few": 3, "several": 3,
    # German, French, Spanish
    "ein": 1, "einen": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "zwölf": 12,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "douze": 12,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "doce": 12,
}
_COUNT = (r"(?P<count>\d{1,4}|a couple of|a few|several|twenty[- ]four|eighteen|an?|one|two|three|four|five|six|seven"
          r"|eight|nine|ten|eleven|twelve|einen?|eine|zwei|drei|vier|fünf|sechs|zwölf|une?|deux|trois|quatre|cinq"
          r"|douze|uno|una|dos|tres|cuatro|cinco|seis|doce)")
# "within 2 hours", "in the next 30 minutes": minutes never fit a lead time of days; hours below a threshold.
_SOON_HINT = re.compile(r"hour|min|hr|stund|std|heure|hora|\d\s?h\b", re.IGNORECASE)  # (a cheap look first)
# German, French and Spanish too: "innerhalb von 2 Stunden", "dans les 2 heures", "en las próximas 2 horas".
_SOON = re.compile(rf"(?<!\w)(?:within|in|innerhalb(?:\s+von|\s+der\s+nächsten)?|in\s+den\s+nächsten|binnen|dans"
                   r"(?:\s+les)?|sous|d'ici|en|dentro\s+de|en\s+las)\s+(?:the\s+)?(?:next\s+|coming\s+|prochaines\s+"
                   rf"|próximas\s+|siguientes\s+)?{_COUNT}\s+(?:business\s+|working\s+)?"
                   r"(?P<unit>minutes?|mins?|hours?|hrs?|minuten|stunden?|std\.?|heures?|h|minutos?|horas?)(?!\w)",
                   re.IGNORECASE)
_MONTHS = re.compile(
    rf"(?<!\w){_COUNT}\s+(?:(?:free\s+)?months?(?:'s)?\s+(?:of\s+)?(?:free\s+)?(?:(?:service|account|subscription)\s+)?"
    r"(?:service|credit|subscription|membership|access|free|on us|at no (?:cost|charge))"
    # "drei Monate kostenlos", "trois mois offerts", "tres meses gratis / sin costo / de regalo"
    r"|(?:weitere\s+|zusätzliche\s+)?(?:Monate?n?|mois|mes(?:es)?)\s+(?:de\s+|d')?(?:[\wäöüéèàáíóúñ-]+\s+){0,2}"
    r"(?:kostenlos|gratis|geschenkt|gutgeschrieben|offerts?|gratuits?|sin\s+(?:costo|coste|cargo)|de\s+regalo"
    r"|bonificados?|gratuitos?))(?!\w)",
    re.IGNORECASE,
)
_POINTS = re.compile(r"(?<![\w.,])(?P<count>\d{1,3}(?:[,.\u202f ]\d{3})+|\d+)\s+(?:extra\s+|bonus\s+)?"
                     r"(?-i:(?:[A-Z][\w-]*\s+){0,2})"  # a brand: "10,000 Spectrum Rewards points"
                     r"(?:loyalty\s+|reward\s+|rewards\s+|bonus\s+|frequent[- ]flyer\s+|air\s+)?"
                     r"(?:(?-i:[A-Z][a-z]+)(?:Points|Miles|points|miles)|points|miles|avios|stars|gems|coins|crystals"
                     # German compounds ("Bonusmeilen", "Gold-Münzen"), and the game currencies of German, French and
                     # Spanish apps (round t19o)
                     r"|[a-zäöü-]*(?:punkte|meilen|münzen|kristalle|juwelen|edelsteine|diamanten)"
                     r"|puntos|millas|milles|gemmes|cristaux|diamants|gemas|monedas|cristales|diamantes)(?!\w)",
                     re.IGNORECASE)
_NUMBER = re.compile(r"[$£€]|\d[\d,.]*")
_ONE_WORD = re.compile(r"\s*(?:[A-Za-z-]+\s+)?")
_PERCENT = re.compile(r"(?<![\w.])(?P<count>\d{1,3})\s?(?:%|per\s?cent|Prozent|pour\s?cent|por\s?ciento)"
                      r"(?:\s+(?:off|discount|cashback|reduction|Rabatt|Nachlass|Ermäßigung|de\s+(?:remise|réduction"
                      r"|rabais|descuento|rebaja|bonificación)))"
                      r"|(?:discount|reduction|cashback|Rabatt|Nachlass|remise|réduction|rabais|descuento|rebaja)"
                      r"\s+(?:of|von|de|del)\s+(?P<count2>\d{1,3})\s?(?:%|per\s?cent|Prozent|pour\s?cent|por\s?ciento)",
                      re.IGNORECASE)


# How long a free thing lasts: "for a whole year", "six months of free delivery", "the next 3 months".
_SPAN = re.compile(rf"(?<![\w-]){_COUNT}\s+(?:(?:whole|full|entire|more|extra|further|free|consecutive)\s+)*"
                   r"(?P<unit>weeks?|months?|years?|wochen?|monate?n?|jahre?n?|semaines?|mois|ans?|années?|semanas?"
                   r"|mes(?:es)?|años?)(?!\w)"
                   r"|(?P<rest>(?:rest|remainder|balance) of (?:the|your|its) "
                   # (or of the customer's time with us: "for the rest of your time at the address")
                   r"(?:term|year|contract|agreement|subscription|plan|loan|membership|tenancy|lease|life|time|stay"
                   r"|studies|course|residency|tenure|ownership)"
                   r"|remaining (?:term|life|period|months|years)|lifetime of"
                   r"|(?:whole|entire|rest|all) of (?:\d{4}|the year|next year|this year)"
                   # a calendar year as the gift's span: "free for all of next year", "no fees in 2027" (a year not
                   # yet over: see _gone_by)
                   r"|(?:for|throughout|during|across) (?:all of |the whole of )?next year"
                   r"|(?:in|throughout|during|for|across) (?:all of |the whole of )?(?P<year>20\d\d)(?!\d|[/.-]\d)"
                   # "el resto del año", "lo que queda de contrato", "le reste de l'année", "die restliche Laufzeit"
                   r"|(?:el\s+)?resto\s+del?\s+(?:año|contrato|plazo|abono|suscripción)|lo\s+que\s+queda\s+del?\s+"
                   r"(?:año|contrato|plazo)|(?:le\s+)?reste\s+(?:de\s+l'année|du\s+contrat|de\s+votre\s+abonnement)"
                   r"|restliche[n]?\s+(?:Laufzeit|Vertragslaufzeit|Jahr)|Rest\s+der\s+(?:Laufzeit|Vertragslaufzeit)"
                   r"|Rest\s+des\s+Jahres"
                   # the months left on the contract, however many: "todos los meses que quedan de tu contrato",
                   # "el resto de su permanencia", "les mois restants", "die verbleibenden Monate"
                   r"|(?:todos\s+)?(?:los|las|sus|tus)\s+(?:meses|mensualidades|cuotas)\s+(?:restantes|que\s+(?:le\s+|te\s+"
                   r"|les\s+)?(?:quedan|restan|faltan))|(?:el\s+)?resto\s+de\s+(?:su|tu)\s+(?:contrato|permanencia|plazo"
                   r"|abono|suscripción|plan|membresía)|lo\s+que\s+(?:le\s+|te\s+)?(?:queda|resta)\s+de\s+(?:su|tu)\s+"
                   r"(?:contrato|permanencia|plazo|abono|suscripción|plan|membresía)"
                   r"|(?:tous\s+)?(?:les|vos|tes)\s+(?:mois|mensualités)\s+(?:restants|restantes|qui\s+(?:vous\s+|te\s+)?"
                   r"restent)|(?:le\s+)?reste\s+de\s+(?:votre|ton)\s+(?:contrat|abonnement|engagement|forfait)"
                   r"|jusqu'à\s+la\s+fin\s+de\s+(?:votre|ton)\s+(?:contrat|abonnement|engagement|forfait)"
                   r"|(?:restlichen|verbleibenden)\s+(?:Monate|Monatsbeiträge|Vertragsmonate)|Restlaufzeit"
                   r"|verbleibende[n]?\s+(?:Laufzeit|Vertragslaufzeit))", re.IGNORECASE)
# "the next three services are free": a count of future things given away.
# ("your next three weekly lunch orders": up to two words may describe the things)
_NOT_THINGS = r"(?!(?:weeks?|months?|years?|days?|hours?|minutes?|business|working|of|to|and|or|in|on|for|as|is|are)\b)"
_NEXT_ITEMS = re.compile(rf"(?<!\w)(?:next|following|coming)\s+{_COUNT}\s+"
                         rf"(?:{_NOT_THINGS}[a-z-]+\s+){{0,2}}?{_NOT_THINGS}"
                         r"(?P<things>[a-z-]+s)(?!\w)", re.IGNORECASE)
# A span's unit in months, by how the unit starts (English, German, French, Spanish; "ans" and "années" alike).
_UNIT_MONTHS = (("week", 0.25), ("woch", 0.25), ("sema", 0.25), ("month", 1), ("mona", 1), ("mois", 1), ("mes", 1),
                ("year", 12), ("jahr", 12), ("an", 12), ("año", 12))


@dataclass(frozen=True)
class Limits:
    """The largest gesture the catalogue allows, per kind."""

    money: float
    months: int
    points: int
    percent: int


def check_over_promise(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    found = (
        _absolutes(doc, context, phrases, rules) + _short_timelines(doc, context, phrases, rules)
        + _early_dates(text, context, phrases, rules) + _unbounded(doc, context, phrases, rules)
        + _free_without_end(doc, context, phrases, rules) + _beyond_catalogue(doc, context, phrases, rules)
        + _extra_gestures(doc, context, phrases, rules) + _two_gestures(doc, context, phrases, rules)
        + _long_gifts(doc, context, phrases, rules)
    )
    # One violation per stretch of text: "will call you tonight" is one promise, not two.
    unique: list[Violation] = []
    reach = -1
    for item in sorted(found, key=lambda v: (v.start, -v.end)):
        if item.start >= reach or item.start == item.end:
            unique.append(item)
            reach = max(reach, item.end)
    return unique


def _absolutes(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    return [
        violation(CODE, doc.text, m.start(), m.end(), rules.message(CODE, "absolute", quote=said(doc.text, m)))
        for m in phrases.pattern("promises.absolutes").finditer(doc.tokens)
        if not _hedged(doc, m.start(), phrases) and not _negated(doc, m, phrases)
        and not someone_elses(doc, m.start(), m.end(), phrases) and not _described(doc, m.start(), phrases)
        and not _named(doc, m.start(), m.end()) and not _scheme(doc, m.start(), m.end(), phrases)
        and not _keepable_contact(doc, m, context, phrases) and not _broken(doc, m, phrases)
    ]


def _broken(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """'Our guaranteed delivery slot was missed': the words right after the absolute, in its phrase, say the promise
    of the past was not kept ([promises] broken_after); it is the failure we apologise for, not a new promise."""
    broken = phrases.pattern("promises.broken_after").search(doc.tokens, m.end(), doc.after_end(m.end(), 50))
    return broken is not None and not doc.norm[m.end():broken.start()].strip()


_JOINT_BETWEEN = re.compile(r"[.;!?]\s|\b(?:and|but|so|or)\b", re.IGNORECASE)


def _keepable_contact(doc: Doc, m: re.Match[str], context: CheckContext, phrases: Phrases) -> bool:
    """'What I can commit to is a status email from me by Mon 12/7': the commitment's object, in its clause, is our
    own next contact ([promises] keepable_contacts) on a date of ours one business day or more ahead."""
    contacts = phrases.patterns.get("promises.keepable_contacts")
    end = doc.sentence(m.start())[1]
    # the contact is what is committed to: it follows the commitment word at once ("commit to is a status email",
    # "promise to call you"), not after a promise of something else ("I promise none of your debits will bounce")
    contact = _first_within(contacts, doc, m.end(), min(end, m.end() + 12)) if contacts is not None else None
    if contacts is None or contact is None:
        return False
    earliest = business_days_after(context.today, max(context.min_lead_business_days, 1), context.calendar)
    for use in promised_dates(date_uses(doc.text, context, phrases)):
        found = use.found
        if m.end() <= found.start < end and found.date >= earliest:
            return _JOINT_BETWEEN.search(doc.norm, m.end(), found.start) is None and contact.end() <= found.start
    return False


def too_soon_timelines(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """The timelines this check reports as too soon (missing_follow_up_date leaves such a draft to it)."""
    return _short_timelines(analyse(text, phrases.pattern("text.clause_breaks")), context, phrases, rules)


def _short_timelines(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    matches = list(phrases.pattern("promises.short_timelines").finditer(doc.tokens))
    if context.min_lead_business_days > 0:
        matches += list(phrases.pattern("promises.future_today").finditer(doc.tokens))
        if not is_business_day(context.today + dt.timedelta(days=1), context.calendar):
            # "the lads will be back first thing tomorrow", written on a Friday: less than one business day ahead
            matches += list(phrases.pattern("promises.future_tomorrow").finditer(doc.tokens))
    limit = int(phrases.value("promises.max_hours"))
    soon = [m for m in _SOON.finditer(doc.norm) if m.group("unit").lower().startswith("m")
            or _count(m.group("count")) <= limit] if _SOON_HINT.search(doc.norm) else []
    earliest = business_days_after(context.today, max(context.min_lead_business_days, 1), context.calendar)
    target = context.follow_up_date or earliest
    lead_days = str(max(context.min_lead_business_days, 1))
    return [
        violation(CODE, doc.text, m.start(), m.end(), rules.message(
            CODE, "too_soon", quote=said(doc.text, m), lead_days=lead_days, follow_up=context.long_date(target)))
        for m in matches + soon
        if not _time_of_a_later_day(doc, m, context, phrases)
        and not _hedged(doc, m.start(), phrases) and not someone_elses(doc, m.start(), m.end(), phrases)
        and not _simple_step(doc, m, phrases) and not _inside_rule(doc, m.start(), phrases)
        and not _already_done(doc, m.start()) and not _done_after(doc, m.end(), phrases)
        and not _follows_from_done(doc, m.start())
    ]


_DATE_THEN_TIME = re.compile(r"[\s,]{0,4}(?:at\s+)?$")
# "by close of business on the 11th", "by 5pm, Wednesday 9 December": a time of day, then its date.
_TIME_THEN_DATE = re.compile(r"[\s,]{0,4}(?:(?:on|of)\s+)?(?:the\s+)?$", re.IGNORECASE)
_A_DAY_WORD = re.compile(r"\b(?:today|tonight|heute|aujourd'hui|ce soir|hoy|esta noche)\b", re.IGNORECASE)


def _time_of_a_later_day(doc: Doc, m: re.Match[str], context: CheckContext, phrases: Phrases) -> bool:
    """'I will call you on Friday, 2/5, by noon', 'by close of business on the 11th': a time of day written right
    beside a date the date reader found, one business day or more ahead, is that date's time, not a same-day
    timeline."""
    if _A_DAY_WORD.search(m.group()):
        return False
    before = any(ch.isdigit() for ch in doc.norm[max(0, m.start() - 40):m.start()])
    after = any(ch.isdigit() for ch in doc.norm[m.end():m.end() + 24])
    if not (before or after):
        return False
    earliest = business_days_after(context.today, 1, context.calendar)
    return any(found.date >= earliest and (
        (before and found.end <= m.start() and _DATE_THEN_TIME.fullmatch(doc.norm, found.end, m.start()))
        or (after and found.start >= m.end() and _TIME_THEN_DATE.fullmatch(doc.norm, m.end(), found.start)))
        for found in find_dates(doc.norm, context.today, numeric_order(phrases)))


_DONE_BEFORE = re.compile(r"\b(\w+ed|was|were|had|did|got|sent|made|took|came|went|found|rang|spoke|paid"
                          # German, French and Spanish perfect tenses: "habe ... geschickt", "vous ai transmis",
                          # "le hemos enviado"
                          r"|(?:habe|haben|hat|hatten|wurde|wurden)(?:\s+[\wäöüß]+){0,4}\s+ge[\wäöüß]+(?:t|en)"
                          r"|(?:ai|avons|a|ont|avez)\s+(?:[\wéèàç']+\s+)?[\wéèàç]+(?:é|ée|és|i|is|it|ite|u|ue)"
                          r"|(?:he|hemos|ha|han)\s+[\wáéíóúñ]+(?:ado|ada|ido|ida|to|cho))\s+"
                          r"([\w'’]+\s+){0,3}$", re.IGNORECASE)


_SO = re.compile(r"\s*(?:so|which means|meaning)\s+(?:you(?:'ll| will| should)?|it(?:'ll| will| should)?)\b",
                 re.IGNORECASE)


def _follows_from_done(doc: Doc, pos: int) -> bool:
    """'I emailed you the label a few minutes ago, so you'll have it today': what the customer gets today follows
    from something already done (the clause before, in the past tense), not from a promise."""
    clause = doc.clause_start(pos)
    sentence = doc.sentence(pos)[0]
    if clause <= sentence or not _SO.match(doc.norm, clause):
        return False
    before = doc.norm[max(sentence, clause - 120):clause]
    return _SENT.search(before) is not None and _FUTURE.search(before) is None


# Something already on its way to the customer, sent by us: "I emailed you the label", "we've texted the code".
_SENT = re.compile(r"\b(?:I|we)(?:'ve| have| had|'d)?\s+(?:just\s+|already\s+|now\s+)?(?:emailed|e-mailed|sent|texted"
                   r"|messaged|posted|uploaded|dispatched|shared|forwarded|attached|couriered|mailed)\b", re.IGNORECASE)


def _done_after(doc: Doc, end: int, phrases: Phrases) -> bool:
    """'Hoy mismo le he enviado la etiqueta': the time word opens a past action told in the perfect tense."""
    return phrases.pattern("promises.done_after").search(doc.tokens, end, doc.after_end(end, 60)) \
        is not None


def _already_done(doc: Doc, pos: int) -> bool:
    """'our pharmacist filled it within the hour': a time something took, not one we promise."""
    before = doc.norm[doc.before_start(pos, 60):pos]
    return _DONE_BEFORE.search(before) is not None and _FUTURE.search(before) is None


_FUTURE = re.compile(r"(\b(will|shall|going to|be|is|are|can|must|need to|have to|wird|werden|werde|sera|seront"
                     r"|allons|vais|va|vont|será|serán|vamos a|voy a|va a|van a)\b|'ll\b)", re.IGNORECASE)


def _inside_rule(doc: Doc, pos: int, phrases: Phrases) -> bool:
    """A time inside a rule we quote ("our policy is that a photo is sent within 30 minutes", an SLA's
    "first response within 1 hour" under "The SLA states:") is the rule's, not a timeline we promise."""
    start, end = doc.sentence(pos)
    spans = [(start, end)]
    before = doc.norm[:start].rstrip()
    if before.endswith(":") or before.endswith(":**"):
        spans.append(doc.sentence(len(before) - 1))
    # Only a sentence that quotes what a rule says: one that merely names a rule ("... with the corrected
    # contract") excuses no time in it.
    rules = (phrases.pattern("policy.rule_quotes"), phrases.pattern("policy.citations"))
    return any(r.search(doc.tokens, *span) for r in rules for span in spans)


def _simple_step(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """'the pharmacist will dispense it today': a step in our own hands, not our next contact or a fix.
    ('a week from today' is no same-day promise at all.)"""
    if counted_from_today(m):
        return True
    return bool(phrases.pattern("promises.simple_steps").search(doc.tokens, m.start(), m.end())) and \
        not phrases.pattern("dates.follow_up").search(doc.tokens, m.start(), m.end())


def _scheme(doc: Doc, start: int, end: int, phrases: Phrases) -> bool:
    """Is the promise word inside a scheme's name ("the guaranteed standards payment")?"""
    around = doc.before_start(start, 30), doc.after_end(end, 40)
    return any(n.start() <= start < n.end() or start <= n.start() < end
               for n in phrases.pattern("promises.scheme_names").finditer(doc.tokens, *around))


def _early_dates(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    if context.min_lead_business_days <= 0:
        return []
    earliest = business_days_after(context.today, context.min_lead_business_days, context.calendar)
    target = context.follow_up_date or earliest
    return [
        violation(CODE, text, use.found.start, use.found.end, rules.message(
            CODE, "early_date", quote=quoted(use.found.text), date=context.long_date(use.found.date),
            lead_days=str(context.min_lead_business_days), earliest=context.long_date(earliest),
            follow_up=context.long_date(target)))
        for use in promised_dates(date_uses(text, context, phrases))
        if use.found.date < earliest
    ]


def _unbounded(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    catalogue = _catalogue(context.gestures, rules)
    return [
        violation(CODE, doc.text, m.start(), m.end(),
                  rules.message(CODE, "unbounded", quote=said(doc.text, m), catalogue=catalogue))
        for m in phrases.pattern("promises.unbounded_remedies").finditer(doc.tokens)
        if not _remedy_negated(doc, m.start(), phrases) and not someone_elses(doc, m.start(), m.end(), phrases)
        and not _named(doc, m.start(), m.end()) and not _no_gift_for_each(doc, m, phrases)
        and not _owed_by_right(doc, m.start(), phrases)
    ]


def _owed_by_right(doc: Doc, pos: int, phrases: Phrases) -> bool:
    """A remedy a right gives the customer, however large, is not a gesture of ours: one inside a rule we quote
    ("the rules say the bank pays you ₹100 for every day late") or owed under a scheme or the law ("compensation
    of ₹100 per day of delay is payable under ..."). Unbounded remedies and extra gestures share this reading."""
    return _inside_rule(doc, pos, phrases) or _entitled(doc, pos, phrases)


def _no_gift_for_each(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """'a voucher for every day you waited' gives something per day; 'corrected reports for every week since
    the update' gives nothing: "for every X" is a remedy only with a gift or a sum in its sentence."""
    if not phrases.pattern("promises.scopes_for_each").match(m.group()):
        return False
    start, end = doc.sentence(m.start())
    gifts = (phrases.pattern("promises.free_words"), phrases.pattern("promises.gesture_nouns"))
    return not any(g.search(doc.tokens, start, end) for g in gifts) and \
        not any(start <= money.start < end for money in find_money(doc.norm))


def _free_without_end(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """A gift word and an endless scope in one clause, in either order: "delivery is free on every order
    from now on", "from now on your deliveries are on us"."""
    scopes = phrases.pattern("promises.unbounded_scopes")
    # Close together, so "we check every order ..., and your replacement ships free" stays two ideas.
    gap = int(phrases.value("promises.amount_window_chars")) * 3 // 4
    found = []
    for gift in phrases.pattern("promises.free_words").finditer(doc.tokens):
        # "waiving all account fees on your chequing account for life": the scope closes the gift's phrase
        phrase_end = _PUNCTUATION.search(doc.norm, gift.end(), doc.after_end(gift.end(), gap * 3))
        window_end = doc.after_end(gift.end(), gap)
        reach = max(window_end, phrase_end.start() if phrase_end else window_end)
        # (round t19r: or inside the gift's own words: "berechnen wir Ihnen ab sofort dauerhaft keine Gebühren")
        after = _first_within(scopes, doc, gift.start(), reach)
        start = doc.before_start(gift.start(), gap + 40)
        before = [m for m in scopes.finditer(doc.tokens, start, gift.start()) if gift.start() - m.end() <= gap]
        scope = after or (before[-1] if before else None)
        if scope is None:
            continue
        first, last = min(gift.start(), scope.start()), max(gift.end(), scope.end())
        if _remedy_negated(doc, first, phrases) or someone_elses(doc, first, last, phrases):
            continue
        if _named(doc, scope.start(), scope.end()):
            continue  # "covered by your Forever Shine Warranty": the scope word is a product's name, no span of ours
        if ";" in doc.norm[min(gift.end(), scope.end()):max(gift.start(), scope.start())]:
            continue  # "the rest of your contract is unchanged; we add a free month": two clauses, two ideas
        found.append(violation(CODE, doc.text, first, last, rules.message(
            CODE, "endless", quote=quoted(doc.text[first:last]), catalogue=_catalogue(context.gestures, rules))))
    return found


def _long_gifts(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """Something given free for longer than the catalogue allows, or several of them: "free delivery for a
    whole year", "your next three months of energy are on us", "waive all interest for the remaining term",
    "your next three services are free". The gift word and the span are close, in one clause."""
    limits = catalogue_limits(context.gestures, phrases)
    reach = int(phrases.value("promises.amount_window_chars")) * 3 // 2
    gifts = [*phrases.pattern("promises.free_words").finditer(doc.tokens),
             *phrases.pattern("promises.gesture_nouns").finditer(doc.tokens)]
    found: dict[re.Match[str], re.Match[str]] = {}  # each span, and the gift word that reached it first
    for gift in gifts:
        start, end = doc.before_start(gift.start(), reach), doc.after_end(gift.end(), reach)
        # The gift's phrase runs to its punctuation: "waive the charges on every payment you make for the next nine
        # months" (a span that starts within it may end past it).
        stop = _PUNCTUATION.search(doc.norm, gift.end(), doc.after_end(gift.end(), reach * 2))
        end = max(end, stop.start() if stop else end)
        for m in _SPAN.finditer(doc.norm, start, doc.after_end(gift.end(), reach * 2 + 20)):
            if m.start() < end and _months(m) > limits.months and not _past(doc, m) \
                    and not _gone_by(m, context.today) and not _rest_apart(doc, m, gift):
                found.setdefault(m, gift)
        for m in _NEXT_ITEMS.finditer(doc.norm, start, end):
            if _count(m.group("count")) > 1:
                found.setdefault(m, gift)
    catalogue = _catalogue(context.gestures, rules)
    return [
        violation(CODE, doc.text, m.start(), m.end(), rules.message(CODE, "unbounded", quote=said(doc.text, m),
                                                                    catalogue=catalogue))
        for m, gift in sorted(found.items(), key=lambda item: item[0].start())
        if not _remedy_negated(doc, m.start(), phrases, gift) and not someone_elses(doc, m.start(), m.end(), phrases)
        and not _described(doc, m.start(), phrases, gift) and not _existing_deal(doc, m.end(), phrases)
        and not _shelf_life(doc, m, phrases) and not _time_limit(doc, m, phrases)
    ]


def _time_limit(doc: Doc, span: re.Match[str], phrases: Phrases) -> bool:
    """'dans un délai d'un an', 'en un plazo de dos meses', 'a time limit of one year' ([promises] time_limits, right
    before the span): how long the customer has to act (a claim, an appeal, the ombudsman), never how long a gift
    lasts; unless a gift's own lead stands before it ([promises] gift_span_leads: "gratis por un plazo de seis
    meses" is the gift's span)."""
    if span.groupdict().get("rest"):
        return False
    limit = phrases.pattern("promises.time_limits").search(doc.tokens, max(0, span.start() - 24), span.start())
    return limit is not None and phrases.pattern("promises.gift_span_leads").search(
        doc.tokens, max(0, limit.start() - 16), limit.start()) is None


def _rest_apart(doc: Doc, span: re.Match[str], gift: re.Match[str]) -> bool:
    """'the rest of your contract is unchanged; we add one free month': the months left on a contract are a gift's
    span only in the gift's own phrase, with no punctuation between them ("the remaining months are free")."""
    if not span.group("rest"):
        return False
    first, last = (span.end(), gift.start()) if span.end() <= gift.start() else (gift.end(), span.start())
    return _PUNCTUATION.search(doc.norm, first, last) is not None


def _shelf_life(doc: Doc, span: re.Match[str], phrases: Phrases) -> bool:
    """'the voucher is valid for 6 months': how long a gift of fixed value keeps, right before the span (in its
    clause), not a gift that lasts that long. A voucher's life is in its wording, never in a free service's
    ("your free membership is valid for 12 months" names a membership, which shelf_life does not)."""
    start = doc.before_start(span.start(), 80)
    return any(span.start() - m.end() <= 1
               for m in phrases.pattern("promises.shelf_life").finditer(doc.tokens, start, span.start()))


def _months(span: re.Match[str]) -> float:
    if span.group("rest"):
        return float("inf")
    unit = span.group("unit").lower()
    return _count(span.group("count")) * next(months for start, months in _UNIT_MONTHS if unit.startswith(start))


_PAST_SPAN = re.compile(r"(?:past|last|previous|over|for the|after|since|in|within|every|each"
                        r"|seit|vor|letzten|vergangenen|depuis|il y a|pendant|durant|ces|desde|hace|durante|los últimos"
                        r"|las últimas|últimos|últimas)\s+$", re.IGNORECASE)


def _gone_by(span: re.Match[str], today: dt.date) -> bool:
    """'the plan you took out in 2023': a calendar year already over spans no gift of ours."""
    year = span.groupdict().get("year")
    return year is not None and int(year) < today.year


def _past(doc: Doc, span: re.Match[str]) -> bool:
    """'for the past six weeks', 'two years ago', 'in six months': a span of time, not a span of a gift."""
    if span.group("rest"):
        return False
    been = re.search(r"\bbeen\b[\w\s,'-]{0,40}\bfor\s+$", doc.norm[max(0, span.start() - 60):span.start()],
                     re.IGNORECASE) is not None  # "unusable for six weeks"
    return bool(_PAST_SPAN.search(doc.norm, max(0, span.start() - 16), span.start())) or been or \
        doc.norm[span.end():span.end() + 4].lower().startswith(" ago")


def _extra_gestures(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """Something free or waived that is neither a catalogue gesture nor a fix: an upgrade, a free night,
    the next three bills waived."""
    catalogue = _catalogue(context.gestures, rules)
    return [
        violation(CODE, doc.text, m.start(), m.end(),
                  rules.message(CODE, "extra_gesture", quote=said(doc.text, m), catalogue=catalogue))
        for m in phrases.pattern("promises.extra_gestures").finditer(doc.tokens)
        if not _remedy_negated(doc, m.start(), phrases) and not someone_elses(doc, m.start(), m.end(), phrases)
        and not _described(doc, m.start(), phrases) and not _existing_deal(doc, m.end(), phrases)
        and not _in_catalogue(m.group(), context.gestures) and not _named(doc, m.start(), m.end())
        and not _spelled_out(doc, m.end(), context, phrases)
        and not _months_of_service(doc, m.start(), context, phrases)
        and not _owed_by_right(doc, m.start(), phrases)
    ]


_SPAN_BEFORE = re.compile(rf"(?<![\w-]){_COUNT}\s+months?(?:'s|’s|\s+of)\s+$", re.IGNORECASE)


def _months_of_service(doc: Doc, start: int, context: CheckContext, phrases: Phrases) -> bool:
    """'one month's free line rental', 'a month of free streaming': a free service bounded to the catalogue's months
    of service credit is that gesture, whatever the service is called."""
    span = _SPAN_BEFORE.search(doc.norm, max(0, start - 24), start)
    limit = catalogue_limits(context.gestures, phrases).months
    return span is not None and 0 < _count(span.group("count")) <= limit


_EXPLAINED = re.compile(r"\s{0,2}(?::|\s-\s|\s--\s)")


def _spelled_out(doc: Doc, end: int, context: CheckContext, phrases: Phrases) -> bool:
    """'the next few coffees are on us: we've put twenty-five dollars of credit on your account', 'your December
    membership is on us: the $19.99 fee will not be charged': a gift put in a figure of speech, then said plainly
    after a colon or a dash in the same sentence. What it is worth is judged from the plain words (the catalogue's
    sums and months are checked there), not from the figure of speech."""
    colon = _EXPLAINED.match(doc.norm, end)
    if colon is None:
        return False
    rest = (colon.end(), doc.sentence(end)[1])
    limits = catalogue_limits(context.gestures, phrases)
    sums = [money for money in find_money(doc.norm[:rest[1]]) if money.start >= rest[0]]
    months = [m for m in _MONTHS.finditer(doc.norm, *rest)]
    if any(money.value > limits.money for money in sums) or any(_count(m.group("count")) > limits.months
                                                               for m in months):
        return False
    return bool(sums or months or phrases.pattern("promises.gesture_nouns").search(doc.tokens, *rest))


_GENERIC = frozenset(("a an the one free complimentary courtesy on us your you next our of for with to and or at no "
                      "extra is are be will house").split())


def _in_catalogue(words: str, gestures: tuple[Gesture, ...]) -> bool:
    """Does the catalogue offer this thing ("a free upgrade" when it lists "a free upgrade on your next booking")?
    Compared by the words that name it, not the ones that say it is free."""
    named = [w for w in re.findall(r"[^\W\d_]+", words.lower()) if w not in _GENERIC]
    offered = {w.rstrip("s") for g in gestures for wording in (g.wording, *g.wordings.values())
               for w in re.findall(r"[^\W\d_]+", wording.lower())}
    return bool(named) and named[-1].rstrip("s") in offered  # the thing itself: "a free room upgrade" is an upgrade


def _two_gestures(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """The catalogue allows exactly one gesture: a second, different one goes beyond it."""
    offered: dict[str, re.Match[str]] = {}
    for gesture in context.gestures:
        mentions = phrases.patterns.get(f"gesture_mentions.{gesture.name}")
        if mentions is None:
            continue  # a gesture the phrase book cannot recognise is never counted
        for m in mentions.finditer(doc.tokens):
            if not (_remedy_negated(doc, m.start(), phrases) or someone_elses(doc, m.start(), m.end(), phrases)
                    or _described(doc, m.start(), phrases)):
                offered.setdefault(gesture.name, m)
                break
    if len(offered) < 2:
        return []
    first, *others = sorted(offered.values(), key=lambda m: m.start())
    return [
        violation(CODE, doc.text, m.start(), m.end(),
                  rules.message(CODE, "second_gesture", quote=said(doc.text, m), first=said(doc.text, first)))
        for m in others
    ]


def _beyond_catalogue(doc: Doc, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    limits = catalogue_limits(context.gestures, phrases)
    over: list[tuple[int, int, str, str]] = []  # start, end, what goes over (the situation), the catalogue's largest
    rates = phrases.values.get("promises.currency_rates", {})
    # Only a sum above the catalogue's largest can go over it: only those are read further (whose gesture word
    # names them, whether the draft calls them the customer's).
    sums = [(money, _gesture_word(doc, money.start, money.end, phrases)) for money in find_money(doc.norm)
            if money.value * float(rates.get(money.currency, 1.0)) > limits.money]
    own = _own_money(doc, sums, phrases)
    paid = customer_amounts(context) | own
    for money, named in sums:
        if _yours(doc, money.start) or _their_topic(doc, money.start) or \
                _entitled(doc, money.start, phrases, gift=named in ("adjacent", "after")):
            continue
        if money.local_peso and context.language == "es":
            continue  # which peso (a Mexican one is worth fifty Argentine ones) the text does not say
        # A sum the customer paid is a fix when given back ("reverse the duplicate $29.99", "the $215 will
        # appear as credit"), but not when a gesture word is its very name ("a $200 bonus credit"), unless
        # the draft itself says the sum is the customer's ("the $40 you were overcharged ... a $40 credit").
        if (named == "adjacent" and money.value not in own) or (named is not None and money.value not in paid):
            over.append((money.start, money.end, "over_money", _money(limits.money, context.gestures)))
    lowered = doc.norm.lower()
    # Substring tests first: these scans are rarely needed and cost more than the test.
    if "month" in lowered or "mois" in lowered or "monat" in lowered or "meses" in lowered:
        over += [(m.start(), m.end(), "over_months", str(limits.months))
                 for m in _MONTHS.finditer(doc.norm) if _count(m.group("count")) > limits.months]
    if any(unit in lowered for unit in _POINT_UNITS):
        large = [m for m in _POINTS.finditer(doc.norm) if _points(m) > limits.points]
        # A count the draft once calls the customer's ("the 10,000 gems you paid for") is theirs at every mention,
        # as a sum of their own money is.
        theirs = {_points(m) for m in large if _their_points(doc, m, phrases)}
        over += [(m.start(), m.end(), "over_points", str(limits.points)) for m in large if _points(m) not in theirs]
    if "%" in lowered or "cent" in lowered:
        over += [(m.start(), m.end(), "over_percent", str(limits.percent))
                 for m in _PERCENT.finditer(doc.norm) if int(m.group("count") or m.group("count2")) > limits.percent
                 and not _SALE.search(doc.norm[max(0, m.start() - 10):m.start()])  # a sale, not a gift
                 and not _yours(doc, m.start())]
    # (a month's fee given is credited "auf Ihrer Rechnung": where the gift goes, no existing deal of theirs)
    over = [item for item in over if not _existing_deal(doc, item[1], phrases)]
    over += _monthly_fees_given(doc, phrases, limits.months)
    return [
        violation(CODE, doc.text, start, end, rules.message(
            CODE, situation, quote=quoted(doc.text[start:end]), largest=largest,
            catalogue=_catalogue(context.gestures, rules)))
        for start, end, situation, largest in over
        if not _remedy_negated(doc, start, phrases) and not someone_elses(doc, start, end, phrases)
        and not _described(doc, start, phrases)
    ]


def _monthly_fees_given(doc: Doc, phrases: Phrases, most: int) -> list[tuple[int, int, str, str]]:
    """'schenken wir Ihnen zwei Monatsgrundgebühren', 'nous vous offrons deux mensualités': a count of one month's fee
    ([promises] monthly_fees) that we give (a gift lead-in or free word before it in its clause, or a free word just
    after) is that many months of credit. Not a payment plan ([promises] instalment_leads: "in drei Monatsraten")."""
    free, lead_ins = phrases.pattern("promises.free_words"), phrases.pattern("promises.gesture_lead_ins")
    plans = phrases.pattern("promises.instalment_leads")
    found = []
    for fee in phrases.pattern("promises.monthly_fees").finditer(doc.tokens):
        count = _COUNT_BEFORE.search(doc.norm, max(0, fee.start() - 30), fee.start())
        if count is None or _count(count.group("count")) <= most or \
                plans.search(doc.tokens, max(0, count.start() - 12), count.start()) is not None:
            continue
        before = doc.clause_start(count.start()), count.start()
        after = fee.end(), min(doc.sentence(fee.end())[1], fee.end() + 40)
        if lead_ins.search(doc.tokens, *before) or free.search(doc.tokens, *before) or free.search(doc.tokens, *after):
            found.append((count.start(), fee.end(), "over_months", str(most)))
    return found


# (a count, not the cents of a price: "the $19.99 monthly fee")
_COUNT_BEFORE = re.compile(rf"(?<![\w.,$£€-]){_COUNT}\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)


# (a cheap look first: "gems", "coins", "crystals" are the points of games and apps)
_POINT_UNITS = ("point", "mile", "avios", "star", "gem", "coin", "crystal", "punkte", "meilen", "punto", "milla",
                "münzen", "kristall", "juwel", "edelstein", "diamant", "cristal", "cristaux", "moneda")


def _own_money(doc: Doc, sums: list[tuple[Money, str | None]], phrases: Phrases) -> frozenset[float]:
    """Sums the draft itself names as the customer's money: charged, paid, refunded, reversed, a balance.
    `sums` pairs each sum with where a gesture word names it (`_gesture_word`)."""
    refunds = phrases.pattern("promises.refund_nouns")
    amounts, goodwill = phrases.patterns.get("promises.amount_nouns"), phrases.pattern("promises.goodwill_words")
    own = set()
    for money, named in sums:
        # "the refund of the £212 credit", "reversed the $84.60": a refund word just before the sum
        just_before = refunds.search(doc.tokens, doc.before_start(money.start, 16), money.start)
        # but "an amount of 150 € as goodwill" ("ein Betrag von 150 € als Kulanzleistung") is the gift it names
        if just_before and amounts is not None and amounts.match(doc.tokens, *just_before.span()) is not None \
                and goodwill.search(doc.tokens, money.end, doc.after_end(money.end, 30)) is not None:
            just_before = None
        if named is None or (just_before and named != "before"):
            own.add(money.value)
    return frozenset(own)


def _points(m: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", m.group("count")))


def _their_points(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """'your 95,000 miles', 'the 42,000 Avios that expired are back': the customer's own balance, not a gift; 'just over
    160,000 miles on it': the distance a vehicle has run ([promises] their_points_before, right before the count;
    their_points_after, right after it, past punctuation alone)."""
    if phrases.pattern("promises.their_points_before").search(doc.tokens, max(0, m.start() - 30), m.start()):
        return True
    after = phrases.pattern("promises.their_points_after").search(doc.tokens, m.end(), min(len(doc.norm), m.end() + 40))
    return after is not None and _WORD.search(doc.norm, m.end(), after.start()) is None


_WORD = re.compile(r"\w")


_TOPIC = re.compile(r"\b(?:about|regarding|concerning|re:?)\s+(?:the|your|a|an|that|this)\s+$", re.IGNORECASE)


def _their_topic(doc: Doc, start: int) -> bool:
    """'Thank you for reaching out about the $250 gift made from your account': the sum the customer wrote about."""
    return _TOPIC.search(doc.norm, max(0, start - 30), start) is not None


def _entitled(doc: Doc, start: int, phrases: Phrases, gift: bool = False) -> bool:
    """A sum owed to the customer by a rule, a scheme or their cover ([promises] entitlements, in its sentence or
    the one before): regulated compensation or a claim payment is not a goodwill gesture of ours. A sum a gift noun
    names ("£150 store credit", `gift`) is owed only when the entitlement speaks of it, in its own clause: "I'm adding
    £150 store credit; the repair is covered under your policy" gives the credit beside what the cover owes."""
    first, end = doc.sentence(start)
    previous = first
    while previous > 0:  # the sentence before, past the blank line between paragraphs (round t19r: "the claim is
        previous, stop = doc.sentence(previous - 1)  # covered.\n\nWe will pay the indemnity of ...")
        if doc.norm[previous:stop].strip():
            break
    entitlements = phrases.pattern("promises.entitlements")
    if phrases.pattern("promises.goodwill_words").search(doc.tokens, first, end) is not None:
        return False
    negators = phrases.pattern("text.negators")
    # the sentence before owes it only where it is not denied there ("aucune compensation ne vous est due")
    before = any(negators.search(doc.tokens, max(previous, m.start() - 40), m.start()) is None
                 for m in entitlements.finditer(doc.tokens, previous, first))
    if not gift or before:
        return before or entitlements.search(doc.tokens, first, end) is not None
    return any(not _joined(doc, phrases, min(m.end(), start), max(m.start(), start))
               and doc.clause_start(m.start()) == doc.clause_start(start)
               for m in entitlements.finditer(doc.tokens, first, end))


def _joined(doc: Doc, phrases: Phrases, start: int, end: int) -> bool:
    """A second main clause between an entitlement and a sum: "the repair is covered by your plan, and I'm adding"
    ([promises] second_clause_joints), or a semicolon (which the clause breaks, matched on words, do not see)."""
    return ";" in doc.norm[start:end] or \
        phrases.pattern("promises.second_clause_joints").search(doc.tokens, start, end) is not None


def _yours(doc: Doc, start: int) -> bool:
    """'your $50 travel voucher': a sum the customer already holds, not one we give."""
    return doc.norm[max(0, start - 5):start].lower().endswith("your ")


def catalogue_limits(gestures: tuple[Gesture, ...], phrases: Phrases) -> Limits:
    """The caps from phrases.toml, or (when 0 there) the largest the catalogue's gestures offer."""
    return _limits(" ; ".join(g.wording for g in gestures), tuple(g.value for g in gestures),
                   phrases.value("promises.max_money"), phrases.value("promises.max_months"),
                   phrases.value("promises.max_points"), phrases.value("promises.max_percent"))


@lru_cache(maxsize=32)
def _limits(wordings: str, values: tuple[float, ...], money: float, months: int, points: int, percent: int) -> Limits:
    return Limits(
        money=float(money) or max([*values, *(m.value for m in find_money(wordings))], default=0.0),
        months=int(months) or max((_count(m.group("count")) for m in _MONTHS.finditer(wordings)), default=0),
        points=int(points) or max((int(re.sub(r"\D", "", m.group("count"))) for m in _POINTS.finditer(wordings)),
                                  default=0),
        percent=int(percent) or max((int(m.group("count") or m.group("count2")) for m in _PERCENT.finditer(wordings)),
                                    default=0),
    )


def _gesture_word(doc: Doc, start: int, end: int, phrases: Phrases) -> str | None:
    """Where a gesture word names this sum: "adjacent" ("$50 voucher", "$50 bonus credit"), "after" ("$50
    added as credit"), "before" ("credit of $50"), or None (no gesture word, or a refund word is nearer)."""
    window = int(phrases.value("promises.amount_window_chars"))
    # "a goodwill payment of £150, which will be paid into your account": a gift word just before names it
    # (unless a charge is named between the lead-in and the sum: "the fee, plus the tax of £40 charged on it" adds a
    # charge of the customer's to what is given back)
    # (nor when the sum is what the customer was charged: "the extra £640 charged for the larger radiators" names an
    # extra charge of theirs, [promises] charged_after right after the sum)
    lead_in = _lead_in_end(doc, phrases, doc.before_start(start, 25), start)
    charged = phrases.patterns.get("promises.charged_after")
    if lead_in >= 0 and phrases.pattern("promises.charge_nouns").search(doc.tokens, lead_in, start) is None \
            and (charged is None or charged.match(doc.tokens, next_word(doc.norm, end)) is None):
        return "before"
    # Only the words between this sum and the next (or previous) number belong to it.
    after_end = doc.after_end(end, window)
    next_number = _NUMBER.search(doc.norm, end, after_end)
    after = (end, next_number.start() if next_number else after_end)
    gesture_after = phrases.pattern("promises.gesture_nouns").search(doc.tokens, *after)
    adjacent_only = phrases.patterns.get("promises.adjacent_gesture_nouns")
    if gesture_after and adjacent_only and adjacent_only.match(doc.tokens, gesture_after.start()) and (
            not _ONE_WORD.fullmatch(doc.norm, end, gesture_after.start())
            or phrases.pattern("promises.paid_off_before").search(doc.tokens, doc.before_start(start, 20), start)):
        gesture_after = None  # "$412 looks way off", "paying the $1,380 off": not "$10 off"
    if gesture_after and phrases.pattern("promises.none_of").search(doc.tokens, max(end, gesture_after.start() - 12),
                                                                    gesture_after.start()):
        gesture_after = None  # a gift refused is no name for the sum: "the excess of £250 applies, and no compensation"
    refund_after = phrases.pattern("promises.refund_nouns").search(doc.tokens, *after)
    adding = phrases.pattern("promises.adding_verbs")
    if refund_after is not None and _ADDED_TO.match(doc.norm, end, refund_after.start()) and \
            adding.search(doc.tokens, max(doc.clause_start(start), start - 40), start):
        refund_after = None  # the refund the sum is added to, not its name: "I've added €100 to your refund"
    if gesture_after or refund_after:
        if gesture_after and (refund_after is None or gesture_after.start() < refund_after.start()):
            return "adjacent" if _ONE_WORD.fullmatch(doc.norm, end, gesture_after.start()) else "after"
        return None
    before_start = doc.before_start(start, window)
    previous = [n.end() for n in _NUMBER.finditer(doc.norm, before_start, start)]
    before = (previous[-1] if previous else before_start, start)
    refunds = phrases.pattern("promises.refund_nouns")
    gesture_end = max(_last_end(phrases.pattern("promises.gesture_nouns"), doc, *before),
                      _lead_in_end(doc, phrases, *before))
    if gesture_end > max(_last_end(refunds, doc, *before),
                         _last_end(phrases.pattern("promises.charge_nouns"), doc, *before)):
        return "before"
    # A lead-in earlier in the clause, however long the words between ("As a goodwill gesture we have today added
    # to your account 80 GBP", "Als Entschädigung schreiben wir Ihrem Kundenkonto CHF 80 gut"): it names the sum
    # when no other number and no nearer refund word stands between them.
    clause = doc.clause_start(start)
    if previous or clause >= before[0]:
        return None
    earlier = [n.end() for n in _NUMBER.finditer(doc.norm, clause, before[0])]
    span = (earlier[-1] if earlier else clause, start)
    lead_end = _lead_in_end(doc, phrases, *span)
    return "before" if lead_end >= 0 and lead_end > _last_end(refunds, doc, *span) else None


# A sum put onto a refund: "€100 to your refund", "£60 on top of the amount we return" (what follows is the refund's
# name, not the sum's)
_ADDED_TO = re.compile(r"\s+(?:to|onto|on top of|in addition to)\s", re.IGNORECASE)


def _lead_in_end(doc: Doc, phrases: Phrases, start: int, end: int) -> int:
    """Where the last gift lead-in in doc[start:end] ends, or -1. A lead-in whose object is a piece of paper
    ([promises] documents_sent: "send you a statement confirming the £18,500 has arrived") names no sum after it."""
    last = _last_end(phrases.pattern("promises.gesture_lead_ins"), doc, start, end)
    papers = phrases.patterns.get("promises.documents_sent")
    if last >= 0 and papers is not None and papers.search(doc.tokens, last, end) is not None:
        return -1
    return last


_SALE = re.compile(r"\b(?:up to|bis zu|jusqu'à|hasta(?: un)?)\s+$", re.IGNORECASE)  # "up to 50% off": a sale
_TITLE_WORD = re.compile(r"[A-Z][\w'-]*")
# (French and Spanish too: "Garantía Total", "Pack Illimité". Not German, which writes every noun in Title Case.)
_NAME_WORDS = re.compile(r"guarantee|promise|lifetime|forever|assur|unlimited|certain|always|never|garanti|vitalic"
                         r"|illimit|ilimit", re.IGNORECASE)


def _named(doc: Doc, start: int, end: int) -> bool:
    """Is the promise word part of a name: "Guaranteed Next Day", "our Happiness Guarantee", "Lifetime Care"?
    Title Case beside another Title Case word (not "I") is a product or scheme, not our commitment."""
    for word in re.finditer(r"[\w'-]+", doc.norm[start:end]):
        if not (_NAME_WORDS.match(word.group()) and word.group()[0].isupper()):
            continue
        at = start + word.start()
        before = re.search(r"([\w'-]+)\W{1,2}$", doc.norm[max(0, at - 30):at])
        after = re.match(r"\W{1,2}([\w'-]+)", doc.norm[at + len(word.group()):at + len(word.group()) + 30])
        neighbours = [m.group(1) for m in (before, after) if m]
        if any(_TITLE_WORD.fullmatch(n) and n != "I" for n in neighbours):
            return True
        # "the $14.99 Guaranteed by Christmas shipping fee", "you paid for **Guaranteed** delivery": a promise word in
        # Title Case in the middle of a sentence is a name (not one that opens a sentence, a line or a list item)
        if word.group()[1:].islower() and _MID_SENTENCE.search(doc.norm, max(0, at - 30), at) and \
                not _WE_BEFORE.search(doc.norm, max(0, at - 30), at):
            return True
    return False


# Just before a word: a word, a number or a comma on the same line, then spaces and markup only.
_WE_BEFORE = re.compile(r"\b(?:I|we|I'll|we'll|I will|we will|I can|we can)\s+$", re.IGNORECASE)
_MID_SENTENCE = re.compile(r"[^\W_][\s*_\"'“‘(]*$|,[\s*_\"'“‘(]*$")


def _hedged(doc: Doc, pos: int, phrases: Phrases) -> bool:
    start = doc.before_start(pos, int(phrases.value("text.window_chars")))
    return bool(phrases.pattern("promises.hedges").search(doc.tokens, start, pos))


def _negated(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """A negation right before ("delivery is not guaranteed"), or right after, before the next comma, where a
    language puts it after the verb ("das garantieren wir Ihnen nicht", but not "wir garantieren, dass es nicht
    wieder vorkommt")."""
    if phrases.pattern("text.negators").search(doc.tokens, _phrase_start(doc, m.start(), 15), m.start()):
        return True  # (not across a comma: "But don't worry, I guarantee ...")
    end = doc.after_end(m.end(), 30)
    comma = _PUNCTUATION.search(doc.norm, m.end(), end)
    return bool(phrases.pattern("text.negators_after").search(doc.tokens, m.end(), comma.start() if comma else end))


_PUNCTUATION = re.compile(r"[,;:.!?]")


def _described(doc: Doc, pos: int, phrases: Phrases, gift: re.Match[str] | None = None) -> bool:
    """Words before, in the clause, that make this something the customer bought or already had:
    "you paid for our guaranteed next-day service" describes the past, it promises nothing new. (Not the gift's own
    words: "you won't be charged for" is no charge the customer paid.)"""
    return any(_outside(m, gift) for m in
               phrases.pattern("promises.described").finditer(doc.tokens, _phrase_start(doc, pos, 35), pos))


def _phrase_start(doc: Doc, pos: int, window: int) -> int:
    """Start of the words just before `pos` in its phrase: its clause, at most `window` back, and not across a
    comma followed by a new subject ("the $68.40 you paid, and I've added a $100 credit")."""
    start = doc.before_start(pos, window)
    cut = [m.end() for m in _NEW_PHRASE.finditer(doc.norm, start, pos + 12) if m.end() <= pos]
    return cut[-1] if cut else start


_NEW_PHRASE = re.compile(r"[,;]\s+(?:(?:and|so|but|then)\s+)?(?=(?:I|we|you|I'm|I've|I'll|we've|we'll|we're)\b)"
                         r"|[,;]\s+(?:and|so|but|then)\s", re.IGNORECASE)


def _existing_deal(doc: Doc, pos: int, phrases: Phrases) -> bool:
    """Words just after a discount that make it the customer's own deal: "the 20% coupon on your receipt"."""
    stop = _PUNCTUATION.search(doc.norm, pos, doc.after_end(pos, 100))  # to the end of its phrase, 50 at least
    end = max(doc.after_end(pos, 50), stop.start() if stop else doc.after_end(pos, 50))
    return bool(phrases.pattern("promises.existing_deal").search(doc.tokens, pos, end))


def _first_within(phrase_list: PhraseList, doc: Doc, start: int, end: int) -> re.Match[str] | None:
    """The first match that starts in doc[start:end] (it may run past `end`)."""
    found = phrase_list.search(doc.tokens, start, doc.after_end(end, 80))
    return found if found is not None and found.start() < end else None


def _remedy_negated(doc: Doc, pos: int, phrases: Phrases, gift: re.Match[str] | None = None) -> bool:
    """A negation earlier in the clause: "I won't pretend any voucher makes up for every day you waited"; a bare
    "not" or "no" only just before ("no free shipping for life"). Not the gift's own words: "you won't be charged
    for a single class in 2027" gives, it does not deny."""
    lists = (("promises.remedy_negators", 80), ("promises.remedy_negators_near", 40))
    return any(_outside(m, gift) for key, back in lists
               for m in phrases.pattern(key).finditer(doc.tokens, doc.before_start(pos, back), pos))


def _outside(m: re.Match[str], gift: re.Match[str] | None) -> bool:
    """Is the match no part of the gift's own words?"""
    return gift is None or m.end() <= gift.start() or m.start() >= gift.end()


def _last_end(phrase_list: PhraseList, doc: Doc, start: int, end: int) -> int:
    matches = phrase_list.finditer(doc.tokens, start, end)
    return matches[-1].end() if matches else -1


def _count(word: str) -> int:
    word = word.lower().replace("-", " ") if not word.isdigit() else word
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, _NUMBER_WORDS.get(word.replace(" ", "-"), 1))


def _money(value: float, gestures: tuple[Gesture, ...]) -> str:
    currency = next((g.currency for g in gestures if g.value == value and g.currency), "")
    return f"{value:g} {currency}".strip()


def _catalogue(gestures: tuple[Gesture, ...], rules: Rules) -> str:
    """The catalogue's gestures for {catalogue}, or the rule book's words for none."""
    return "; ".join(f"'{g.wording}'" for g in gestures) or rules.text(CODE, "catalogue_empty")


CHECKS = (Check(CODE, check_over_promise),)
