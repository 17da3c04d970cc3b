"""The brief's words in English and Dutch, and numbers written the way a reader expects:
whole euros, whole starts, percentages. Plain names come from ``sim.labels``."""

from __future__ import annotations

import math

from sim.labels import LANGS

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Finding residents who would benefit from learning Dutch: which approach, at what cost?",
              "Inwoners vinden die baat hebben bij het leren van Nederlands: welke aanpak, tegen welke kosten?"),
    "subtitle": ("A policy brief from the outreach simulation, calibrated on the Roermond pilot (2009-2010)",
                 "Beleidsnotitie op basis van de outreach-simulatie, gekalibreerd op de pilot in Roermond (2009-2010)"),
    "made": ("Made on {date} from {runs} paired runs per approach (seed {seed}).",
             "Gemaakt op {date} met {runs} gepaarde runs per aanpak (startwaarde {seed})."),
    "quick": (("Quick version: the levers were tried in {n} paired runs each instead of {full}; run without --quick "
               "for "
              "the full brief."),
              ("Snelle versie: de knoppen zijn met {n} gepaarde runs per stuk doorgerekend in plaats van {full}; maak "
               "de "
              "volledige notitie zonder --quick.")),
    "with_posterior": (("The ranges include calibration uncertainty: each run draws one of {n} parameter sets that fit "
                       "Roermond's figures, as well as chance."),
                       ("De bandbreedtes bevatten ook de onzekerheid van de kalibratie: elke run trekt een van {n} "
                       "parametersets die bij de cijfers van Roermond passen, naast het toeval.")),
    "without_posterior": (("The ranges show chance only: no calibration result was given, so uncertainty about the "
                          "model's parameters is not included."),
                          ("De bandbreedtes tonen alleen het toeval: er is geen kalibratieresultaat gebruikt, dus de "
                          "onzekerheid over de parameters van het model zit er niet in.")),
    "range_note": ("Figures are the median of the runs with, in brackets, the range that holds 90% of them.",
                   "Getallen zijn de mediaan van de runs met tussen haakjes de bandbreedte waarin 90% ervan valt."),
    "h_headline": ("1. What each approach achieved and cost", "1. Wat elke aanpak opleverde en kostte"),
    "col_approach": ("Approach", "Aanpak"),
    "col_starts": ("Starts", "Gestarte trajecten"),
    "col_rate": ("Success rate (model)", "Succespercentage (model)"),
    "col_observed": ("Observed in Roermond", "Waargenomen in Roermond"),
    "col_cps": ("Cost per start", "Kosten per start"),
    "col_cost": ("Total cost of finding people", "Totale kosten van het vinden"),
    "col_fee_income": ("Fee income", "Inkomsten eigen bijdrage"),
    "col_case": ("Case management cost", "Kosten casemanagement"),
    "observed_of": ("{count} of {trials} ({rate})", "{count} van {trials} ({rate})"),
    "not_observed": ("not observed", "niet waargenomen"),
    "bases": ("Success rates are counted on different bases: {bases}. They are shown side by side, not ranked.",
              ("Succespercentages worden op verschillende grondslagen geteld: {bases}. Ze staan naast elkaar, zonder "
              "rangorde.")),
    "periods": (("The approaches ran for different periods, so starts and total cost do not compare them; cost per "
                "start does, within the limits in section 6."),
                ("De aanpakken liepen in verschillende perioden, dus starts en totale kosten vergelijken ze niet; de "
                "kosten per start wel, binnen de grenzen van hoofdstuk 6.")),
    "fig_rate": ("Success rate: model (blue, 90% of runs) and Roermond (orange, with its 90% sampling range)",
                 "Succespercentage: model (blauw, 90% van de runs) en Roermond (oranje, met 90%-steekproefmarge)"),
    "fig_cps": ("Cost per start: median and 90% of runs", "Kosten per start: mediaan en 90% van de runs"),
    "h_pairs": ("2. Paired comparisons", "2. Gepaarde vergelijkingen"),
    "pairs_intro": (("Each approach ran with the same random numbers and parameter draws, so run 1 of one approach is "
                    "compared with run 1 of the other, and so on."),
                    ("Elke aanpak draaide met dezelfde toevalsgetallen en parametertrekkingen, dus run 1 van de ene "
                     "aanpak "
                    "wordt vergeleken met run 1 van de andere, enzovoort.")),
    "pair_cheaper": ("{a} is cheaper per start than {b} in {n} of {runs} paired runs",
                     "{a} is goedkoper per start dan {b} in {n} van de {runs} gepaarde runs"),
    "pair_separate": ("; the 90% ranges do not overlap, so {a} is cheaper per start.",
                      "; de 90%-bandbreedtes overlappen niet, dus {a} is goedkoper per start."),
    "pair_overlap": ("; the 90% ranges overlap, so neither can be called cheaper.",
                     "; de 90%-bandbreedtes overlappen, dus geen van beide is met zekerheid goedkoper."),
    "pair_more": ("{a} gives more {what} than {b} in {n} of {runs} paired runs",
                  "{a} geeft meer {what} dan {b} in {n} van de {runs} gepaarde runs"),
    "pair_same": ("{a} and {b} give the same {what} in all {runs} paired runs.",
                  "{a} en {b} geven evenveel {what} in alle {runs} gepaarde runs."),
    "pair_more_sep": ("; the 90% ranges do not overlap.", "; de 90%-bandbreedtes overlappen niet."),
    "pair_more_overlap": ("; the 90% ranges overlap, so the two cannot be told apart.",
                          "; de 90%-bandbreedtes overlappen, dus de twee zijn niet van elkaar te onderscheiden."),
    "cheapest": ("{a} is the cheapest approach per start: its 90% range lies below those of all others.",
                 "{a} is de goedkoopste aanpak per start: de 90%-bandbreedte ligt onder die van alle andere."),
    "no_cheapest": ("No approach is the cheapest per start beyond doubt: the 90% ranges overlap.",
                    "Geen aanpak is zonder twijfel de goedkoopste per start: de 90%-bandbreedtes overlappen."),
    "h_time": (
        "3. Over time: when does the network pay off?", "3. In de tijd: wanneer betaalt het netwerk zich terug?"),
    "time_intro": ("Starts and cost per start so far, counted from the month each approach began.",
                   "Starts en kosten per start tot dan toe, geteld vanaf de maand waarin elke aanpak begon."),
    "fig_starts_time": (
        "Starts so far, by month since the approach began",
        "Starts tot dan toe, per maand sinds de start van de aanpak"),
    "fig_cps_time": (
        "Cost per start so far (dashed: {b} at its end)", "Kosten per start tot dan toe (gestippeld: {b} aan het "
                                                          "eind)"),
    "fig_cps_time_plain": ("Cost per start so far", "Kosten per start tot dan toe"),
    "months": ("months since the approach began", "maanden sinds de start van de aanpak"),
    "pays_off": (("The median cost per start of {a} stays below that of {b} (EUR {level} at its end) from about "
                  "month {m} on; {k} of {runs} runs stay below it from then on."),
                 ("De mediane kosten per start van {a} blijven vanaf ongeveer maand {m} onder die van {b} (EUR {level} "
                  "aan het eind); {k} van de {runs} runs blijven er vanaf dan onder.")),
    "never_pays": (("The median cost per start of {a} does not stay below that of {b} (EUR {level}) within the period "
                   "modelled."),
                   ("De mediane kosten per start van {a} blijven binnen de gemodelleerde periode niet onder die van "
                    "{b} "
                   "(EUR {level}).")),
    "h_levers": ("4. What a lever buys: cost per extra start", "4. Wat een knop oplevert: kosten per extra start"),
    "levers_intro": (("Each lever is changed in the scenario as Roermond ran it, with the same runs. The cost is what "
                      "the "
                      "municipality pays{net}. The cost per extra start divides the average extra cost by the average "
                      "extra starts; its range is that of those averages, and it is given only where the lever gives "
                      "more starts in at least three quarters of the paired runs."),
                     ("Elke knop wordt veranderd in het scenario zoals Roermond het uitvoerde, met dezelfde runs. De "
                      "kosten "
                      "zijn wat de gemeente betaalt{net}. De kosten per extra start delen de gemiddelde extra kosten "
                      "door "
                      "het gemiddelde aantal extra starts; de bandbreedte is die van deze gemiddelden, en ze staan er "
                      "alleen waar de knop in minstens drie kwart van de gepaarde runs meer starts geeft.")),
    "net_fee": (", with fee income lost counted as a cost", ", waarbij gemiste eigen bijdragen als kosten tellen"),
    "net_case": (", case management included", ", casemanagement inbegrepen"),
    "col_lever": ("Lever", "Knop"),
    "col_applies": ("Applied to", "Toegepast op"),
    "col_extra_starts": ("Extra starts", "Extra starts"),
    "col_extra_cost": ("Extra cost", "Extra kosten"),
    "col_cpes": ("Cost per extra start", "Kosten per extra start"),
    "col_more": ("More starts in", "Meer starts in"),
    "runs_of": ("{n} of {runs} runs", "{n} van {runs} runs"),
    "no_gain": ("no clear gain", "geen duidelijke winst"),
    "saves": ("saves money, fewer starts", "bespaart geld, minder starts"),
    "saves_only": ("saves money", "bespaart geld"),
    "saves_fewer_in": ("saves money; fewer starts in {n} of {runs} runs",
                       "bespaart geld; minder starts in {n} van {runs} runs"),
    "fig_levers": (
        "Extra starts per lever (median and 90% of paired runs)",
        "Extra starts per knop (mediaan en 90% van de gepaarde runs)"),
    "h_recs": ("5. Recommendations", "5. Aanbevelingen"),
    "col_question": ("Question", "Vraag"),
    "col_answer": ("Answer", "Antwoord"),
    "col_sure": ("How sure", "Hoe zeker"),
    "col_caveat": ("Caveat", "Kanttekening"),
    "sure": (
        "clear: {n} of {runs} runs, 90% range on one side of zero",
        "duidelijk: {n} van {runs} runs, 90%-bandbreedte aan één kant van nul"),
    "likely": ("likely: {n} of {runs} runs", "waarschijnlijk: {n} van {runs} runs"),
    "unclear": ("unclear: {n} of {runs} runs", "onduidelijk: {n} van {runs} runs"),
    "sure_more": ("clear: more starts in {n} of {runs} runs, 90% range above zero",
                  "duidelijk: meer starts in {n} van {runs} runs, 90%-bandbreedte boven nul"),
    "sure_fewer": ("clear: fewer starts in {n} of {runs} runs, 90% range below zero",
                   "duidelijk: minder starts in {n} van {runs} runs, 90%-bandbreedte onder nul"),
    "likely_more": ("likely: more starts in {n} of {runs} runs", "waarschijnlijk: meer starts in {n} van {runs} runs"),
    "likely_fewer": (
        "likely: fewer starts in {n} of {runs} runs", "waarschijnlijk: minder starts in {n} van {runs} runs"),
    "unclear_both": ("unclear: more starts in {m}, fewer in {f} of {runs} runs",
                     "onduidelijk: meer starts in {m}, minder in {f} van {runs} runs"),
    "h_caveats": ("6. Caveats", "6. Kanttekeningen"),
    "h_method": ("How this brief was made", "Hoe deze notitie is gemaakt"),
    "method": (("The outreach simulation models households, coaches, partner organisations and key figures in the "
                "three Roermond neighbourhoods, day by day. {fit} Command: {command}."),
               ("De outreach-simulatie bootst huishoudens, trajectcoaches, partnerorganisaties en sleutelfiguren in de "
                "drie Roermondse wijken dag voor dag na. {fit} Opdracht: {command}.")),
    "fit": (("Its behavioural numbers are drawn from a calibration on {n} counts of the Roermond evaluation, one of "
             "its {particles} parameter sets per run."),
            ("De gedragsparameters komen uit een kalibratie op {n} aantallen uit de evaluatie van Roermond, per run "
             "een van de {particles} parametersets.")),
    "fit_unknown": (("Its behavioural numbers are drawn from a calibration ({particles} parameter sets), one per run."),
                    ("De gedragsparameters komen uit een kalibratie ({particles} parametersets), per run een.")),
    "no_fit": (("Its behavioural numbers are those of the scenario files: no calibration was used."),
               ("De gedragsparameters zijn die van de scenariobestanden, zonder kalibratie.")),
    "source": ("Observed figures: Roermond's evaluation of its home visits ({refs}).",
               "Waargenomen cijfers: de evaluatie van de huisbezoeken in Roermond ({refs})."),
    "starts_unit": ("starts", "starts"),
    "model": ("model", "model"),
    "observed": ("Roermond observed", "waargenomen in Roermond"),
    "ranges_90": ("90% of runs", "90% van de runs"),
    "eur_per_start": ("EUR per start", "EUR per start"),
    "rate_axis": ("success rate (each on its own basis)", "succespercentage (elk op eigen grondslag)"),
    "no_change": ("as Roermond ran it", "zoals Roermond het uitvoerde"),
}

