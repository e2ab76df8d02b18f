"""The cleaner's rules: the built-in rule tables, as data, and :class:`CleanConfig`.

Rules are regular expressions grouped by removal kind (:attr:`CleanConfig.KINDS`): whole-line
rules (:data:`LINE_PATTERNS`), inline rules (:data:`INLINE_PATTERNS`), caption markers, the
comment-block rules, list bullets and block-quote markers. :class:`CleanConfig` holds a copy of
them; YAML files add patterns or switch kinds off (see ``configs/cleaning.yaml``), and every
regex is checked when the config is built. :class:`framing.text.clean.Cleaner` compiles them
(:func:`alternation` makes one regex of a kind's list).

Every built-in rule runs in time linear in its input: no rule nests or overlaps repeats that can
split a run of characters more than one way, rules that take the spaces before a match start
where the run of spaces starts (``(?<![ \t])[ \t]*``) and look-arounds are bounded (the rules
need no possessive repeats, so they run on Python 3.10 too). ``tests/text/test_growth.py`` and
``tests/text/test_rule_shapes.py`` check it on every rule's own adversarial shapes. Patterns added
from YAML are the user's to keep linear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from framing.text.layout import LIST_MARKER

__all__ = [
    "BULLET",
    "CAPTION_MARKERS",
    "COMMENT_BODY",
    "COMMENT_START",
    "ENUMERATION",
    "INLINE_PATTERNS",
    "LETTER_MARKER",
    "LINE_PATTERNS",
    "NAME_LINE",
    "PARTY_TITLE",
    "QUOTE_MARKER",
    "RELATED_HEADING",
    "SENTENCE_KINDS",
    "TEASER_END",
    "CleanConfig",
    "alternation",
]

_AGENCIES = (
    r"(?:AFP|AP|Reuters|REUTERS|Getty Images|EPA|Anadolu(?: Agency)?|Xinhua|IRNA|WANA"
    r"|Tasnim|Mehr|Fars|ISNA|IRIB|Shutterstock)"
)

# Pieces of the metadata and byline rules: a date ("Aug. 13, 2025", "13 August 2025", "24/06/2025",
# "2025-06-24", with a weekday before it), a time ("21:54", "5:00PM", "1:18 p.m. EDT"), an age
# ("8 hours ago") and a reading time ("3 min read", "Two-minute read"). Every repeat is bounded and
# no two adjacent pieces can take the same characters more than a few ways.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_YEAR = r"(?:19|20)\d\d"
_DATE = (
    rf"(?:{_WEEKDAY} ?, ?)?(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? {_YEAR}"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_YEAR}|{_YEAR}-\d\d-\d\d)"
)
_TIME = r"\d{1,2}:\d\d(?::\d\d)?(?: ?[AaPp]\.?[Mm]\.?)?(?: (?:[A-Z]{2,4}|GMT[+-]\d{1,2}))?"
# a prompt addresses the reader somewhere in its line (looked for within the line's first 240
# characters, so the look-ahead is bounded)
_TO_READER = r"[^\n]{0,240}?\b(?:you|your|our|we|us|free|here|now|today)\b"
_AGE = r"(?:\d{1,3}|an?|one) (?:second|minute|min|hour|hr|day|week|month)s? ago"
_READ = (
    r"(?:\d{1,3}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
    r"[- ](?:min|minute)s?[- ](?:read|listen)"
)
_STAMP_WORD = (
    r"(?:(?:Last )?[Uu]pdated(?: [Aa]t)?|Published(?: date| on| at)?|Posted(?: on| at)?"
    r"|Publish [Dd]ate|Date(?: published)?|Time)"
)
_STAMP = rf"(?:{_STAMP_WORD} ?:? ?)?(?:{_DATE}|{_TIME}|{_AGE}|{_READ})"
# a site or place name before a date ("The Hill, Aug. 13, 2025", "Arab News9 hours ago"): one to
# four words in mixed case (an upper-case place before a date opens a dateline, which is content)
_NAME_WORD = r"[A-Z][a-z][\w'’.&-]{0,24}"
_SITE = (
    rf"(?:(?:Published|Posted|Appeared) (?:in|on|by) (?:the )?)?"
    rf"(?:The )?{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?:,? ?)"
)
# a person's name in a byline: capitalised words, initials, particles ("al-", "van", "de")
_PERSON = (
    r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.? )?[A-Z][\w'’.-]{0,30}"
    r"(?: (?:[A-Z][\w'’.-]{0,30}|van|von|de|der|del|al|el|bin|ibn|and|&)){0,6}"
)
_ROLE = (
    r"(?:[\w'’-]{1,20} ){0,4}(?:editor|correspondent|reporter|writer|columnist|analyst"
    r"|contributor|fellow|producer|journalist|bureau(?: chief)?|staff)"
)

# A heading over other articles' headlines ("Also in Opinions", "You should read…"): the short
# unterminated lines right after it are those headlines (kind "related").
RELATED_HEADING = (
    r"(?i)(?:also|more) in [A-Z][\w ]{0,30}|you should read(?:…|\.\.\.)?"
    r"|on the same topic|more articles|popular articles|editor'?s? picks|must read|spotlight"
    r"|all news|more from [\w ]{1,30}|in (?:other|related) news|related (?:articles|stories|news)"
)
# A line that is only a name (a byline broken over lines: "by" / "Mona Yacoubian", "By MAX BOOT" /
# "Washington Post"): one to four capitalised words.
NAME_LINE = r"(?:The )?[A-Z][\w'’.-]{0,30}(?: (?:[A-Z][\w'’.-]{0,30}|al|de|van|bin)){0,3}"
# A teaser: a headline cut short by the page, ending in an ellipsis right after a word.
TEASER_END = r"\w(?:…|\.\.\.)$"
# Kinds whose whole-line rules are also tried on each sentence of a longer line (a paywall or
# newsletter prompt run into a paragraph); only sentences of at least three words.
SENTENCE_KINDS = ["prompt", "source_note", "chrome"]

# -- default rules ------------------------------------------------------------------------------
# Whole-line rules: a stripped line that fully matches one of these is removed with that kind.
LINE_PATTERNS: dict[str, list[str]] = {
    "chrome": [
        r"(?i)skip to (?:main |primary )?(?:content|navigation|search)",
        r"(?i)(?:read|see) (?:also|more|next)(?: on .{1,40})?",
        r"(?i)related(?: (?:articles?|stories|story|news|posts?|coverage|content|topics))?",
        r"(?i)latest(?: (?:news|stories|articles|updates|videos))?",
        r"(?i)most (?:read|popular|viewed|shared)(?: (?:stories|articles))?",
        r"(?i)trending(?: now| stories)?|top stories|more stories|you (?:may|might) also like",
        r"(?i)recommended(?: for you| stories)?|editor'?s picks?|don'?t miss",
        r"(?i)advertisement|sponsored(?: content)?|ad(?:vert)?|promoted",
        r"(?i)share(?: (?:this|on \w+|via \w+))*(?: (?:article|story|page|post))?",
        r"(?i)(?:print|email|e-mail|whatsapp|facebook|twitter|telegram|linkedin|copy link)",
        r"(?i)(?:post|leave|add|write) a (?:comment|reply)|\d+ comments?|comments?(?: \(\d+\))?",
        # calls to action name what to subscribe to or where to follow; never a clause
        r"(?i)(?:subscribe|sign up|register)\b[^,.;!?]{0,60}\b(?:newsletters?|updates|alerts"
        r"|free|today|now|here)\b[^,.;!?]{0,30}[.!]?",
        r"(?i)(?:follow|join|like) (?:us|him|her|them|me)(?: (?:on|at))? (?:facebook|twitter|x"
        r"|telegram|instagram|whatsapp|youtube|linkedin|tiktok|bluesky|threads|google news"
        r"|social media)\b[^,.;!?]{0,40}[.!]?",
        r"(?i)download (?:our|the) app\b[^,.;!?]{0,40}[.!]?",
        r"(?i)loading(?:\.\.\.|…)?|back to top|menu|search|home|close|next|previous",
        # page furniture seen in scraped pages: logos, share buttons, font size, language switch
        # a logo's alt text: the site's name in capitalised words ("Al Mayadeen logo"), not a
        # headline ("Iran unveils new airline logo")
        r"(?i)(?-i:(?:[A-Z][\w'’&.-]{0,20} ){0,4})logo|short url"
        r"|follow(?: us(?: on social(?: media)?)?)?"
        r"|pinterest|reddit|google cta|copy (?:in|to) clipboard\.{0,3}|a\+ a-|site advertisement"
        r"|download (?:the )?app(?: arrow down)?|english|arabic|français|about us|contact us",
        r"(?i)comments? \(\d{1,6}\)(?: comments?)?|read the original article\.?"
        r"|read more (?:in|on|at) (?:the )?[A-Z][\w ]{0,40}\.?",
        # an image file name, a breadcrumb glued to "Home", a feed's closing mark
        r"[\w.-]{1,80}\.(?:jpe?g|png|gif|webp)|Home(?=[A-Z])[^\n.!?]{1,240}|\]\]>",
        r"The post .{1,300} appeared first on [\w.-]{1,60}\.?",
        r"(?i)(?:opinion )?editor['’]s note: .{1,400}",
        r"(?i)this (?:article|story|page) (?:will be|is being|has been) updated\b[^\n]{0,100}",
        r"(?i)for (?:more|further) (?:information|details)\b[^.!?\n]{0,80},"
        r" (?:see|visit|go to|read)\b[^.!?\n]{0,80}[.!]?",
        # a tag list: short items separated by commas or bars, never a clause, at most 2,000
        # characters. An item (at most 40 characters, the first 41) holds no separator and starts
        # and ends with a non-space (the first may start with a bar), so a line splits into items
        # one way only: no backtracking across items. Between two items, a run of separators and
        # spaces with no two commas or semicolons in a row; the list may end with a separator
        # other than a comma or semicolon. (The length bound keeps the regex engine's memory for
        # the repeated items small.)
        r"(?i)(?:tags?|topics?|keywords|filed under)(?=.{0,2000}\Z)\s*:\s*"
        r"[^\s,.;!?](?:[^,.;!?|•/]{0,39}[^\s,.;!?|•/])?"
        r"(?:\s*[,|;•/](?:[\s|•/]|(?<=[\s|•/])[,;])*"
        r"(?:[^\s,.;!?|•/](?:[^,.;!?|•/]{0,38}[^\s,.;!?|•/])?|\Z))*\s*(?<![,;])",
        # (the spaces after "copyright" are read once: "\s*(?:©)?\s*" read them quadratically)
        r"(?i)(?:copyright\s*(?:(?:©|\(c\))\s*)?\d{4}|©|\(c\)\s*\d{4}).{0,120}"
        r"|all rights reserved\.?",
    ],
    # a line of dates, times, ages and reading times, with a site name before it and a section
    # after a bar ("May 7, 2025 | Monograph", "Oct. 20, 2025 • 2 min read", "Brussels, 17/06/2025")
    "metadata": [
        rf"(?:date {_YEAR}-\d\d-\d\d )?(?:{_SITE})?{_STAMP}"
        rf"(?: ?[,|•·–-]? ?(?:at |on )?{_STAMP}){{0,3}}(?: (?:on|at))?"
        rf"(?: ?[|•] ?[A-Z][\w ]{{0,30}})?",
        rf"{_STAMP_WORD}(?: (?:{_AGE}))?(?: on| at)?",
        # "News ID: 135563", "Publish Date : 06 January 2025 - 22:14", "Page 1"
        r"(?i)(?:news|story|article) (?:id|code|no\.?)\s?:?\s?\d{1,12}",
        r"(?i:publish(?:ed)? date|last updated|date)\s?:\s?[\w ,./:-]{1,40}",
        r"Page \d{1,3}",
    ],
    # "By Edward Gabriel, The Hill, Aug. 13, 2025", "L'OLJ / By Albert KOSTANIAN, 03 September
    # 2025 19:25", "By: Dr. Suzan Amêdî", "by"; never a clause: names, then a role, an outlet or a
    # date after commas
    "byline": [
        rf"(?:[\w'’-]{{1,12}} ?/ ?)?(?:[Bb]y|BY):?(?: {_PERSON}(?:, ?(?:{_ROLE}|The {_NAME_WORD}"
        rf"(?: {_NAME_WORD}){{0,2}}|{_DATE}(?:,? {_TIME})?|{_TIME})){{0,3}},?)?",
        rf"(?:Translated|Written|Compiled|Edited|Reported|Prepared) by {_PERSON}",
        r"(?i)\((?:additional )?(?:reporting|writing|editing|compiled|translated) by"
        r" [^()\n]{1,200}\)",
        # the wire's credit line without brackets: "Reporting by ...; Editing by ..."
        r"(?i)(?:additional )?reporting by [^;()\n]{1,80}(?:; ?(?:additional reporting|writing"
        r"|editing|compiled|translated|graphics) by [^;()\n]{1,80}){1,4}\.?",
        rf"{_PERSON} [–—-] (?:[A-Z][\w'’-]{{0,20}} ){{0,3}}(?:Expert|Analyst|Editor|Correspondent"
        rf"|Researcher|Professor|Fellow|Writer|Journalist|Columnist)",
        # an embedded post's signature: "— NCRI-FAC (@iran_policy) August 12, 2025"
        rf"(?:[—–-] ?)?[^()\n]{{1,60}} \(@\w{{1,30}}\) {_DATE}",
    ],
    # the headline of another article: "Read more: ...", "WATCH: ...", "Also in Opinions"
    "related": [
        r"(?i)(?:read more|read also|also read|related|see also|more on this(?: story)?"
        r"|watch|listen|recommended|you (?:should|may|might) (?:also )?read)\s?[:：|]\s?.{1,200}",
        RELATED_HEADING,
    ],
    # newsletter, subscription, paywall, cookie, audio and comment-form prompts
    "prompt": [
        # a prompt speaks to the reader ("your inbox", "our newsletter", "for free"): "Register
        # to vote by Friday, the board said in an email" is news
        rf"(?i)(?={_TO_READER})(?:sign up|subscribe|register)\b[^\n]{{0,100}}\b(?:newsletters?"
        r"|inbox|briefing|email|insight|updates)\b[^\n]{0,120}",
        r"(?i)(?:get|receive)\b[^\n]{0,60}\bnewsletters?\b[^\n]{0,60}",
        r"(?i)(?:already a subscriber\?? ?(?:log ?in|sign ?in)?|log ?in|sign ?in|subscribe"
        r"|unlock access\b.{0,60}|get [\w ]{1,40} delivered to your (?:home|door|inbox)\b.{0,40}"
        r"|join the debate\b.{0,60}|be part of the conversation\b.{0,120})",
        r"(?i)you can (?:then )?read \w{1,10} free articles?\b.{0,60}",
        r"(?i)you have a preview view of this article\b.{0,100}"
        r"|when we have confirmed access\b.{0,100}|full (?:article|story)|back",
        rf"(?i)(?={_TO_READER})[^\n]{{0,60}}\b(?:we use cookies|cookie (?:policy|settings"
        r"|preferences)|accept (?:all )?cookies|manage cookies)\b[^\n]{0,160}",
        r"(?i)please (?:ensure|enable) javascript\b.{0,100}"
        r"|getting your [\w ]{0,30}player ready.{0,5}"
        r"|listen (?:to )?the audio version of this (?:article|story)"
        r"|you can now listen to [\w ]{1,40} articles!?",
        r"(?i)please (?:enter your (?:name|email|comment)|reload the page)\b.{0,60}"
        r"|[^\n]{0,60}\brecaptcha\b[^\n]{0,100}",
        r"(?i)help (?:continue|support) (?:the|our) work\b.{0,100}|send this to a friend",
        r"(?i)(?:support|donate to) (?:our|independent) journalism\b.{0,100}",
        r"(?i)[^.!?\n]{0,80}\b(?:click|tap) here\b[^.!?\n]{0,80}[.!]?",
        r"(?i)click to [\w ]{1,40}:?",
        r"(?i)to receive these [^.!?\n]{1,80}, (?:join|sign up|subscribe)\b[^.!?\n]{0,80}[.!]?",
    ],
    "references": [
        r"(?:\[\d{1,3}\]\s*)?https?://\S+(?:\s+(?:\[\d{1,3}\]\s*)?https?://\S+)*",
    ],
    "label": [
        r"(?:[A-Z] ){2,}[A-Z]",
        r"(?i)opinion|analysis|editorial|commentary|exclusive|breaking(?: news)?|explainer",
        r"(?i)op-ed|interview|feature|live(?: updates)?|news analysis|fact check",
        # a section label, with a section after a bar: "Analysis | Middle East", "Press Release"
        r"(?i)(?:news|opinions?|analysis|policy analysis|press (?:release|encounter|statement)"
        r"|expert comment|critical questions|check against delivery!?|world news)"
        r"(?: ?[|•] ?[A-Z][\w ]{0,30})?",
    ],
    "credit": [
        # "Photo: IRIB", "Image credit: AFP/Getty Images": a name, not a sentence, after the colon
        r"(?i:photo|image|picture|photograph|video|illustration|graphic)s?"
        r"(?i: (?:credit|by|courtesy(?: of)?))?\s*[:|]\s*[A-Z©@][^.!?;,]{0,60}\.?",
        # "AZIZ TAHER/REUTERS", "REUTERS/Ahmed Jadallah": two to five upper-case words, or an
        # agency, before the slash (a headline such as "US/Iran Talks Resume" is kept)
        rf"(?:{_AGENCIES}\s*/\s*[A-Z][\w.&'’ -]{{1,40}}"
        rf"|[A-Z][A-Z.'’-]*(?:\s[A-Z][A-Z.'’-]*){{1,4}}\s*/\s*"
        rf"(?:{_AGENCIES}|[A-Z][A-Z.&'’-]+(?:\s[A-Z][A-Z.&'’-]+)*))"
        r"(?:\s+via\s+[A-Z][\w ]{1,30})?",
        rf"\(?{_AGENCIES}(?: (?:photo|file photo|via Getty Images))?\)?",
        # "(Reuters File)", "(The Associated Press)", "(AP Photo/Mohammed Zaatari)", "Source:
        # Getty", "Angelina Katsanis/AP", "(Al Mayadeen English; Illustrated by Zeinab el-Hajj)"
        rf"\((?:{_AGENCIES}|The Associated Press)(?: (?:File|Photo|photo)[^()\n]{{0,60}})?\)",
        r"(?i:photo|image|picture|illustration|graphic)s? (?:by|courtesy of) [A-Z][^!?;\n]{1,80}",
        r"(?:Source|Photographer|Credit)s?: [A-Z][^.!?;,\n]{0,40}",
        rf"{_PERSON}\s?/\s?(?:{_AGENCIES}|[A-Z]{{2,10}})",
        r"\([^()\n]{0,60}(?:[Ii]llustrated|[Dd]esigned|[Pp]hotographed|[Gg]raphic) by"
        r" [^()\n]{1,60}\)",
        r"\((?:Graphic|Photo|Image|Illustration|Map)s?: [^()\n]{1,80}\)",
    ],
    "caption": [r"(?i)file (?:photo|image|picture) ?[:-] ?.{1,300}"],
    "source_note": [
        r"(?i)(?:this|the) (?:article|story|piece|column|op-ed|report|interview)"
        r"(?: was)? (?:first |originally )?(?:appeared|published|ran|translated)"
        r"(?: (?:in|on|by|from))?"
        r"\s.{1,100}",
    ],
}

# Inline rules: matches inside a kept line are removed with that kind (leading space included,
# so that "Baghdad [1][3]." becomes "Baghdad."). A rule that takes the spaces before its match
# starts with (?<![ \t])[ \t]*: a match starts where a run of spaces starts, never inside it
# (the leftmost match is the same), so a long run of spaces is scanned once, not once per space.
INLINE_PATTERNS: dict[str, list[str]] = {
    "citation": [
        # the spaces before, then "[1][3]" or "[2, 4-6]"; or "(IRNA English +1)", "(Reuters +2,
        # AP +1)": a count after a source name, not a quantity such as "(to +5 percent)" or "(up
        # +3%)"; or "【1】"; or "[citation needed]", "[Wikipedia]", "[sources: ...]". One rule
        # with one start (each alternative starts with its bracket) is faster than four.
        r"(?<![ \t])[ \t]*(?:(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+"
        r"|\((?!\s*(?:GMT|UTC)\b)(?=[^()\n]*\s\+\d{1,3}(?:[,)]|\s+[^\s\da-z]))[^()\n]{1,200}\)"
        r"|【[^】\n]{0,60}】"
        r"|\[(?:citation needed|Wikipedia|source|sources?:[^\]\n]{0,60})\])",
        r"(?<=[.!?\"”])[ \t]*\[[A-Z][\w.&'’ -]{0,40}\](?=[ \t]*$)",
    ],
    "credit": [
        # a credit closing a line: "... in Baghdad. Photo: IRIB"; a name, not a clause
        r"(?<![ \t])[ \t]*\b(?:Photo|Image|Picture|Photograph|Credit)s?"
        r"(?: (?:credit|by|courtesy))?:[ \t]*[A-Z©@][^\n.!?;,]{0,50}\.?[ \t]*$",
        # after the caption's last sentence: "... 2023. ©Mandel Ngan / AFP", "... 2024. Photo by
        # Qassem Al-Kaabi/AFP via Getty Images.", "... 2025. (Reuters File)", "... Katsanis/AP"
        r"(?<![ \t])[ \t]*©[ \t]?[A-Z][^\n!?;]{0,60}$",
        r"(?<=[.!?\"”])[ \t]+(?:Photo|Image|Picture)s? (?:by|courtesy of) [A-Z][^\n!?;]{0,80}$",
        rf"(?<=[.!?\"”])[ \t]+\((?:{_AGENCIES}|The Associated Press)"
        rf"(?: (?:File|Photo|photo)[^()\n]{{0,60}})?\)[ \t]*$",
        rf"(?<=[.!?\"”])[ \t]+[A-Z][\w'’-]{{1,20}}(?: [A-Z][\w'’.-]{{1,20}}){{0,3}} ?/ ?"
        rf"{_AGENCIES}[ \t]*$",
    ],
    "chrome": [
        # a call to action that starts a sentence: "For additional coverage click on ...",
        # "Click here to read ..." (not "Users who click on the link ...")
        r"(?:^|(?<=[.!?]))[ \t]*(?:(?:For|Read) (?:more|additional|further|full) (?:coverage"
        r"|information|details|news|stories|story)[^.\n]{0,40}?,?[ \t]*(?i:click|tap)"
        r"|(?i:click|tap)) (?i:here|on)\b[^.\n]{0,80}\.?",
    ],
    "metadata": [
        # the date a scrape put before the first line: "date 2025-08-15 CAIRO – Dr. ..."
        rf"^date {_YEAR}-\d\d-\d\d[ \t]+",
    ],
    "invisible": [r"[\u200b\u2060\ufeff\u00ad]+"],
}

# A caption names who is where in the photo: "(left)", "(second from right)", "(L-R)".
CAPTION_MARKERS = [
    r"\((?:left|right|center|centre)\)",
    r"\((?:far |second |third |2nd |3rd )(?:from )?(?:left|right)\)",
    r"\((?:clockwise )?from (?:top )?(?:left|right)\)",
    r"\((?:L|R)\s?(?:-|to)\s?(?:R|L)\)",
    # "Marco Rubio, right, sit in ...", "In this image provided by ...", "This photo shows ..."
    r"[A-Z][a-z'’-]{1,20}, (?:far |second from |third from )?(?:left|right|center|centre),",
    r"^(?:In )?[Tt]his (?:[\w-]{1,20} ){0,3}(?:photo|image|picture|photograph)\b",
]
# Single-letter markers "(L)", "(R)", "(C)", "(c)" mark a caption too, but not "(R)" as a party
# label ("Sen. Lindsey Graham (R) said") nor "(c)" in an enumeration ("(a) trade, (b) ... (c)").
LETTER_MARKER = r"\(([LRClrc])\)"
PARTY_TITLE = r"(?:\b(?:Sen|Rep|Gov)\.|Senator|Representative|Congress(?:man|woman)|Governor)"
ENUMERATION = r"\((?:a|b|i|ii)\)"
COMMENT_START = (
    r"(?i)(?:\d+ )?comments?(?: \(\d+\))?|(?:leave|post) a (?:comment|reply)|comment policy"
)
COMMENT_BODY = (
    r"(?i)\b(?:comments?|moderat\w*|community (?:guidelines|standards|rules)|profanity"
    r"|personal attacks|approved or rejected|will (?:not )?be (?:published|removed|deleted"
    r"|rejected|tolerated)|constructive criticism|off-topic|abusive|respectful)\b"
)
BULLET = LIST_MARKER.pattern
QUOTE_MARKER = r"[ \t]*(?:>[ \t]*)+"


@dataclass
class CleanConfig:
    """Rules of the cleaner, grouped by removal kind.

    Attributes:
        line_patterns: kind -> regexes; a stripped line that fully matches is removed.
        inline_patterns: kind -> regexes; matches inside a kept line are removed.
        caption_markers: regexes that mark a line as a photo caption.
        comment_start: a line that opens a comment-moderation block.
        comment_body: a line of such a block (searched, not fully matched).
        bullet: a list marker at the start of a line, removed and the item kept.
        quote_marker: a block-quote marker ("> ") at the start of a line.
        disabled: kinds to keep rather than remove (for example ``["caption"]``).
        join_broken_sentences: join a line that leaves a sentence open with the next kept line
            when that starts in lower case, across blank lines and removed noise.
        deduplicate: remove repeated lines (headlines), lines repeated inside longer ones
            (pull-quotes) and repeated sentences; the first or longer copy stays.
        min_duplicate_chars: shortest line (normalised) that counts as a repeated line.
        min_pull_quote_words: shortest line, in words, checked for repetition inside another.
        min_duplicate_sentence_words: shortest sentence, in words, removed when it repeats an
            earlier sentence of the document (a paragraph printed twice, a standfirst repeated
            in the body); the first copy stays.
        max_caption_fragment_chars: longest unterminated line taken as part of a caption next
            to a credit.
        sentence_kinds: kinds whose whole-line rules are also tried on each sentence (of at
            least three words) of a line; a matching sentence is cut from the line.
        max_related_headline_chars: longest unterminated line taken as another article's
            headline after a related heading ("Also in Opinions").

    Example:
        >>> from framing.text.clean import clean
        >>> config = CleanConfig.from_dict({"patterns": {"chrome": ["Newsletter"]}})
        >>> clean("Newsletter\\nIran and Iraq signed a pact.", config).text
        'Iran and Iraq signed a pact.'
    """

    line_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in LINE_PATTERNS.items()}
    )
    inline_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in INLINE_PATTERNS.items()}
    )
    caption_markers: list[str] = field(default_factory=lambda: list(CAPTION_MARKERS))
    comment_start: str = COMMENT_START
    comment_body: str = COMMENT_BODY
    bullet: str = BULLET
    quote_marker: str = QUOTE_MARKER
    disabled: list[str] = field(default_factory=list)
    join_broken_sentences: bool = True
    deduplicate: bool = True
    min_duplicate_chars: int = 20
    min_pull_quote_words: int = 6
    min_duplicate_sentence_words: int = 8
    max_caption_fragment_chars: int = 120
    sentence_kinds: list[str] = field(default_factory=lambda: list(SENTENCE_KINDS))
    max_related_headline_chars: int = 150

    KINDS = (
        "chrome",
        "comments",
        "references",
        "label",
        "credit",
        "caption",
        "source_note",
        "citation",
        "invisible",
        "bullet",
        "quote_marker",
        "duplicate",
        "pull_quote",
        "metadata",
        "byline",
        "related",
        "prompt",
        "site_name",
    )

    def __post_init__(self) -> None:
        self._check()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "config") -> CleanConfig:
        """Build a config from a mapping.

        ``patterns: {kind: [regex, ...]}`` and ``inline: {kind: [regex, ...]}`` add rules to the
        defaults; every other key replaces the default value of the field of that name.

        Raises:
            ValueError: an unknown key, a wrong type, an unknown kind or an invalid regex; the
                message names the key or value and ``source``.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"{source}: expected a mapping, got {type(data).__name__}")
        config = cls()
        names = {f.name for f in fields(cls)}
        for key, value in data.items():
            if key in ("patterns", "inline"):
                target = config.line_patterns if key == "patterns" else config.inline_patterns
                if not isinstance(value, Mapping):
                    raise ValueError(f"{source}: '{key}' must map kinds to lists of regexes")
                for kind, regexes in value.items():
                    if isinstance(regexes, str):
                        regexes = [regexes]
                    if not isinstance(regexes, list) or not all(
                        isinstance(r, str) for r in regexes
                    ):
                        raise ValueError(f"{source}: '{key}.{kind}' must be a list of strings")
                    target.setdefault(kind, []).extend(regexes)
            elif key in names:
                expected = type(getattr(config, key))
                if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
                    raise ValueError(
                        f"{source}: '{key}' must be {expected.__name__}, got {value!r}"
                    )
                setattr(config, key, value)
            else:
                raise ValueError(
                    f"{source}: unknown key '{key}'; "
                    f"known: patterns, inline, {', '.join(sorted(names))}"
                )
        try:
            config._check()
        except ValueError as err:
            raise ValueError(f"{source}: {err}") from None
        return config

    @classmethod
    def from_yaml(cls, path: str | Path) -> CleanConfig:
        """Read a YAML file of the form described in :meth:`from_dict`."""
        import yaml

        path = Path(path)
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        return cls.from_dict(data, source=str(path))

    def _check(self) -> None:
        for kind in self.disabled:
            if kind not in self.KINDS:
                raise ValueError(
                    f"unknown kind '{kind}' in disabled; known: {', '.join(self.KINDS)}"
                )
        for group, table in (("patterns", self.line_patterns), ("inline", self.inline_patterns)):
            if not isinstance(table, dict):
                raise ValueError(f"{group} must map kinds to lists of regexes")
            for kind, regexes in table.items():
                if not isinstance(regexes, list) or not all(isinstance(r, str) for r in regexes):
                    raise ValueError(f"{group}.{kind} must be a list of regexes, got {regexes!r}")
                if kind not in self.KINDS:
                    raise ValueError(
                        f"unknown kind '{kind}' in {group}; known: {', '.join(self.KINDS)}"
                    )
                for regex in regexes:
                    _compile(regex, f"{group}.{kind}")
        for kind in self.sentence_kinds:
            if kind not in self.KINDS:
                raise ValueError(
                    f"unknown kind '{kind}' in sentence_kinds; known: {', '.join(self.KINDS)}"
                )
        for name in (
            "min_duplicate_chars",
            "min_pull_quote_words",
            "min_duplicate_sentence_words",
            "max_caption_fragment_chars",
            "max_related_headline_chars",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"'{name}' must be at least 1, got {getattr(self, name)}")
        for name in ("comment_start", "comment_body", "bullet", "quote_marker"):
            _compile(getattr(self, name), name)
        for regex in self.caption_markers:
            _compile(regex, "caption_markers")


def _compile(regex: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(regex)
    except re.error as err:
        raise ValueError(f"invalid regex in {where}: {regex!r} ({err})") from None


_GLOBAL_FLAGS = re.compile(r"^\(\?([imsx]+)\)")


def alternation(regexes: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``regexes``; a leading ``(?i)`` stays local to its branch."""
    if not regexes:
        return None
    branches = []
    for regex in regexes:
        flags = _GLOBAL_FLAGS.match(regex)
        if flags:
            branches.append(f"(?{flags.group(1)}:{regex[flags.end() :]})")
        else:
            branches.append(f"(?:{regex})")
    return re.compile("|".join(branches))
