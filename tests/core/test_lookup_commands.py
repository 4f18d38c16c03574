"""/who, /quote, /when, /search and /source from the console and the CLI: readable text or JSON."""

from __future__ import annotations

import json
import os

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import COMMANDS, Commands
from bot.adapters.line_syntax import parse_search, run_line
from bot.core.models import NotFound
from bot.render import limits
from bot.render.console import print_reply


def rendered(reply) -> str:
    console = Console(width=110, record=True, file=open(os.devnull, "w"))
    print_reply(console, reply)
    return console.export_text()


def within_limits(reply) -> None:
    for card in reply.fitted().pages:
        assert card.size() <= limits.EMBED_TOTAL and len(card.description) <= limits.EMBED_DESCRIPTION


def test_the_lookup_commands_are_registered():
    assert {"who", "quote", "when", "search", "source"} <= set(COMMANDS)


def test_search_filters_parse_from_the_line():
    query, options = parse_search('tariffs speaker:"Lopez Obrador" topic:trade kind:quote from:2019 to:2020-06 limit:5')
    assert query == "tariffs"
    assert options == {"speaker": "Lopez Obrador", "topic": "trade", "kind": "quote", "date_from": "2019",
                       "date_to": "2020-06", "limit": 5}
    assert parse_search('"unclosed speaker:x')[0]  # a stray quote is still a query
    assert parse_search("10:30 meeting") == ("10:30 meeting", {})


async def test_who_names_speaker_dates_with_basis_and_sources(core):
    reply, data = await run_line(Commands(core), "/who AMLO")
    text = rendered(reply)
    assert data.person.id == "andres-manuel-lopez-obrador"
    assert "Andrés Manuel López Obrador" in text and "AMLO" in text
    assert "claims in date order" in text
    view = data.claims[0]
    assert view.claim.said_on.human() in text and view.sources[0].title[:20] in text.replace("\n", " ")
    within_limits(reply)


async def test_who_role_noun_explains_which_holder(core):
    reply, data = await run_line(Commands(core), '/who "the foreign minister"')
    text = rendered(reply)
    assert data.person.id == "juan-ramon-de-la-fuente"
    assert "Also matches" in text and "Marcelo Ebrard" in text


async def test_quote_shows_best_match_with_who_when_source(core):
    reply, data = await run_line(Commands(core), "/quote build bridges not close borders")
    text = rendered(reply)
    assert "Best match: Claudia Sheinbaum" in text
    for label in ("Who", "When", "Source", "Match"):
        assert label in text
    within_limits(reply)


async def test_when_and_search_and_source_render(core):
    reply, data = await run_line(Commands(core), "/when 25% tariffs")
    assert "When: 25% tariffs" in rendered(reply)
    reply, data = await run_line(Commands(core), "/search tariffs speaker:Trump kind:statement")
    text = rendered(reply)
    assert "Filters: speaker Donald Trump, kind paraphrase" in text
    assert all(hit.view.claim.speaker == "donald-trump" for hit in data.hits)
    reply, data = await run_line(Commands(core), "/source sheinbaum migration")
    text = rendered(reply)
    assert data.article.id == "sheinbaum-migration-shift" and "claims in text order" in text
    within_limits(reply)


@pytest.mark.parametrize("line", ["/who Emmanuel Macron", "/quote", "/when", "/search", "/source",
                                  "/search Macron tariffs", "/who", "/search x speaker:Nobody Anywhere"])
async def test_lookups_that_find_nothing_say_so(core, line):
    reply, data = await run_line(Commands(core), line)
    assert isinstance(data, NotFound)
    assert "Nothing found" in rendered(reply)


@pytest.mark.parametrize("command", ["search", "who", "quote", "when", "source", "export", "import"])
def test_every_new_subcommand_has_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["who", "Sheinbuam"], lambda d: d["person"]["id"] == "claudia-sheinbaum"),
        (["quote", "build bridges"], lambda d: d["hits"][0]["view"]["speaker_name"] == "Claudia Sheinbaum"),
        (["when", "25% tariffs"], lambda d: d["mode"] == "when" and d["hits"]),
        (["search", "76 percent"], lambda d: "76%" in d["hits"][0]["view"]["claim"]["figures"]),
        (["search", "tariffs", "--speaker", "Lopez Obrador", "--from", "2019", "--limit", "3"],
         lambda d: len(d["hits"]) <= 3 and d["filters"]["speaker"] == "Andrés Manuel López Obrador"),
        (["source", "trump-first-week-mexico"], lambda d: d["article"]["id"] == "trump-first-week-mexico"),
    ],
)
def test_cli_lookups_answer_as_json(args, check):
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert check(json.loads(result.stdout))


def test_cli_lookup_that_finds_nothing_exits_1():
    result = CliRunner().invoke(app, ["who", "Emmanuel Macron"])
    assert result.exit_code == 1 and "Nothing found" in result.output


def test_search_options_say_what_they_did():
    reversed_range = CliRunner().invoke(app, ["search", "tariffs", "--from", "2025", "--to", "2019"])
    assert reversed_range.exit_code == 1 and "reversed" in reversed_range.output
    clamped = CliRunner().invoke(app, ["search", "tariffs", "--limit", "1000", "--json"])
    assert clamped.exit_code == 0 and "asked for 1000" in json.loads(clamped.stdout)["filters"]["limit"]
    unknown_kind = CliRunner().invoke(app, ["search", "tariffs", "--kind", "banana"])
    assert "direct_quote (quote)" in unknown_kind.output.replace("\n", " ")
    help_text = CliRunner().invoke(app, ["search", "--help"]).output
    assert "direct_quote (quote)" in help_text.replace("\n", " ").replace("│", " ").replace("  ", " ")
    for word in ("quote", "direct_quote", "statement", "paraphrase", "figure", "statistic"):
        assert CliRunner().invoke(app, ["search", "tariffs", "--kind", word, "--json"]).exit_code in (0, 1)
        assert "No kind of claim" not in CliRunner().invoke(app, ["search", "tariffs", "--kind", word]).output


def test_cli_takes_the_rest_of_the_line_as_the_console_does():
    result = CliRunner().invoke(app, ["who", "Lopez", "Obrador", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["person"]["id"] == "andres-manuel-lopez-obrador"
    result = CliRunner().invoke(app, ["quote", "build", "bridges", "--json"])
    assert json.loads(result.stdout)["hits"][0]["view"]["speaker_name"] == "Claudia Sheinbaum"