# The levers of the cost-effectiveness table and the recommendations.
LEVER_TEXT: dict[str, tuple[str, str]] = {
    "fee": ("Abolish the EUR 270 fee", "Eigen bijdrage van EUR 270 afschaffen"),
    "late_afternoon": ("Visit late in the afternoon throughout", "Steeds laat in de middag aanbellen"),
    "evening": ("Visit in the evening", "'s Avonds aanbellen"),
    "letter": ("Announce the visit by letter", "Bezoek per brief aankondigen"),
    "alone": ("One coach instead of two", "Eén trajectcoach in plaats van twee"),
}

QUESTIONS: dict[str, tuple[str, str]] = {
    "fee": ("Abolish the contribution fee?", "De eigen bijdrage afschaffen?"),
    "timing": ("When should coaches ring?", "Wanneer moeten de trajectcoaches aanbellen?"),
    "letter": ("Announce home visits by letter?", "Huisbezoeken per brief aankondigen?"),
    "alone": ("Visit alone instead of in pairs?", "Alleen op bezoek in plaats van met z'n tweeën?"),
    "split": (
        "Move hours from narrow home visits to the network?",
        "Uren verschuiven van smalle huisbezoeken naar het netwerk?"),
}

ANSWERS: dict[str, tuple[str, str]] = {
    "more": ("{lever}: {extra} extra starts ({where}), about EUR {cpes} per extra start.",
             "{lever}: {extra} extra starts ({where}), ongeveer EUR {cpes} per extra start."),
    "more_no_price": ("{lever}: {extra} extra starts ({where}).", "{lever}: {extra} extra starts ({where})."),
    "fewer": ("{lever}: {extra} starts ({where}); the lever does not pay.",
              "{lever}: {extra} starts ({where}); de knop loont niet."),
    "fewer_cheaper": ("{lever}: {extra} starts ({where}) for EUR {saving} less: a saving at the cost of starts.",
                      "{lever}: {extra} starts ({where}) voor EUR {saving} minder: een besparing ten koste van "
                      "starts."),
    "none": (
        "{lever}: no clear difference in starts ({where}).", "{lever}: geen duidelijk verschil in starts ({where})."),
    "split_sep": ("Yes: the network approach is cheaper per start than narrow home visits (ranges do not overlap).",
                  "Ja: de netwerkbenadering is goedkoper per start dan smalle huisbezoeken (bandbreedtes overlappen "
                  "niet)."),
    "split_dearer": ("No: narrow home visits are cheaper per start than the network approach (ranges do not overlap).",
                     ("Nee: smalle huisbezoeken zijn goedkoper per start dan de netwerkbenadering (bandbreedtes "
                     "overlappen niet).")),
    "split_overlap": (("Not decided by cost: the network approach is cheaper per start in {n} of {runs} paired runs, "
                      "but the ranges overlap."),
                      ("Niet te beslissen op kosten: de netwerkbenadering is goedkoper per start in {n} van de {runs} "
                      "gepaarde runs, maar de bandbreedtes overlappen.")),
}

