"""What a tool's own text says it is for, when that is harm (`description-text`):

- a stated harmful purpose (`harmful_purposes`): keylogging ("captures every keystroke"), theft of
  credentials, cookies, keys or wallets ("harvests saved browser passwords"), a crypto address
  swapped ("replaces the copied wallet address with …", a clipboard hijacker), an attack on
  critical infrastructure (a cyberattack, sabotage, takedown, breach or unauthorised access aimed
  at a power grid, a dam, emergency lines, water supply …), the use of a weapon ("arm a warhead",
  "launch a missile"). A defensive
  statement about the same thing ("detects keyloggers", "checks whether passwords were stolen",
  "never stores your keystrokes") is not one: a word of detection, protection, testing or negation
  in the few words before it cancels the match.
- personal data of high value asked for in the input schema (`pii_requests`): a social security
  number, a card number or its CVV, a passport number, bank account, routing number or IBAN, the
  answer to a security question, a wallet's seed phrase or private key, when the tool's name,
  title and description state no purpose that needs it (a payment for a card or a bank account;
  tax, payroll, identity checks for a social security or passport number; signing a transaction
  for a private key). A seed phrase and a security answer have no such purpose: no tool needs
  them from the conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_DET = r"(?:(?:all|every|each|the|any|a|stored|saved|cached|user'?s?|users'?|their|victim'?s?|browser|system|local|" \
       r"login|account|target|crypto(?:currency)?) )*"
# keylogging: the word, or capturing *everything* typed (a macro recorder records the keystrokes of a macro)
_KEYLOG = re.compile(
    r"\bkey ?loggers?\b|\bkey ?logging\b|\b(?:captur|record|log|monitor|intercept|track|sniff)\w* "
    r"(?:(?:all|every|each|the|user'?s?|users'?|their|victim'?s?) )*(?:all|every|each|user'?s?|users'?|their|victim'?s?) "
    r"(?:keystrokes?|key ?presses|keyboard input|typed (?:text|input|characters))\b|"
    r"\b(?:captur|record|log|monitor|intercept|sniff)\w* " + _DET + r"typed passwords?\b", re.I)
_THEFT = re.compile(
    r"\b(?:harvest|steal|stole|exfiltrat|siphon|skim|pilfer|loot)\w* " + _DET +
    r"(?:credentials?|passwords?|logins?|cookies|session (?:tokens|cookies)|api keys|access tokens|auth tokens|"
    r"private keys|seed phrases?|recovery phrases?|mnemonics?|wallets?|ssh keys|secrets|credit cards?|card numbers|"
    r"bank (?:details|credentials))\b", re.I)
_SWAP = re.compile(
    r"\b(?:replac|swap|substitut|redirect|rewrit|hijack)\w* " + _DET +
    r"(?:(?:copied|clipboard|destination|recipient|target|payout|withdrawal|wallet|bitcoin|btc|eth(?:ereum)?|"
    r"payment|transfer|deposit) )*(?:wallet )?address(?:es)?\b|\bclipboard (?:hijack\w*|swap\w*)", re.I)
_CRYPTO = re.compile(r"\b(?:wallet|crypto\w*|bitcoin|btc|ethereum|eth|on-?chain|usdt|usdc|solana|token transfers?)\b", re.I)
# the swap goes somewhere the text fixes: the clipboard, "our"/the attacker's wallet, a literal address
_FOREIGN = re.compile(r"\bclipboard\b|\b(?:our|attacker'?s?|a hard-?coded|a fixed|a different|another) (?:own )?"
                      r"(?:wallet|address)\b|\b0x[0-9a-fA-F]{40}\b|\b(?:bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}\b")
# a word just before the match that makes it a statement about detecting or preventing the harm
_DEFENSIVE = re.compile(
    r"(?:\b(?:detect|prevent|protect|block|scan|check|audit|guard|defend|warn|flag|report|simulat|test|stop|avoid)"
    r"(?:s|es|ing|e|es)?|\bidentif(?:y|ies|ying)|\b(?:against|anti|never|not|no|without|whether))\b[^.;:]{0,30}$", re.I)


@dataclass(frozen=True)
class Purpose:
    label: str  # "keylogging", "credential theft", "crypto address swap"
    quote: str  # the words that state it


def _stated(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for m in rx.finditer(text):
        if not _DEFENSIVE.search(text[max(0, m.start() - 60):m.start()]):
            yield m


# an attack on critical infrastructure: an act of attack and the infrastructure it is aimed at
_INFRA = (r"(?:(?:national |regional |city'?s? |the )?(?:power|electric(?:al|ity)?|energy) grids?|hydroelectric dams?|"
          r"dams?'?s? (?:floodgates?|controls?|spillways?)|floodgates?|water (?:supply|treatment|utilit(?:y|ies))|"
          r"emergency (?:lines|services|response systems?|dispatch)|911|air traffic control|"
          r"nuclear (?:plants?|reactors?|facilit(?:y|ies))|"
          r"(?:gas|oil) pipelines?|hospitals?'? (?:systems?|networks?)|railway signal\w*)")
_ATTACK = re.compile(
    r"\b(?:cyber-?attacks?|sabotag\w*|take ?downs?|unauthori[sz]ed access|breach\w*|collapse|overload)\b[^.;\n]{0,60}?\b"
    + _INFRA + r"\b", re.I)
# using a weapon: arming a warhead, launching a missile at or toward something
_WEAPON = re.compile(r"\barm(?:s|ing)? (?:a |the )?(?:\w+ )?(?:nuclear )?warheads?\b|\blaunch\w* (?:a |the )?(?:\w+ )?"
                     r"(?:missiles?|warheads?|icbms?)\s+(?:at|toward|towards|against|on)\b", re.I)


def harmful_purposes(text: str) -> list[Purpose]:
    """The harmful purposes a tool's text states about itself (defensive statements left out)."""
    out: list[Purpose] = []
    for label, rx in (("keylogging", _KEYLOG), ("credential theft", _THEFT),
                      ("attack on critical infrastructure", _ATTACK), ("weapon use", _WEAPON)):
        m = next(_stated(rx, text), None)
        if m is not None:
            out.append(Purpose(label, m.group(0)))
    m = next(_stated(_SWAP, text), None)
    if m is not None and _CRYPTO.search(text) and (_FOREIGN.search(text) or "clipboard" in m.group(0).lower()):
        out.append(Purpose("crypto address swap", m.group(0)))
    return out


