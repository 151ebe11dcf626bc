"""The event rules: the words and patterns that make a sentence report a strike, a meeting or a
border-control change, and the words that make it no event (a threat, a plan, a habit).

Plain data: :mod:`geo._triggers` compiles the patterns and knows no word of its own. Patterns are
case-insensitive word patterns (they start with a word boundary) unless their comment says otherwise.
"""

# A strike's sub-type by the weapon its sentence names first; drones beside missiles or rockets make
# MIXED_STRIKE, a sentence naming no weapon UNSPECIFIED.
WEAPONS = (
    ("drone_strike", r"\b(?:drones?|UAVs?|unmanned aerial)\b"),
    ("missile_strike", r"\b(?:missiles?|ballistic)\b"),
    ("rocket_strike", r"\b(?:rockets?|rocket launchers?|Katyushas?)\b"),
    ("artillery", r"\b(?:artillery|howitzers?|mortars?|shell(?:ed|ing|s)|bombard(?:ed|ment|ing))\b"),
    (
        "airstrike",
        r"\b(?:air ?strikes?|aerial (?:raids?|attacks?|bombardment|strikes?)|warplanes?|fighter jets?)\b",
    ),
)
# Goods and trade: a crossing closed or suspended for these only is restricted, not closed.
PARTIAL = r"\b(?:exports?|imports?|commercial|trade|goods|cargo|trucks|freight)\b"
MIXED_STRIKE = "missile_and_drone_strike"
MIXED = ({"drone_strike", "missile_strike"}, {"drone_strike", "rocket_strike"})
UNSPECIFIED = "unspecified"


