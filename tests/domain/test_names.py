"""Names as lab sheets write them: the same person written differently, and real differences."""
from __future__ import annotations

import pytest

from isolation_desk.domain.names import DIFFERENT, SAME, SCRIPT, TYPO, compare_names, name_key


@pytest.mark.parametrize("sheet, registered", [
    ("张三", "张三"),
    (" 张 三 ", "张三"),                       # spaces typed between surname and given name
    ("张\u3000三", "张三"),                    # ideographic space
    ("买买提·艾力", "买买提艾力"),               # minority name, middle dot or none
    ("买买提.艾力", "买买提·艾力"),
    ("买买提•艾力", "买买提・艾力"),
    ("阿依古丽．买买提", "阿依古丽·买买提"),       # full-width full stop
    ("ZHANG SAN", "Zhang San"),               # passport upper case
    ("ｚｈａｎｇ　ｓａｎ", "zhang san"),          # full-width letters (NFKC)
    ("Lǚ Xiǎomíng", "LU XIAOMING"),           # pinyin with tone marks
    ("José Müller", "JOSE MULLER"),
    ("“小明”", "小明"),                        # curly quotes around the name
    ("O’Neil", "O'NEIL"),
    ("ZHANG, SAN", "Zhang San"),
    ("张三\u200b", "张三"),                    # zero-width space from a web form
    ("", "张三"),                              # no name on the sheet: the document decides
])
def test_the_same_person_written_differently(sheet, registered):
    assert compare_names(sheet, registered).kind == SAME


@pytest.mark.parametrize("sheet, registered, kind", [
    ("Zhang San", "张三", SCRIPT),             # pinyin against hanzi: we cannot tell, a person must
    ("张三", "ZHANG SAN", SCRIPT),
    ("张山", "张三", TYPO),
    ("张三丰", "张三", TYPO),
    ("王小明", "王晓明", TYPO),
    ("Zhnag San", "Zhang San", TYPO),          # two letters swapped
    ("李四", "张三", DIFFERENT),
    ("Li Si", "Zhang San", DIFFERENT),
    ("李", "张", DIFFERENT),                   # one character names: no typo, another person
])
def test_real_differences_are_reported_with_their_kind(sheet, registered, kind):
    m = compare_names(sheet, registered)
    assert m.kind == kind and not m.same


def test_name_key_folds_only_what_does_not_identify():
    assert name_key("  Lǚ·Xiǎo-Míng ") == "luxiaoming"
    assert name_key(None) == ""
    assert name_key("张三") == "张三"