# ------------------------------------------------------------------ personal data asked for

_FIELDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("social security number", re.compile(r"^(?:ssn|social_?security(?:_?number|_?no)?|sin_?number|ssn_?last_?4)$"),
     re.compile(r"\bsocial security(?: number)?\b|\bSSN\b")),
    ("card number or CVV", re.compile(r"^(?:(?:credit_?|debit_?)?card_?(?:number|no|num|cvv|cvc)|credit_?card|cc_?(?:number|num)|"
                                      r"cvv2?|cvc2?|card_?verification(?:_?code|_?value)?|card_?security_?code)$"),
     re.compile(r"\b(?:credit|debit) card number\b|\bcard number\b|\bCVV2?\b|\bCVC\b|\bcard verification\b", re.I)),
    ("passport number", re.compile(r"^passport(?:_?number|_?no|_?num)?$"), re.compile(r"\bpassport number\b", re.I)),
    ("bank account", re.compile(r"^(?:bank_?account(?:_?number|_?no)?|routing_?number|iban|sort_?code)$"),
     re.compile(r"\bbank account number\b|\brouting number\b|\bIBAN\b")),
    ("security question answer", re.compile(r"^(?:mothers?_?maiden(?:_?name)?|security_?answer|secret_?answer)$"),
     re.compile(r"\bmother'?s maiden name\b|\bsecurity (?:question )?answer\b", re.I)),
    ("wallet seed phrase",
     re.compile(r"^(?:seed(?:_?phrase|_?words)?|recovery_?phrase|mnemonic(?:_?phrase)?|wallet_?seed|secret_?phrase)$"),
     re.compile(r"\b(?:seed|recovery|mnemonic|secret) phrase\b|\bmnemonic\b", re.I)),
    ("private key", re.compile(r"^(?:wallet_?)?private_?key$"), re.compile(r"\bwallet'?s? private key\b", re.I)),
)
# purposes that need the field, in the tool's own name, title or description
_PURPOSES: dict[str, re.Pattern[str] | None] = {
    "social security number": re.compile(
        r"\b(?:tax\w*|payroll|w-?[29]|1099|irs|kyc|know your customer|identity verification|verify\w* (?:\w+ )?identity|"
        r"background checks?|employ\w*|hiring|onboard\w*|credit (?:checks?|reports?|scores?)|loans?|mortgages?|"
        r"insurance|benefits|ssn|social security)\b", re.I),
    "card number or CVV": re.compile(
        r"\b(?:pay|payments?|charg\w*|checkout|billing|invoices?|purchas\w*|orders?|refunds?|subscri\w+|donat\w+|"
        r"tokeni[sz]\w*|stripe|paypal|braintree|adyen|(?:credit|debit) cards?|card numbers?|luhn)\b", re.I),
    "passport number": re.compile(r"\b(?:travel|flights?|book\w*|visa|immigration|kyc|identity verification|"
                                  r"verify\w* (?:\w+ )?identity|check-?in|passports?)\b", re.I),
    "bank account": re.compile(r"\b(?:pay\w*|transfer\w*|payroll|direct deposit|deposit\w*|withdraw\w*|billing|invoices?|"
                               r"bank\w*|iban|sepa|ach|wire)\b", re.I),
    "security question answer": None,
    "wallet seed phrase": None,
    "private key": re.compile(r"\b(?:sign\w*|transactions?|deploy\w*|smart contracts?|transfer\w*|send\w*)\b", re.I),
}


def _words(name: str) -> str:
    """`creditCardNumber` / `credit-card-number` as `credit_card_number`."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[-\s]+", "_", snake).lower()


def _properties(schema: Any, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > 6 or not isinstance(schema, dict):
        return
    props = schema.get("properties")
    if isinstance(props, dict):
        for key, value in props.items():
            yield prefix + str(key), value
            yield from _properties(value, f"{prefix}{key}.", depth + 1)
    items = schema.get("items")
    if isinstance(items, dict):
        yield from _properties(items, f"{prefix}[].", depth + 1)


def pii_requests(schema: Any, own_text: str) -> list[tuple[str, str]]:
    """(parameter, what it asks for) for each high-value personal datum the input schema asks for
    with no purpose in `own_text` (the tool's name, title and description) that needs it."""
    out: list[tuple[str, str]] = []
    for path, prop in _properties(schema):
        name = _words(path.rsplit(".", 1)[-1])
        description = prop.get("description") if isinstance(prop, dict) else None
        for label, by_name, by_description in _FIELDS:
            if not (by_name.match(name) or (isinstance(description, str) and by_description is not None
                                            and by_description.search(description))):
                continue
            purpose = _PURPOSES[label]
            if purpose is None or not purpose.search(own_text):
                out.append((path, label))
            break
    return out
