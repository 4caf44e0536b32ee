"""What a support lead edits lives in one data folder: copy it, point [data] dir at it, and drafts change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter_core.errors import ConfigError
from drafter_core.settings import DATA_DIR, load_settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LATE = str(SAMPLES / "01-late-delivery.eml")
OFFLINE_ENV = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "DRAFTER_CONFIG": ""}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), env=OFFLINE_ENV, catch_exceptions=False)


@pytest.fixture()
def edited(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the packaged data made with `drafter data --copy-to`, and a drafter.toml pointing at it."""
    folder = tmp_path / "data"
    assert run("data", "--copy-to", str(folder)).exit_code == 0
    config = tmp_path / "drafter.toml"
    config.write_text(f"[data]\ndir = {json.dumps(str(folder))}\n", encoding="utf-8")
    return folder, config


def test_every_data_path_defaults_to_the_packaged_folder() -> None:
    data = load_settings(env={}).data
    assert data.dir == DATA_DIR
    for name, path in data.model_dump().items():
        assert path.is_relative_to(DATA_DIR), name
        assert path.exists(), f"{name}: {path} is not packaged"


def test_a_copied_folder_is_used_for_every_file(edited: tuple[Path, Path]) -> None:
    folder, config = edited
    settings = load_settings(config, env={})
    assert settings.data.prompts_dir == folder / "prompts"
    assert settings.data.phrases_file == folder / "guardrails" / "phrases.toml"
    listing = run("--config", str(config), "data").stdout
    assert f"topics_file    {folder / 'topics.toml'}" in listing


def test_one_file_can_be_replaced_alone(tmp_path: Path) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text((DATA_DIR / "topics.toml").read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings(env={"DRAFTER_DATA__TOPICS_FILE": str(topics)})
    assert settings.data.topics_file == topics and settings.data.prompts_dir == DATA_DIR / "prompts"


def test_relative_paths_in_a_config_file_are_read_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "gestures.toml").write_text(
        '[[gestures]]\nname = "note"\nwording = "a note"\nvalue = 0\ncurrency = ""\napplies_to = ["any"]\n',
        encoding="utf-8")
    (folder / "drafter.toml").write_text('[data]\ngestures_file = "gestures.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the config's folder

    settings = load_settings(folder / "drafter.toml", env={})

    assert settings.data.gestures_file == folder / "gestures.toml"
    assert [g.name for g in settings.gestures] == ["note"]


def test_edited_reply_words_and_gestures_change_the_draft(edited: tuple[Path, Path]) -> None:
    folder, config = edited
    replies = folder / "replies.toml"
    replies.write_text(replies.read_text(encoding="utf-8").replace('"Kind regards,"', '"Warmly,"'),
                       encoding="utf-8")
    gestures = folder / "gestures.toml"
    gestures.write_text(gestures.read_text(encoding="utf-8").replace(
        "free express shipping on your next order", "a free cake with your next order"), encoding="utf-8")
    result = run("--config", str(config), "draft", LATE, "--backend", "offline", "--today", "2026-11-23", "--json")
    draft = json.loads(result.stdout)
    assert "\nWarmly,\n" in draft["body"] and "Kind regards," not in draft["body"]
    assert draft["gesture"]["wording"] == "a free cake with your next order"
    assert "a free cake with your next order" in draft["body"]


def test_drafter_toml_gestures_still_replace_the_catalogue(tmp_path: Path) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text('[[gestures]]\nname = "call"\nwording = "a call from our manager"\n', encoding="utf-8")
    assert [g.name for g in load_settings(config, env={}).gestures] == ["call"]


def test_a_missing_data_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"gestures\.toml: file not found \(check \[data\] gestures_file\)"):
        load_settings(env={"DRAFTER_DATA__DIR": str(tmp_path)})


def test_reply_words_without_english_defaults_are_refused(edited: tuple[Path, Path]) -> None:
    folder, config = edited
    (folder / "replies.toml").write_text('[en]\ngreeting = "Hi {name},"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "draft", LATE, "--backend", "offline",
                                      "--today", "2026-11-23"], env=OFFLINE_ENV)
    assert result.exit_code == 2
    assert "replies.toml: [en] needs anonymous, sign_off" in result.stderr


def test_copy_never_overwrites(edited: tuple[Path, Path]) -> None:
    folder, _ = edited
    result = run("data", "--copy-to", str(folder))
    assert result.exit_code == 2 and "already exists" in result.stderr


@pytest.mark.parametrize(("file", "broken", "said"), [
    ("topics.toml", "[topics\n", "topics.toml: not valid TOML"),
    ("prompts/user.j2", "{% if %}", "user.j2: line 1:"),
    ("guardrails/phrases.toml", "[text]\n", "phrases.toml: missing"),
    ("guardrails/rules.toml", "[non_apology]\n", "rules.toml: ["),
])
def test_a_broken_data_file_stops_drafter_at_start(edited: tuple[Path, Path], file: str, broken: str,
                                                   said: str) -> None:
    folder, config = edited
    (folder / file).write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "check", LATE], env=OFFLINE_ENV)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("drafter: bad data file: ") and said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run("--config", str(config), "data").exit_code == 0  # the way to repair it still works
    help_page = CliRunner().invoke(cli, ["--config", str(config), "check", "--help"], env=OFFLINE_ENV)
    assert help_page.exit_code == 0 and "check [OPTIONS] FILES" in help_page.stdout  # help reads no data file
