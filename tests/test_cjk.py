from generator.cjk import join_cjk_lines


def test_breaks_between_chinese_or_japanese_characters_go() -> None:
    assert join_cjk_lines("軽量協働ロボット6台の\nデモラインが") == "軽量協働ロボット6台のデモラインが"
    assert join_cjk_lines("组成的演示产线，\n正在为一家") == "组成的演示产线，正在为一家"


def test_other_breaks_stay() -> None:
    text = "English words\nwrap here.\n\n협동로봇이\n주인공\n\n- 列表\n- 第二项\n\n# 标题\n段落\n"
    assert join_cjk_lines(text) == text
    assert join_cjk_lines("数字 10\n万元") == "数字 10\n万元"  # a break after a Latin digit is a space


def test_code_blocks_are_untouched() -> None:
    text = "前文\n后文\n```\n代码\n代码\n```\n后\n记\n"
    assert join_cjk_lines(text) == "前文后文\n```\n代码\n代码\n```\n后记\n"
