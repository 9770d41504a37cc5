"""Reason codes of issue 14 (safety: households, release gating, release hand-off) ->
(english, chinese). Merged into messages.MESSAGES; REASON_WORDS into messages.REASON_WORDS."""
from __future__ import annotations

from datetime import date

MESSAGES: dict[str, tuple[str, str]] = {
    "move_separates_household": (
        "{name} shares room {room} with their household: moving them alone would leave a child or a person who needs a "
        "carer without an adult. Move the household together, or a manager overrides with a reason.",
        "{name}与同户人员同住{room}:单独转移将使儿童或需照护人员无成人陪同。请整户一起转移,或由负责人填写原因强制转移。"),
    "room_too_small_for_household": (
        "Room {room} has {beds} bed(s) but the household moving together is {people} people. Choose a room with enough "
        "beds.",
        "房间{room}只有{beds}张床,而一起转移的同户人员有{people}人。请选择床位足够的房间。"),
    "release_fever_second_signature": (
        "A fever in the last 24 hours: one person cannot override it. A second signed-in account with the medical or "
        "manager role must confirm, with a reason.",
        "24小时内有发热:不能由一人强制解除。须由第二位医疗或负责人账号登录确认并填写原因。"),
    "second_signature_same_person": (
        "The second confirmation must come from another account, not the manager who overrides.",
        "第二位确认人必须是另一个账号,不能是强制解除的负责人本人。"),
    "release_notice_not_releasable": (
        "No release notice for {name}: the person cannot be released now ({reasons}).",
        "不能为{name}打印解除告知书:该人员现在不能解除隔离({reasons})。"),
    "birth_date_needed": (
        "Birth date needed: a child registered with a parent needs a birth date (fill it in from the birth certificate "
        "or ask the parent).",
        "需要出生日期:随家长登记的儿童必须填写出生日期(按出生证明或询问家长填写)。"),
    "child_alone_not_acknowledged": (
        "A child alone in room {room} is not acknowledged away: check a carer in with the child's household, or move "
        "the child to a family member.",
        "房间{room}儿童独处的提醒不能仅确认了事:请为该儿童同户登记陪护人员入住,或将儿童转到家人身边。"),
    "stay_not_released": (
        "Only a released person's community can be marked as told.",
        "只有已解除隔离人员才能登记已告知社区。"),
    "community_already_notified": (
        "The community was already told ({by}, {at}).",
        "已告知社区({by},{at})。"),
}

REASON_WORDS: dict[str, tuple[str, str]] = {
    "positive_nearby": ("an unacknowledged positive in the room or on the floor",
                        "本房间或本楼层有未确认处置的阳性"),
    "move_separates_household": ("moving alone leaves a child or a person who needs a carer without an adult",
                                 "单独转移使儿童或需照护人员无成人陪同"),
}

# What each missing test is, as the release refusal names it (test purpose -> words).
TEST_PURPOSE_WORDS: dict[str, tuple[str, str]] = {
    "check_in": ("check-in sample", "入住采样"),
    "scheduled": ("scheduled sample", "例行采样"),
    "release": ("pre-release sample", "解除前采样"),
    "second_lab": ("second sample", "第二份采样"),
    # the 8th edition's double sample whose two results do not come from two different labs
    "double_sample_second_lab": ("result of a second, different lab for the double sample",
                                 "双采双检另一家检测机构的结果"),
    "regime": ("regime sample", "常规检测采样"),
    "retest": ("re-test", "复检采样"),
    "surface": ("surface sample", "物表采样"),
    "belongings": ("belongings sample", "物品采样"),
}


def missing_tests_words(missing, lang: str) -> str:
    """("release", "2022-12-03"), ("second_lab", "2022-12-03") -> "解除前采样 12-03, 第二份采样
    12-03". Two missing tests of the same purpose on one day say how many, so that the same
    date never appears twice without saying why."""
    zh = lang.startswith("zh")
    counts: dict[tuple[str, str], int] = {}
    for kind, day in missing:
        counts[(kind, str(day))] = counts.get((kind, str(day)), 0) + 1
    parts = []
    for (kind, day), n in counts.items():
        en_word, zh_word = TEST_PURPOSE_WORDS.get(kind, (kind, kind))
        try:
            short = date.fromisoformat(day[:10]).strftime("%m-%d")
        except ValueError:
            short = day
        text = f"{zh_word if zh else en_word} {short}"
        if n > 1:
            text += f"(共{n}份)" if zh else f" ({n} samples)"
        parts.append(text)
    return ", ".join(parts)
