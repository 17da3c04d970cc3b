"""The "About this model / Over dit model" panel, in the manner of NetLogo's Info tab: what it
is, how it works, how to use it, things to notice, things to try, and a short glossary."""

from __future__ import annotations

import html

ABOUT = {
    "en": [
        ("What is it?", [
            "A simulation of how a municipality reaches residents who would benefit from learning Dutch. Coaches "
            "(trajectcoaches) knock on doors, or work through partner organisations (schools, mother centres, "
            "welfare, mosques) and key figures who pass on names. The numbers come from the Roermond pilot of "
            "2009-2012; where the sources are silent the model makes an assumption, written down in docs/MODEL.md.",
        ]),
        ("How it works", [
            "Each dot on the map is a household. Every week the coaches share their hours over the routes that run "
            "that week. Narrow home visits ring the doors of people on the municipal register, unannounced; broad "
            "home visits send a letter with a date and time first and talk about more than language; the network "
            "approach spends hours at partners and with key figures, whose engagement grows slowly and who then "
            "refer names.",
            "Whether a door opens depends on the time of day and on the letter; whether a conversation leads to a "
            "start depends on the household (need, motivation, trust, young children, a spouse's consent) and on "
            "barriers such as the fee. A household moves from not reached to approached, in conversation, "
            "interested or declined, started, and taking part.",
        ]),
        ("How to use it", [
            "Choose a scenario: the controls show that scenario's own values. Press Step to advance one step "
            "(a week unless you change the days per step), or Play to run on. Change a setting and press "
            "'Apply and restart': the run starts again from the beginning with your settings.",
            "Use Compare to run your settings and the scenario as written side by side with many seeds: one run "
            "is one possible history, and chance alone moves it a lot.",
        ]),
        ("Things to notice", [
            "How slowly the network starts, and how many names it gives once partners are engaged.",
            "How many doors stay closed in the morning, and how the rings move from street to street.",
            "The success rates are small fractions of small numbers: a few starts more or less change them a lot.",
        ]),
        ("Things to try", [
            "Set the fee for voluntary participants to EUR 0 (or EUR 270 in a scenario without a fee) and compare.",
            "Visit in the morning instead of the late afternoon. Visit alone instead of in pairs.",
            "Move hours from the home visits to the network, then look at starts after one year and after three.",
            "Change the message at the door from 'taal en meedoen' to 'inburgering'.",
        ]),
    ],
    "nl": [
        ("Wat is het?", [
            "Een simulatie van hoe een gemeente bewoners bereikt die baat hebben bij Nederlands leren. Trajectcoaches "
            "bellen aan, of werken via partnerorganisaties (scholen, moedercentra, welzijn, moskeeën) en "
            "sleutelfiguren die namen doorgeven. De getallen komen uit de pilot in Roermond van 2009-2012; waar de "
            "bronnen zwijgen maakt het model een aanname, vastgelegd in docs/MODEL.md.",
        ]),
        ("Hoe het werkt", [
            "Elke stip op de kaart is een huishouden. Elke week verdelen de coaches hun uren over de routes die die "
            "week lopen. Smalle huisbezoeken: aanbellen bij mensen uit de gemeentelijke basisadministratie, "
            "onaangekondigd. Brede huisbezoeken: eerst een brief met datum en tijd, en een gesprek over meer dan "
            "taal. De netwerkbenadering: uren bij partners en sleutelfiguren, die langzaam betrokken raken en dan "
            "namen doorgeven.",
            "Of een deur opengaat hangt af van het tijdstip en de brief; of een gesprek tot een start leidt hangt af "
            "van het huishouden (behoefte, motivatie, vertrouwen, jonge kinderen, toestemming van de partner) en van "
            "drempels zoals de eigen bijdrage. Een huishouden gaat van niet bereikt naar benaderd, in gesprek, "
            "geïnteresseerd of afgewezen, gestart, en meedoen.",
        ]),
        ("Hoe te gebruiken", [
            "Kies een scenario: de instellingen tonen de waarden van dat scenario. Druk op Stap om één stap "
            "verder te gaan (een week, tenzij u de dagen per stap wijzigt), of op Afspelen. Wijzig een "
            "instelling en druk op 'Toepassen en opnieuw starten': de simulatie begint opnieuw met uw instellingen.",
            "Met Vergelijken draaien uw instellingen en het scenario zoals het is naast elkaar met veel "
            "startgetallen: één run is één mogelijke geschiedenis, en toeval alleen verschuift die flink.",
        ]),
        ("Let op", [
            "Hoe langzaam het netwerk op gang komt, en hoeveel namen het geeft als partners betrokken zijn.",
            "Hoeveel deuren 's ochtends dicht blijven, en hoe de ringen van straat naar straat gaan.",
            "De succespercentages zijn kleine delen van kleine aantallen: een paar starts meer of minder maken "
            "veel uit.",
        ]),
        ("Probeer", [
            "Zet de eigen bijdrage voor vrijwilligers op EUR 0 (of EUR 270 in een scenario zonder bijdrage) en "
            "vergelijk.",
            "Bezoek 's ochtends in plaats van laat in de middag. Ga alleen in plaats van met z'n tweeën.",
            "Verschuif uren van de huisbezoeken naar het netwerk en kijk naar de starts na één en na drie jaar.",
            "Verander de boodschap aan de deur van 'taal en meedoen' in 'inburgering'.",
        ]),
    ],
}