CAVEATS: dict[str, tuple[str, str]] = {
    "fee": (("Lost fee income is counted as a cost; the statutory fee for people obliged to integrate is not a "
            "municipal choice."),
            ("Gemiste eigen bijdragen tellen als kosten; de wettelijke bijdrage voor inburgeringsplichtigen is geen "
            "keuze van de gemeente.")),
    "timing": (("Only the mornings were counted in Roermond (7 of 23 at home); the other times of day rest on "
               "assumptions."),
               ("Alleen de ochtenden zijn in Roermond geteld (7 van 23 thuis); de andere tijdstippen berusten op "
               "aannames.")),
    "letter": (("Some people decline in advance (10 of 42 in 2010); the effect on the conversation itself rests on "
               "assumptions."),
               "Sommige mensen zeggen vooraf af (10 van 42 in 2010); het effect op het gesprek zelf berust op "
               "aannames."),
    "alone": ("Safety and the quality of the conversation are not in the model.",
              "Veiligheid en de kwaliteit van het gesprek zitten niet in het model."),
    "split": (("The network takes months to build up (section 3) and finds motivated people; visits reach people "
               "nobody "
              "refers, and a register list runs out."),
              ("Het netwerk heeft maanden nodig om op gang te komen (hoofdstuk 3) en vindt gemotiveerde mensen; "
              "huisbezoeken bereiken mensen die niemand aanmeldt, en een registerlijst raakt op.")),
}

