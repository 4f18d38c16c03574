"""A question written wholly in Spanish, as a Mexican reporter types it, finds the English claims: its small
words are small words, its months are months, and the beat's words are read as the English word a claim would
use (bot/core/search/spanish.txt, by Snowball stem). English words and names are never read as Spanish."""

from __future__ import annotations

import pytest

from bot.core.analysis.terms import STOPWORDS, prepare, query_terms, words
from bot.core.dates import PartialDate
from bot.core.models import NotFound
from bot.core.search import spanish
from bot.core.search.filters import split_period
from bot.core.search.results import SearchAnswer
from tests.conftest import needs_seeds


def _english(word: str) -> tuple[str, ...]:
    return spanish.english(" ".join(words(prepare(word))))


def test_a_spanish_word_is_read_by_its_stem_and_a_short_one_only_as_listed():
    assert _english("detenciones") == ("arrests",)
    assert _english("calificó") == ("described",)  # a tense not listed: its stem is
    assert _english("arancelaria") == ("tariffs",)
    assert _english("trata de personas") == ("human", "trafficking")  # a phrase, as a whole run
    assert _english("pasó") == ()  # "what happened", not a crossing: short words only as listed
    assert _english("tariffs") == ()


def test_a_date_and_a_start_are_read_in_english():
    # "fecha de inicio" (start date) is how a Spanish reader asks when something begins
    assert _english("fecha") == ("date",) and _english("inicio") == ("start",) and _english("comienza") == ("start",)


def test_a_business_is_not_a_negotiation():
    # "negoció" (negotiated) folds to "negocio" (a business): the noun is what a reader means
    assert _english("negocio") == ("businesses",) and _english("negocios") == ("businesses",)
    assert _english("negociaciones") == ("negotiations",) and _english("negocian") == ("negotiations",)


def test_spanish_small_words_of_having_and_place_are_small_words():
    assert {"tengo", "tiene", "aqui"} <= STOPWORDS


def test_spanish_or_is_a_small_word_and_w_slash_o_is_without():
    assert [q.text for q in query_terms("aranceles o cuotas") if not q.stop] == ["aranceles", "cuotas"]
    assert "without" in [q.text for q in query_terms("mexicans in the us w/o papers")]


def test_the_national_guard_a_flat_rate_and_an_impact_are_read_in_english():
    assert _english("guardia nacional") == ("national", "guard")
    assert _english("parejos") == ("across", "the", "board") and _english("impacto") == ("impact",)


def test_news_verbs_of_falling_fighting_and_shutting_down_are_read_in_english():
    assert _english("caído") == ("fell",) and _english("combate") == ("fight",)
    assert _english("desaparecieron") == ("shut", "down") and _english("impidiera") == ("stop",)
    assert _english("atención") == ("assistance",)


def test_nationalities_and_the_safe_third_country_are_read_in_english():
    assert _english("hondureños") == ("hondurans",) and _english("venezolanas") == ("venezuelans",)
    assert _english("tercer país seguro") == ("safe", "third", "country")  # not "security"
    assert {"te", "algo", "habian", "queria"} <= STOPWORDS  # "you", "something", "had", "wanted"


def test_news_words_of_advocacy_harm_and_causes_are_read_in_english():
    assert _english("defensores") == ("advocates",) and _english("humanos") == ("human",)
    assert _english("mano dura") == ("crackdown",) and _english("perjudican") == ("harm",)
    assert _english("causas de fondo") == ("root", "causes") and _english("cocinas") == ("kitchens",)
    assert _english("endurezca") == ("tighten",) and _english("atoradas") == ("stuck",)  # a subjunctive, as listed


async def test_the_spanish_name_of_a_policy_is_read_as_its_english_name(core):
    # "Quédate en México" is Remain in Mexico: read in English, it is the lexicon's phrase for the policy (MPP),
    # not three words
    ranking = await core.lookups.engine.rank("con Quédate en México, cuánta gente se quedó atorada")
    assert "remain in mexico" in {g.term.text for g in ranking.groups}
    answer = await core.search("con Quédate en México, cuánta gente se quedó atorada esperando su caso de asilo")
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "remain-in-mexico-75000-stranded"


