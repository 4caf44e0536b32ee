"""Settings: drafter.toml and the environment, with errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter_core.errors import ConfigError
from drafter_core.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "drafter.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_config() -> None:
    settings = load_settings(env={})
    assert settings.follow_up.default_business_days == 2
    assert settings.model.backend == "auto" and settings.model.max_repairs == 2
    assert {g.name for g in settings.gestures} >= {"voucher_10", "express_shipping", "handwritten_note"}


def test_toml_then_environment_then_well_known_variables(tmp_path: Path) -> None:
    path = write(tmp_path, '[model]\nname = "from-toml"\ntimeout_seconds = 5\n[calendar]\ncountry = "DE"\n'
                           'subdivision = "BY"\ntimezone = "Europe/Berlin"\n')
    env = {"DRAFTER_CONFIG": str(path), "DRAFTER_MODEL__TIMEOUT_SECONDS": "9", "DRAFTER_MODEL": "from-env",
           "OPENAI_API_KEY": "sk-test"}
    settings = load_settings(env=env)
    assert settings.model.name == "from-env"
    assert settings.model.timeout_seconds == 9
    assert settings.calendar.subdivision == "BY"
    assert settings.model.api_key is not None and settings.model.api_key.get_secret_value() == "sk-test"
    assert "sk-test" not in repr(settings)  # secrets never print


@pytest.mark.parametrize(("toml", "named"), [
    ("[follow_up]\nmin_business_days = 0\n", "[follow_up] min_business_days"),
    ("[follow_up]\nmax_business_days = 11\n", "[follow_up] max_business_days"),
    ("[follow_up.by_severity]\nhigh = 14\n", "by_severity.high"),
    ("[calendar]\ntimezone = \"Mars/Olympus\"\n", "Mars/Olympus"),
    ("[calendar]\ncountry = \"XX\"\n", "country"),
    ("[model]\nbackend = \"psychic\"\n", "[model] backend"),
    ("[model]\nbogus = 1\n", "[model] bogus"),
    ("[[gestures]]\nname = \"free car\"\n", "[gestures] 0.wording"),
])
def test_bad_config_fails_with_the_key_named(tmp_path: Path, toml: str, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, toml), env={})
    assert named in str(caught.value) and "drafter.toml" in str(caught.value)


def test_unreadable_config_says_which_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml", env={})
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[model\n"), env={})


def test_a_missing_config_file_names_where_it_was_named(tmp_path: Path) -> None:
    absent = tmp_path / "absent.toml"
    with pytest.raises(ConfigError, match=r"absent\.toml: file not found \(check --config\)"):
        load_settings(absent, env={})
    with pytest.raises(ConfigError, match=r"absent\.toml: file not found \(check DRAFTER_CONFIG\)"):
        load_settings(env={"DRAFTER_CONFIG": str(absent)})


def test_review_folder_is_optional_and_must_be_a_plain_name(tmp_path: Path) -> None:
    assert load_settings(env={}).delivery.review_folder is None
    named = load_settings(write(tmp_path, '[delivery]\nreview_folder = " Drafts/Needs review "\n'), env={})
    assert named.delivery.review_folder == "Drafts/Needs review"
    assert load_settings(write(tmp_path, '[delivery]\nreview_folder = ""\n'), env={}).delivery.review_folder is None
    with pytest.raises(ConfigError, match=r"\[delivery\] review_folder"):
        load_settings(write(tmp_path, '[delivery]\nreview_folder = "Needs*"\n'), env={})
