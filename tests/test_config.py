from __future__ import annotations

import pytest

from newsfuse.config import Settings, load_settings
from newsfuse.errors import ConfigError


def test_defaults_validate_and_round_trip():
    settings = Settings()
    assert settings.brief.summary_words == 60
    assert Settings().replace(**settings.to_dict()) == settings


def test_precedence_file_then_env_then_overrides(tmp_path):
    config = tmp_path / "newsfuse.toml"
    config.write_text("[brief]\nsummary_words = 40\nmax_key_points = 5\n", encoding="utf-8")
    env = {"NEWSFUSE_BRIEF__SUMMARY_WORDS": "50", "UNRELATED": "x"}
    settings = load_settings(config, env=env, overrides={"brief": {"max_key_points": 3}})
    assert settings.brief.summary_words == 50  # env beats the file
    assert settings.brief.max_key_points == 3  # flags beat everything
    assert load_settings(config, env={}).brief.max_key_points == 5  # file beats defaults


def test_out_of_range_value_is_named():
    with pytest.raises(ConfigError, match=r"cluster.similarity_threshold must be in \[0.0, 1.0\], got 1.5"):
        load_settings(env={}, overrides={"cluster": {"similarity_threshold": 1.5}})


def test_unknown_key_and_bad_type_are_named(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'brief.sumary_words'"):
        load_settings(env={}, overrides={"brief": {"sumary_words": 3}})
    with pytest.raises(ConfigError, match="brief.summary_words must be of type int, got 'many'"):
        load_settings(env={"NEWSFUSE_BRIEF__SUMMARY_WORDS": "many"})


def test_bad_toml_file_is_a_config_error(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[brief\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_settings(config, env={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", env={})