@pytest.mark.parametrize(("question", "claim"), [
    ("qué dicen los defensores de derechos humanos sobre la mano dura de México", "rights-advocates-criticise-mexico-controls"),
    ("cuántas cocinas y centros hay para los deportados", "mexico-embraces-you-reception-centers"),
])
async def test_a_question_in_news_spanish_finds_the_claim(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == claim


@pytest.mark.parametrize(("path", "at_least"), [(spanish.PATH, 150), (spanish.EVERYDAY_PATH, 3000),
                                               (spanish.HOMOGRAPHS_PATH, 500), (spanish.COLLOQUIAL_PATH, 250)])
def test_the_glossary_is_well_formed(path, at_least):
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        forms, bar, meaning = line.partition("|")
        assert bar and forms.split() and meaning.split(), f"{path.name}:{number}: {line!r}"
        seen += 1
    assert seen > at_least


@pytest.mark.parametrize(("question", "claim"), [
    ("qué dijo Sheinbaum de dar chamba a los migrantes en vez de nomás frenarlos",
     "sheinbaum-halt-migration-provide-employment"),
    ("la migra detuvo a cuántos en noviembre 2023", "border-patrol-250000-detentions-nov-2023"),
    ("q onda con las caravanas q desbarataron a fines de 2024", "mexico-disbands-two-caravans"),
])
async def test_a_question_in_chat_spanish_finds_the_claim(core, question, claim):
    # slang ("chamba", "la migra"), texting spellings ("q") and informal verbs ("desbarataron"): spanish_colloquial.txt
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and claim in [hit.view.claim.id for hit in answer.hits]


def test_chat_spanish_is_read_only_in_a_question_asked_in_spanish():
    assert spanish.english("chamba", everyday=True) == ("job",) and spanish.english("chamba") == ()
    assert spanish.english("la migra", everyday=True) == ("immigration", "agents")


def test_everyday_spanish_is_read_in_english_only_in_a_question_asked_in_spanish():
    # irregular forms stand on their verb's line ("pierde" is "perder": the Snowball stem "pierd" is not "perd")
    assert spanish.english("pierde", everyday=True) == ("lose",) and spanish.english("quiere", everyday=True) == ("want",)
    assert spanish.english("pierde") == ()  # in an English question, a word no claim holds as typed
    assert spanish.english("detenciones", everyday=True) == ("arrests",)  # the beat's sense first


def test_a_spanish_word_spelt_like_an_english_one_is_spanish_only_in_spanish():
    assert spanish.english_in_spanish("son") == ("are",) and spanish.english_in_spanish("contra") == ("against",)
    assert spanish.english_in_spanish("dice") == ("said",)  # the beat's glossary, which the English word hid
    assert spanish.english_in_spanish("border") == ()


async def test_a_word_spelt_like_english_is_read_in_the_questions_language(core):
    spanish_groups = (await core.lookups.engine.rank("¿cuántos son los consulados de México?")).groups
    english_groups = (await core.lookups.engine.rank("what did Trump's son say about Mexico?")).groups
    assert "son" not in {g.term.text for g in spanish_groups if not g.term.stop}  # "are": a small word
    assert "son" in {g.term.text for g in english_groups if not g.term.stop}


async def test_a_phrase_the_lexicon_knows_is_not_read_word_by_word_in_spanish(core):
    # "Estados Unidos" is the United States, not "state" and "unite" of the everyday glossary
    groups = {g.term.text for g in (await core.lookups.engine.rank("red consular de México en Estados Unidos")).groups}
    assert "estados unidos" in groups and "state" not in groups


@pytest.mark.parametrize(("question", "claim"), [
    ("¿Quién dijo que México no quiere tropas de Estados Unidos en su territorio?", "mexico-refuses-us-forces-on-its-soil"),
    ("¿Qué tanto pierde México si Trump pone aranceles a todo lo que vende?", "trump-floats-25-percent-tariff-mexican-exports"),
    ("¿Qué dijo Petro cuando no dejó aterrizar los aviones con deportados?", "petro-refuses-us-deportation-flights"),
    pytest.param("¿Cuánto vale el comercio entre los dos países?", "us-mexico-trade-800-billion-2024",
                 marks=needs_seeds),  # "two-way trade": the passage's words
    ("¿Quién dice que los cárteles ahora son terroristas y qué puede pasar con las empresas?",
     "analysis-cartel-designation-risks-firms"),
])
async def test_a_question_in_everyday_spanish_finds_the_claim(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and claim in [hit.view.claim.id for hit in answer.hits[:3]]


def test_spanish_months_date_a_question():
    assert split_period("la visita de Blinken en diciembre de 2023")[1] == PartialDate(2023, 12)
    assert split_period("la conferencia del 8 de noviembre de 2024")[1] == PartialDate(2024, 11, 8)
    assert split_period("expulsados dic 2018")[1] == PartialDate(2018, 12)  # a wire editor's abbreviation


async def test_a_wire_editors_slug_with_a_spanish_month_finds_the_claim(core):
    answer = await core.search("CentAm migrants Mexico sent back, dic 2018", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "sre-80500-deportations-dec-2018-may-2019"


@pytest.mark.parametrize(("question", "claim"), [
    ("¿cuánto cayeron los arrestos en la frontera según De la Fuente?", "de-la-fuente-76-percent-drop-arrests"),
    ("¿qué dijo Sheinbaum cuando EU designó a los cárteles como terroristas?",
     "sheinbaum-cartel-designation-affront-sovereignty"),
    ("¿cuántos consulados tiene México en Estados Unidos?", "mexico-53-consulates-in-us"),
    ("¿qué se acordó sobre trata de personas en diciembre de 2023?", "us-mexico-agree-cartels-trafficking-dec-2023"),
    ("caravanas disueltas por México tras la amenaza de aranceles", "mexico-disbands-two-caravans"),
    ("lo de Petro y los vuelos de deportados, ¿cómo terminó?", "petro-refuses-us-deportation-flights"),
    # everyday verbs and nouns of the news (llegar, esposados, desarmar, autoridades) and Brasil as it is written
    ("lo de brasil y los deportados que llegaron esposados", "brazil-demands-handcuffs-removed"),
    ("¿Por qué las autoridades mexicanas desarmaron las caravanas de migrantes a finales de noviembre de 2024?",
     "mexico-disbands-two-caravans"),
    # a freight manager's Spanglish: "parejos" (across the board), "impacto", and "o" (or) as a small word
    ("tariffs por sector o parejos? impacto supply chain", "analysis-trump-may-opt-targeted-tariffs"),
    # a student's homework is how the question is put
    ("¿cuánto habían caído las detenciones de migrantes según el canciller De la Fuente? es para una tarea",
     "de-la-fuente-76-percent-drop-arrests"),
])
async def test_a_question_in_spanish_finds_the_english_claim(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == claim


async def test_what_the_corpus_lacks_is_still_nothing_in_spanish(core):
    assert isinstance(await core.search("¿qué dijo el canciller sobre el muro de Panamá en 2019?"), NotFound)


async def test_english_words_and_the_registrys_names_are_not_read_as_spanish(core):
    assert _english("dice") == ("said",)  # "dice" is Spanish for "says" ...
    ranking = await core.lookups.engine.rank("la presidenta rolls the dice on tariffs")
    typed = [g.term.text for g in ranking.groups]
    assert "presidenta" in typed and "dice" in typed  # ... and an English word; "presidenta" names Sheinbaum


async def test_a_spanish_month_in_the_words_is_held_by_a_claim_said_then(core):
    # "en diciembre" beside other words is a month, as "in December" is: not a word no claim holds
    ranking = await core.lookups.engine.rank("qué pactaron con Blinken en diciembre sobre los cárteles")
    assert {g.term.text: g.when for g in ranking.groups}["diciembre"] == "-12"


def test_spanish_small_words_of_being_and_asking_are_small_words_and_a_stations_troops_and_sides_are_read():
    assert {"ya", "ser", "si", "hay", "otros", "dame", "buscame"} <= STOPWORDS  # "already", "be", "if", "find me"
    assert _english("estación") == ("station",) and _english("elementos") == ("troops",)  # officers, in Mexico
    assert _english("lado") == ("side",) and _english("cambio") == ("change",)
    assert _english("gasto") == ("spending",) and _english("apoyo económico") == ("financial", "support")
    assert _english("política exterior") == ("foreign", "policy")  # "exterior" alone is an English word
    assert _english("señaló") == ("said",) and _english("retenes") == ("checkpoints",)
    assert _english("acero") == ("steel",) and _english("redadas") == ("raids",)


async def test_cuanto_asks_for_an_amount_as_how_many_does(core):
    ranking = await core.lookups.engine.rank("¿cuántos consulados tiene México?")
    assert {g.term.text: g.amount for g in ranking.groups}["cuantos"]


@pytest.mark.parametrize(("question", "claim"), [
    pytest.param("¿De cuánto es la tarjeta que reciben los deportados?", "mexico-embraces-you-100-dollar-cards",
                 marks=needs_seeds),  # the card's source passage holds "deportees"
    ("qué porcentaje del comercio total de México representan las ventas a Estados Unidos",
     "mexico-exports-to-us-80-percent-of-trade"),  # ventas: sales
    ("ratificacion del T-MEC en 2019 en pleno pleito por aranceles, ¿qué decían el gobierno y el Senado?",
     "mexican-senate-intends-to-ratify-usmca-2019"),  # decían: said
    # small words ("ya", "si", "hay", "búscame") are small words, not words no claim holds
    ("Búscame lo de la cancillería diciendo que está lista para coordinarse si hay deportaciones masivas",
     "sre-ready-for-mass-deportations"),
    ("¿México ya dijo oficialmente que va a recibir a los paisanos que deporten?",
     "sheinbaum-ready-to-receive-deported-mexicans"),
])
async def test_a_reporters_spanish_finds_the_claim(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and claim in [hit.view.claim.id for hit in answer.hits[:2]]


async def test_spending_on_foreign_policy_in_spanish_finds_the_budget_cut(core):
    question = "de cuánto fue el recorte al gasto en política exterior en el primer presupuesto de Sheinbaum"
    assert (await core.search(question)).hits[0].view.claim.id == "sheinbaum-budget-cuts-foreign-policy-10-percent"


def test_a_question_reads_as_spanish_by_its_small_words():
    assert spanish.reads_as_spanish(words(prepare("datos de redadas durante el Programa Frontera Sur")))
    assert not spanish.reads_as_spanish(words(prepare("what did the Senado say about the T-MEC in 2019")))


@needs_seeds  # the plan's Spanish name is in the article's passage
async def test_a_programme_capitalised_in_spanish_is_read_in_english_when_a_claim_holds_it(core):
    # Spanish writes a programme's name with capitals: "el Programa Frontera Sur" is the southern border plan,
    # whose raids claim holds the plan's words, not a name no claim holds
    answer = await core.search("datos de redadas mensuales contra migrantes en Chiapas, Oaxaca y Tabasco durante el "
                               "Programa Frontera Sur", limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "southern-border-plan-raids-doubled"


async def test_a_capitalised_spanish_word_whose_english_no_claim_holds_stays_a_name(core):
    # "el Golfo de América" names what no claim holds, in Spanish or in English
    assert isinstance(await core.search("¿Qué respondió Sheinbaum cuando Trump le cambió el nombre al Golfo de "
                                        "México por Golfo de América?", limit=5), NotFound)


async def test_a_word_spelt_like_english_beside_a_small_spanish_word_is_spanish(core):
    # "solicitudes de asilo" in an English question: Spanish by its neighbour, not "solicitude"
    terms = {g.term.text for g in (await core.lookups.engine.rank("solicitudes de asilo filed in Mexico, total")).groups}
    assert "solicitudes" not in terms and "requests" in terms
    # ... while an English word beside English words stays English
    assert "son" in {g.term.text for g in (await core.lookups.engine.rank("did Trump's son visit the border")).groups}


@pytest.mark.parametrize(("question", "read", "not_read"), [
    # "de" was typed before the phrase, so the question's terms hold it once: the phrase is still read whole
    ("los acuerdos con la delegación de Blinken sobre trata de personas", {"human", "trafficking"}, {"treat"}),
    # a phrase of the chat glossary, in a question asked in Spanish: the United States, not "other" and "side"
    ("cuántos paisanos se regresaron del otro lado en enero", {"united states"}, {"side"}),
    # "más o menos" hedges the amount asked: about, not "more" and "less"
    ("más o menos cuántos mexicanos sin papeles viven en EU", {"undocumented"}, {"less", "more"}),
])
async def test_a_glossary_phrase_is_read_whole_when_its_small_word_came_before(core, question, read, not_read):
    groups = {g.term.text for g in (await core.lookups.engine.rank(question)).groups}
    assert read <= groups and not (not_read & groups)


def test_an_agreement_is_the_noun_and_agreeing_the_verb():
    # claims write "the agreements": "acuerdos" read as "agreed" missed them
    assert _english("acuerdos") == ("agreement",) and _english("acordaron") == ("agreed",)


def test_the_deported_are_deportees_not_deportations():
    # "los deportados" are people (the claims' "returnees", by the lexicon); "las deportaciones" the removals
    assert _english("deportados") == ("deportees",) and _english("deportaciones") == ("deportations",)
    assert _english("deportaron") == ("deported",)


async def test_a_question_about_what_deportees_get_finds_the_card(core):
    answer = await core.search("cuánto les dan en la tarjeta a los deportados", limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "mexico-embraces-you-100-dollar-cards"


def test_a_verb_with_its_pronoun_joined_on_and_a_diminutive_are_read_by_the_word_under_them():
    assert spanish.english("pararlos", everyday=True) == spanish.english("parar", everyday=True) != ()
    assert spanish.english("tarjetita", everyday=True) == ("card",)
    assert spanish.english("debajito", everyday=True) == spanish.english("debajo", everyday=True) != ()
    assert spanish.english("pararlos") == ()  # in an English question, as typed


def test_el_dato_is_a_piece_of_information_and_los_datos_figures():
    # "necesito el dato" asks for the fact, not for a number; "los datos" are the figures
    assert spanish.english("dato") == ("information",) and spanish.english("datos") == ("figure",)


def test_mexicos_everyday_sense_is_kept_where_it_differs():
    assert spanish.english("lana", everyday=True) == ("money",) and spanish.english("billete", everyday=True) == ("money",)
    assert spanish.english_in_spanish("feria") == ("money",)


async def test_a_chat_spanish_word_of_one_or_two_letters_is_read_in_a_question_asked_in_spanish(core):
    spanish_groups = {g.term.text for g in (await core.lookups.engine.rank("cuántos mexicanos hay en EU q no tienen papeles")).groups}
    assert "united states" in spanish_groups and "q" not in spanish_groups
    english_groups = {g.term.text for g in (await core.lookups.engine.rank("EU tariffs on Mexico")).groups}
    assert "eu" in english_groups  # in English, the European Union as typed


async def test_el_peje_is_lopez_obrador(core):
    answer = await core.who("el Peje")
    assert answer.person.id == "andres-manuel-lopez-obrador"


async def test_a_spanish_word_english_lacks_is_read_in_a_question_mixing_the_two(core):
    # "exactamente" stands far from any Spanish small word, but the question writes some ("la", "qué")
    groups = {g.term.text for g in (await core.lookups.engine.rank(
        "Sheinbaum said something about not wanting to close la frontera, qué dijo exactamente?")).groups}
    assert "exactamente" not in groups
    answer = await core.search("Sheinbaum said something about not wanting to close la frontera, qué dijo exactamente?")
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "sheinbaum-build-bridges"


def test_approving_is_not_an_approval_rating():
    # "aprobó" (the Senate approved) is the verb, ratify's kin in the lexicon; "aprobación" a president's rating
    assert _english("aprobó") == ("approve",) and _english("aprobación") == ("approval",)


async def test_a_question_whether_the_senate_approved_finds_its_intent_to_ratify(core):
    answer = await core.search("¿el Senado aprobó el T-MEC?", limit=5)
    assert isinstance(answer, SearchAnswer)
    assert answer.hits[0].view.claim.id == "mexican-senate-intends-to-ratify-usmca-2019"
