"""Every string the interface shows has a Kazakh and a Russian translation."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    found = extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_interface_string_is_translated(source_ids, lang):
    with open(ROOT / "app" / "translations" / lang / "LC_MESSAGES" / "messages.po", encoding="utf-8") as f:
        catalog = read_po(f)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog
                  if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and not m.fuzzy}
    missing = sorted(source_ids - translated)
    assert not missing, f"{len(missing)} strings lack a {lang} translation (pybabel extract/update): {missing[:5]}"
