import pytest

from bot.infra.settings import SettingsError, load_settings


def test_defaults_load_without_any_environment():
    settings = load_settings()
    assert settings.token is None
    assert settings.log_level == "INFO"


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("BRIEFBOT_DEV_GUILD_ID", "not-a-number", "BRIEFBOT_DEV_GUILD_ID"),
        ("BRIEFBOT_DEV_GUILD_ID", "-5", "BRIEFBOT_DEV_GUILD_ID"),
        ("BRIEFBOT_LOG_LEVEL", "LOUD", "BRIEFBOT_LOG_LEVEL"),
        ("BRIEFBOT_DIGEST_DEFAULT_TIME", "25:00", "BRIEFBOT_DIGEST_DEFAULT_TIME"),
        ("BRIEFBOT_DIGEST_DEFAULT_TIMEZONE", "Mars/Olympus", "BRIEFBOT_DIGEST_DEFAULT_TIMEZONE"),
        ("BRIEFBOT_COOLDOWN_SECONDS", "-1", "BRIEFBOT_COOLDOWN_SECONDS"),
        ("BRIEFBOT_PAGER_TIMEOUT_SECONDS", "900", "BRIEFBOT_PAGER_TIMEOUT_SECONDS"),
        ("BRIEFBOT_WARM_UP", "maybe", "BRIEFBOT_WARM_UP"),
    ],
)
def test_bad_value_is_one_line_naming_the_setting(monkeypatch, variable, value, named):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert named in message
    assert "\n" not in message


def test_every_setting_is_documented_in_env_example():
    from bot.infra.settings import PROJECT_ROOT, Settings, _env_name

    documented = (PROJECT_ROOT / ".env.example").read_text()
    for field in Settings.model_fields:
        assert f"{_env_name(field)}=" in documented, field


def test_token_never_shows_in_repr_or_errors(monkeypatch):
    secret = "SECRET" + "x" * 30
    monkeypatch.setenv("DISCORD_TOKEN", secret)
    settings = load_settings()
    assert settings.token == secret
    assert secret not in repr(settings) and secret not in str(settings)
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "nope")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert secret not in str(caught.value)


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("BRIEFBOT_LOG_LEVEL=debug\nBRIEFBOT_DEV_GUILD_ID=\n")
    settings = load_settings()
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild_id is None


def test_bad_setting_stops_the_cli_with_one_clear_line(monkeypatch):
    from typer.testing import CliRunner

    from bot.adapters.cli import app

    monkeypatch.setenv("BRIEFBOT_DIGEST_DEFAULT_TIME", "8am")
    result = CliRunner().invoke(app, ["topics"])
    assert result.exit_code == 2
    assert "BRIEFBOT_DIGEST_DEFAULT_TIME" in result.output
    assert "Traceback" not in result.output