GENERAL_CAVEATS: list[tuple[str, str]] = [
    (("The approaches ran in different periods and under different rules: narrow visits in 2009 with the EUR 270 fee; "
     "broad visits in the summer of 2010 after the fee was abolished for voluntary participants (10 June 2010), by "
     "coaches trained in motivating conversation; the network approach from July 2009 to October 2010, across both."),
     ("De aanpakken liepen in verschillende perioden en onder verschillende regels: smalle huisbezoeken in 2009 met de "
     "eigen bijdrage van EUR 270; brede huisbezoeken in de zomer van 2010 nadat de bijdrage voor vrijwilligers was "
     "afgeschaft (10 juni 2010), door trajectcoaches die getraind waren in motiverende gespreksvoering; de "
     "netwerkbenadering van juli 2009 tot oktober 2010, over beide perioden heen.")),
    (("Success rates have different bases: starts per conversation for home visits, starts per name delivered for the "
     "network approach. A name delivered by a partner is already a motivated person."),
     ("Succespercentages hebben verschillende grondslagen: starts per gesprek bij huisbezoeken, starts per "
      "aangeleverde "
     "naam bij de netwerkbenadering. Een naam van een partner is al een gemotiveerd persoon.")),
    (("Roermond's counts are small (3 of 20 starts for broad visits): one start more or less moves a rate by five "
     "points. The model's ranges should be read with that in mind."),
     ("De aantallen van Roermond zijn klein (3 van 20 starts bij brede huisbezoeken): één start meer of minder "
     "verschuift een percentage met vijf punten. Lees de bandbreedtes van het model met dat in gedachten.")),
    (("What the model does not count: the value of broad visits through the problems they refer to partners (housing, "
     "health, parenting){referrals}; trust built for later contacts; whether people finish their course; the quality "
     "and safety of a visit."),
     ("Wat het model niet meetelt: de waarde van brede huisbezoeken via de problemen die ze doorverwijzen naar "
      "partners "
     "(wonen, gezondheid, opvoeding){referrals}; vertrouwen voor latere contacten; of mensen hun cursus afmaken; de "
     "kwaliteit en veiligheid van een bezoek.")),
    (("Cost per start counts the cost of finding people: coach hours for outreach and intake at about EUR 47 an hour, "
     "letters, campaign and allowances. Fee income and the case management of those who start are shown apart where "
     "the model reports them; overheads and the courses themselves are not included."),
     ("Kosten per start tellen de kosten van het vinden: uren van trajectcoaches voor outreach en intake tegen "
      "ongeveer "
     "EUR 47 per uur, brieven, campagne en vergoedingen. Inkomsten uit eigen bijdragen en het casemanagement van wie "
     "start staan apart waar het model ze rapporteert; overhead en de cursussen zelf vallen erbuiten.")),
]