GLOSSARY = {
    "en": ("Glossary", [
        ("Success rate", "starts divided by conversations for home visits, but divided by names for the network "
                         "approach (a name comes with a warm introduction, so the two rates are not comparable)."),
        ("Obligated participant", "someone the civic integration law obliges to take the exam; pays the statutory "
                                  "fee (EUR 270 in Roermond)."),
        ("Voluntary participant", "someone who is not obliged but may join; Roermond asked EUR 270 until 10 June "
                                  "2010 and then nothing."),
        ("Start", "beginning a course: the regular trajectory, literacy, conversation class or home lessons, a "
                  "starter course, or a participation activity."),
        ("Cost per start", "the coaches' hours of finding people at EUR 47 an hour, plus what is spent on letters, "
                           "translation, the campaign, ambassadors and course places, divided by starts. Fees paid "
                           "and the case management of people in a course are counted apart."),
        ("Key figure", "a trusted person in the neighbourhood who passes on names (sleutelfiguur)."),
    ]),
    "nl": ("Begrippen", [
        ("Succespercentage", "starts gedeeld door gesprekken bij huisbezoeken, maar gedeeld door namen bij de "
                             "netwerkbenadering (een naam komt met een warme overdracht, dus de twee zijn niet "
                             "vergelijkbaar)."),
        ("Inburgeringsplichtige", "iemand die volgens de wet het examen moet doen; betaalt de wettelijke eigen "
                                  "bijdrage (EUR 270 in Roermond)."),
        ("Vrijwillige inburgeraar", "iemand die niet verplicht is maar mag meedoen; Roermond vroeg EUR 270 tot "
                                    "10 juni 2010 en daarna niets."),
        ("Start", "beginnen aan een cursus: het reguliere traject, alfabetisering, conversatieles of thuislessen, "
                  "een instapcursus, of een participatieactiviteit."),
        ("Kosten per start", "de uren die coaches besteden aan het vinden van mensen tegen EUR 47 per uur, plus de "
                             "uitgaven aan brieven, vertaling, de campagne, ambassadeurs en cursusplaatsen, gedeeld "
                             "door het aantal starts. Betaalde eigen bijdragen en het casemanagement van mensen in een "
                             "cursus tellen apart."),
        ("Sleutelfiguur", "iemand in de wijk met vertrouwen die namen doorgeeft."),
    ]),
}


def about_html(lang: str) -> str:
    lang = lang if lang in ABOUT else "en"
    out = []
    for head, paras in ABOUT[lang]:
        out.append(f"<h3>{html.escape(head)}</h3>")
        if len(paras) > 2:
            out.append("<ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in paras) + "</ul>")
        else:
            out += [f"<p>{html.escape(p)}</p>" for p in paras]
    head, terms = GLOSSARY[lang]
    out.append(f"<h3>{html.escape(head)}</h3><dl>")
    out += [f"<dt><b>{html.escape(a)}</b></dt><dd>{html.escape(b)}</dd>" for a, b in terms]
    out.append("</dl>")
    return "".join(out)
