import re
from pathlib import Path

import isolation_desk
from isolation_desk.domain.errors import DomainError
from isolation_desk.messages import MESSAGES, describe

CODE = re.compile(r'(?:DomainError|Refused|StorageError|SpreadsheetError|\w+Error)\(\s*"([a-z][a-z0-9_]+)"')


def test_every_raised_code_has_a_sentence_in_both_languages():
    root = Path(isolation_desk.__file__).parent
    missing = set()
    for path in root.rglob("*.py"):
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            if code not in MESSAGES:
                missing.add((path.name, code))
    assert not missing, sorted(missing)
    for code, (en, zh) in MESSAGES.items():
        assert en.strip() and zh.strip(), code
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{code}: the Chinese sentence has no Chinese"


def test_describe_fills_parameters_and_never_crashes():
    assert "18" in describe(DomainError("id_length", length=17), "en")
    assert "身份证" in describe(DomainError("id_length", length=17), "zh_CN")
    assert describe(DomainError("room_not_ready"), "en")  # a missing parameter stays blank
    assert describe(DomainError("some_unknown_code"), "en") == "some_unknown_code"