REFERRALS = (" (broad visits: {n} referrals in the model, 9 of 20 conversations in Roermond)",
             " (brede huisbezoeken: {n} doorverwijzingen in het model, 9 van 20 gesprekken in Roermond)")


def t(key: str, lang: str, **kw) -> str:
    text = TEXT[key][LANGS.index(lang)]
    return text.format(**kw) if kw else text


def pick(table: dict, key: str, lang: str, **kw) -> str:
    text = table[key][LANGS.index(lang)]
    return text.format(**kw) if kw else text


def _thousands(x: float, lang: str) -> str:
    s = f"{x:,.0f}"
    return s.replace(",", ".") if lang == "nl" else s


def euros(x: float, lang: str = "en") -> str:
    """Whole euros: 1,293 (English) or 1.293 (Dutch)."""
    return "-" if x is None or not math.isfinite(x) else _thousands(round(x), lang)


def whole(x: float, lang: str = "en", sign: bool = False) -> str:
    if x is None or not math.isfinite(x):
        return "-"
    s = _thousands(round(x), lang)
    return f"+{s}" if sign and round(x) > 0 else s


def percent(x: float, lang: str = "en", decimals: int = 0) -> str:
    if x is None or not math.isfinite(x):
        return "-"
    s = f"{100 * x:.{decimals}f}%"
    return s.replace(".", ",") if lang == "nl" else s