STRIKE_VERB = (
    r"\b(?:struck|strikes?|striking|attack(?:ed|s)?|target(?:ed|ing)?|hit|hammered|pounded|raids?|bombed|"
    r"shelled|shelling|launched|used|fired|killed|destroyed|operations?\s+against|offensive)\b"
)
# With an army named in the sentence, these words make it a strike even without a weapon.
STRIKE_WORD = r"\b(?:attack|strike|struck|hammered|pounded|raids?\b|targeted\b|bombed\b|shelled\b)"
# A sentence that goes on about the article's strike ("the attack hit three villages", "they targeted the
# villages of ..."): a strike of the kind reported before, at the places it names.
CONTINUES = (
    r"\b(?:the|this|that|these|those)\s+(?:attacks?|strikes?|drones?|shelling|bombardment|raids?|missiles?)\s+"
    r"(?:\w+\s+){0,2}(?:hit|struck|targeted|landed\s+(?:in|on)|damaged)\b"
    r"|\b(?:they|it)\s+(?:\w+\s+)?(?:hit|struck|targeted)\s+(?:the\s+)?(?:villages?|areas?|positions?|bases?|headquarters)\b"
)
# An armed group named just after these words was the target ("targeting the main base of the KDPI").
TARGETING = r"\b(?:target(?:ed|ing|s)?|attack(?:ed|ing)?|struck|hit|bombed|shelled|pounded)\b"
TARGET_REACH = 50
# Visits are told by capitals ("visited Baghdad"), so that pattern is case-sensitive (CASE_SENSITIVE).
VISIT = (
    r"\b(?:[Vv]isit(?:ed|ing|s)\s+(?:[A-Z]|the\s+[A-Z])|[Vv]isit\s+to\b|[Aa]rriv(?:ed|es|ing)\s+(?:(?:on|early|late|this|today|yesterday|\w+day)\s+){0,3}in\b|"
    r"[Tt]rip\s+to\b|[Rr]eceived\s+(?:a|an|the)\s+(?:\w+\s+){0,3}delegation)"
)
# A visit to a site ("a visit to the Khosravi border crossing") is an inspection, not a meeting.
INSPECTION = (
    r"\bvisit(?:ed|ing|s)?\s+(?:to\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:border|crossing|terminal|front|camp)s?\b"
)
# The meeting patterns matched case-sensitively, by sub-type.
CASE_SENSITIVE = ("official_visit",)
# Meetings by sub-type, the first that matches a sentence taken.
MEETING: tuple[tuple[str, str], ...] = (
    ("phone_call", r"\b(?:phone call|telephone (?:call|conversation)|phoned)\b"),
    # a press conference is where a meeting's news was told, not a meeting of its own
    ("conference", r"\b(?:(?<!press\s)(?<!news\s)conference|summit|forum|symposium)\b"),
    (
        "committee_meeting",
        (
            r"\b(?:joint\s+(?:security\s+|border\s+)?(?:committee|commission)\b|"
            r"(?:attended|held|hold|holds|chaired|convened)\s+(?:a|an|the|its)?\s*(?:[\w-]+\s+){0,4}meetings?\b|"
            r"meetings?\s+(?:[\w-]+\s+){0,6}(?:was|were)\s+(?:also\s+)?(?:held|convened))"
        ),
    ),
    ("official_visit", VISIT),
    (
        "talks",
        (
            r"\b(?:met\s+(?:with\s+)?|meets\s+(?:with\s+)?|meeting\s+with|held\s+talks|talks\s+with|discussed\s+with|hosted|"
            r"(?:held|engaged\s+in)\s+(?:\w+\s+){0,2}(?:discussions|consultations)|convened\s+with|conferred\s+with|"
            r"(?:was|were)\s+received\s+by|welcomed\s+(?:the\s+)?(?:visiting|\w+\s+(?:delegation|minister|president))|"
            r"(?:official\s+)?reception\s+(?:ceremony\s+)?(?:in|for|at))\b"
        ),
    ),
    (
        "agreement_signing",
        (
            r"\bsign(?:ed|ing|s)?\b.{0,60}\b(?:agreement|memorandum|deal|accord|MoU)\b"
            r"|\b(?:agreement|memorandum|deal|accord|MoU)\b.{0,40}\b(?:was|were|been)\s+(?:jointly\s+)?signed\b"
        ),
    ),
)
# Border-control changes by sub-type; the earliest in the sentence is its own event.
BORDER = (
    (
        "security_agreement",
        (
            r"\b(?:borders?|security)\b.{0,60}\b(?:agreement|pact|accord|deal|memorandum|MoU)\b"
            r"|\b(?:agreement|pact|accord|deal|memorandum|MoU)\b.{0,100}\b(?:borders?|security)\b"
            r"|\b(?:it\s+was|they|two\s+sides|both\s+sides)\s+agreed\s+to\b.{0,100}\bborders?\b"
            # a joint committee set up is an agreement on a mechanism; its sessions are meetings
            r"|\b(?:set\s+up|form(?:ed|ing)?|establish(?:ed|ing)?|creat(?:e|ed|ing))\s+(?:a\s+|the\s+)?joint\s+"
            r"(?:security\s+|border\s+)?(?:committee|commission)\b"
        ),
    ),
    (
        "guard_deployment",
        (
            r"\b(?:redeploy\w*|deploy\w*|reinforc\w*|station\w*|sent|send(?:s|ing)?)\b.{0,60}\b(?:guards?|troops|forces|units)\b"
            r".{0,60}\bborders?\b|\bborder guards?\b.{0,60}\b(?:deploy\w*|redeploy\w*|took over|reinforc\w*)"
            # "the deployment of Iraqi border guard forces", "replaced by border guard forces"
            r"|\b(?:deployment|redeployment|stationing)\s+of\s+(?:[\w-]+\s+){0,3}border\s+guards?\b"
            r"|\breplaced\s+by\s+(?:[\w-]+\s+){0,3}border\s+guards?\b"
            # "the border ... is entirely under the control of Iraqi forces"
            r"|\bborders?\b.{0,60}\bunder\s+(?:the\s+)?(?:\w+\s+)?control\s+of\s+(?:\w+\s+){0,2}"
            r"(?:forces|guards|troops|army)\b"
        ),
    ),
    (
        "crossing_opening",
        (
            r"\b(?:reopen\w*|re-open\w*|resum(?:e|ed|es|ing|ption)|open(?:ed|ing)?|lift(?:ed|ing)?\s+(?:the\s+)?(?:ban|closure))\b"
            r".{0,60}\b(?:crossings?|border (?:gates?|posts?|points?|markets?|terminals?)|border)\b"
            r"|\b(?:crossings?|border (?:gates?|points?|markets?|terminals?))\b.{0,50}"
            r"\b(?:reopen\w*|re-open\w*|resum(?:e|ed|es|ing|ption)|(?:be|was|were|is|are|remain(?:s|ed)?)\s+open(?:ed)?)\b"
        ),
    ),
    (
        "crossing_closure",
        (
            r"\b(?:clos(?:ed|es|ing|ure)|shut|suspend\w*|suspension|block(?:ed|s|ing)?|halt(?:ed|s|ing)?|seal(?:ed|s|ing)?)\b.{0,60}"
            r"\b(?:crossings?|border (?:gates?|posts?|points?|markets?|terminals?)|border)\b"
            r"|\b(?:crossings?|border (?:gates?|points?|markets?|terminals?))\b.{0,40}"
            r"\b(?:clos(?:ed|ure)|suspend\w*|block(?:ed)?|halted|sealed)"
        ),
    ),
    (
        "entry_restriction",
        (
            r"\b(?:suspend\w*|halt\w*|stop\w*|ban\w*)\s+(?:the\s+)?(?:issu(?:ing|ance\s+of)\s+)?(?:visas?|entry)\b"
            r"|\b(?:prevent\w*|bar(?:red|s|ring)?|ban(?:ned|s|ning)?)\s+(?:\w+\s+){0,3}(?:from\s+entering|entry)\b"
            r"|\bentry\s+ban\b"
        ),
    ),
    (
        "relocation_of_armed_groups",
        (
            r"\b(?:relocat\w*|disarm(?:ed|ing|ament)|(?:moved|transferred)\s+(?:them|the\s+\w+|\w+\s+groups?))\b"
            r".{0,80}\b(?:groups?|fighters|opposition|camps?|border)\b"
            # evacuated: armed groups' sites, not people fleeing ("the evacuation of refugee camps")
            r"|\bevacuat(?:ed|ion)\b.{0,40}\b(?:groups?|fighters|opposition|headquarters|bases|parties)\b"
            r"|\b(?:groups?|fighters|parties|headquarters|bases)\b.{0,80}\b(?:were|was|been)\s+(?:relocated|evacuated|disarmed)\b"
        ),
    ),
)
# Words each border or meeting pattern cannot match without (one word of each group, in the lower-cased
# sentence); a sentence without them is not searched with that pattern.
NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "security_agreement": (("agreement", "pact", "accord", "deal", "memorandum", "mou", "agreed", "joint"),),
    "guard_deployment": (("border",), ("guard", "troops", "forces", "units", "army")),
    "entry_restriction": (("visa", "entry", "entering"),),
    "crossing_opening": (("crossing", "border"), ("open", "resum", "lift")),
    "crossing_closure": (("crossing", "border"), ("clos", "shut", "suspen", "block", "halt", "seal")),
    "relocation_of_armed_groups": (
        ("relocat", "disarm", "evacuat", "moved", "transferred"),
        ("group", "fighters", "opposition", "camp", "border"),
    ),
    "phone_call": (("phone",),),
    "conference": (("conference", "summit", "forum", "symposium"),),
    "committee_meeting": (("committee", "commission", "meeting"),),
    "official_visit": (("visit", "arriv", "trip", "received"),),
    "talks": (
        (
            "met",
            "meet",
            "held",
            "talks",
            "discuss",
            "hosted",
            "consult",
            "convened",
            "conferred",
            "received",
            "welcomed",
            "reception",
        ),
    ),
    "agreement_signing": (("sign",), ("agreement", "memorandum", "deal", "accord", "mou")),
}
SIGNED = r"\b(?:sign(?:ed|ing)?|reached|concluded|agreed)\b"
NOT_EVENT = (
    r"\b(?:warn\w*|threat\w*|threaten\w*|vow\w*|den(?:y|ied|ies)|dismiss\w*|reject\w*|not\s+true|out\s+of\s+question|"
    r"impossible|demand\w*|urg(?:e|ed|es|ing)|call(?:ed|s|ing)?\s+on|in\s+case|if\s+(?:they|it|the)|would\s+be\s+met|"
    r"plan(?:s|ned|ning)?\b|intend\w*|expected\s+to|is\s+to\s+be|are\s+to\s+be|will\b|would\b|shall\b|could\b|"
    r"might\b|may\b|should\b|must\b|ought\s+to|(?:need|needs|has|have)\s+to\s+be|accus\w*|claim(?:s|ed)?\s+that|alleged|promis\w*|pledg\w*)"
)
HABITUAL = (
    r"\bcomes?\s+(?:amid|after)\b|\b(?:countless|(?:on\s+)?(?:numerous|many|several|multiple)\s+occasions|"
    r"in\s+recent\s+(?:years|months|weeks)|multiple\s+times|repeatedly|frequently|often|regularly|many\s+times|several\s+times|"
    r"in\s+the\s+past|over\s+the\s+decades|have\s+long|for\s+years|routinely|(?:weeks|months|years)\s+of|"
    r"intermittent(?:ly)?|sporadic(?:ally)?|periodic(?:ally)?|so\s+far|to\s+date|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+times|"
    r"(?:for|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:years|decades|months))\b"
    # a campaign summed up: "The IRGC has launched attacks on ... since the death of ..."
    r"|\b(?:has|have)\s+(?:\w+\s+){0,2}(?:launched|carried\s+out|conducted|stepped\s+up|intensified)\s+(?:\w+\s+){0,3}"
    r"(?:attacks|strikes|operations|raids)\b[^.;]{0,120}\bsince\s+(?:the|its|their|early|late|mid|\d{4}|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b"
    # ... or the other way round: "Since late September, IRGC missiles and drones have hit ..."
    r"|\bsince\s+(?:(?:late|early|mid)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|\d{4}|the\s+(?:start|beginning|death|outbreak))\b[^.;]{0,100}\b(?:has|have)\s+(?:\w+\s+)?"
    r"(?:hit|struck|targeted|attacked|shelled|bombarded|pounded|launched|carried\s+out|killed)\b"
)
# A relative clause set off by commas ("the PDKI, which is frequently targeted by Iran, said ...") describes
# someone; a habit there does not make the sentence's own report a habit.
RELATIVE = r",\s+(?:which|who|whose)\b[^,]*,"
# A spell told as the background of the sentence's own event ("reopened after three months of closure").
AFTER_SPELL = r"\b(?:after|following)\s+(?:\w+\s+){0,4}$"
SET_UP = r"(?:set\s+up|form|establish|creat)"  # "set up a joint committee" needs no signing
DECIDED = r"\b(?:announced|decided|agreed|approved|ordered|began|started)\b"
# Background references: "The deal follows Iranian strikes", "After the Iranian attacks, ...".
BACKGROUND = r"\b(?:follows?|followed|following|after|since|amid|comes?\s+after|in\s+response\s+to)\b[^,;]{0,60}$"
QUOTES = r"[\"“][^\"”]*[\"”]"