def ranged(r: tuple[float, float, float], fmt, lang: str = "en", **kw) -> str:
    """'median (low-high)' with the given number format."""
    m, lo, hi = r
    if not math.isfinite(m):
        return "-"
    return f"{fmt(m, lang, **kw)} ({fmt(lo, lang, **kw)} – {fmt(hi, lang, **kw)})"


def runs_of(n: int, runs: int, lang: str) -> str:
    return t("runs_of", lang, n=n, runs=runs)


def how_sure(n: int, runs: int, one_side: bool, lang: str) -> str:
    """How sure a paired result is: the 90% range of the difference on one side of zero, or
    the share of runs that agree."""
    if one_side:
        return t("sure", lang, n=n, runs=runs)
    return t("likely" if n >= 0.75 * runs else "unclear", lang, n=n, runs=runs)


def mid(name: str) -> str:
    """A name in the middle of a sentence: 'narrow home visits (2009)'."""
    return name[:1].lower() + name[1:]


def cheaper_sentence(p, names: dict, lang: str) -> str:
    """A paired comparison of cost per start in words, from the side that is cheaper more
    often; "cheaper" without a count only where the 90% ranges do not overlap."""
    a, b, n = p.a, p.b, p.a_lower
    if p.a_higher > p.a_lower:
        a, b, n = p.b, p.a, p.a_higher
    text = t("pair_cheaper", lang, a=names[a], b=mid(names[b]), n=n, runs=p.runs)
    return text + (t("pair_separate", lang, a=mid(names[a])) if p.separate else t("pair_overlap", lang))


def more_sentence(p, what: str, lang: str, names: dict | None = None) -> str:
    """A paired comparison of a count ("starts") in words, from the side that has more more often."""
    names = names or {}
    if p.a_higher == p.a_lower == 0:
        return t("pair_same", lang, a=names.get(p.a, p.a), b=mid(names.get(p.b, p.b)), what=what, runs=p.runs)
    a, b, n = p.a, p.b, p.a_higher
    if p.a_lower > p.a_higher:
        a, b, n = p.b, p.a, p.a_lower
    text = t("pair_more", lang, a=names.get(a, a), b=mid(names.get(b, b)), what=what, n=n, runs=p.runs)
    return text + t("pair_more_sep" if p.separate else "pair_more_overlap", lang)
