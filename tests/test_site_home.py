"""The home page by phase, the show's identity (colours, hero picture, logo wall), phase-aware forms
and the halls split per hall: rendered from the sample show and the tiny fixture with fixed dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT, TINY, edit
from generator.load import load_show
from generator.models import Identity, Palette
from generator.show import Show
from generator.site import halls
from generator.site.forms import form_pages
from generator.site.gather import gather
from generator.site.identity import contrast, hero_variants, identity_css, identity_problems
from generator.site.pages import core_pages

BEFORE, DURING, AFTER = dt.date(2026, 4, 1), dt.date(2026, 5, 13), dt.date(2026, 5, 20)


@pytest.fixture(scope="module")
def sample() -> Show:
    return load_show(ROOT)


def home(show: Show, lang: str, today: dt.date) -> str:
    return core_pages(show, lang, today)["index.md"]


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_closed_is_said_once_and_the_city_not_twice(sample: Show) -> None:
    page = home(sample, "zh", AFTER)
    assert text_of(page).count("本届展会已闭幕") == 1
    assert "海州市蓝湾新区会展大道 888 号, 海州" not in page
    assert "Lanwan New District, Haizhou, Haizhou" not in home(sample, "en", AFTER)
    assert "Lanwan New District, Haizhou" in home(sample, "en", AFTER)


def test_countdown_and_plan_before_the_show(sample: Show) -> None:
    en = home(sample, "en", BEFORE)
    assert "41 days to opening" in en
    assert 'id="plan"' in en or "{ #plan }" in en
    assert "days to opening" not in home(sample, "en", DURING)
    assert "距开幕还有 41 天" in home(sample, "zh", BEFORE)


def test_today_during_the_show(sample: Show) -> None:
    en = home(sample, "en", DURING)
    assert "Today at the show" in en
    day = next(d for d in sample.info.days if d.date == DURING)
    assert f"{day.opens:%H:%M}\u2009–\u2009{day.closes:%H:%M}" in en  # CLDR's English interval (Language.time_range)
    todays = [e for e in sample.schedule.events if sample.local(e.starts).date() == DURING]
    assert todays and all(f"#event-{e.id}" in en for e in todays)
    others = [e for e in sample.schedule.events if sample.local(e.starts).date() != DURING]
    assert not any(f"#event-{e.id}" in en for e in others)
    assert "Today at the show" not in home(sample, "en", AFTER)


def test_key_figures_are_written_the_language_way(sample: Show) -> None:
    en, zh = home(sample, "en", AFTER), home(sample, "zh", AFTER)
    visits = sum(d.visitors for d in sample.info.statistics.visitors_per_day)
    assert visits > 9999
    assert f'<span class="sp-keyfigure">{visits:,}</span>' in en
    assert "This edition in figures" in en
    assert "US$" in zh and "亿" in zh  # the deals in CLDR's compact Chinese form
    before = home(sample, "en", BEFORE)  # nothing counted yet: the last edition's figures
    assert "The last edition in figures" in before


def test_hero_srcset_logo_wall_and_colours(sample: Show) -> None:
    contents = gather(sample, AFTER, brochures=False)
    zh = contents["zh"]
    page = zh.pages["index.md"]
    srcset = re.search(r'srcset="([^"]+)"', page)
    assert srcset is not None
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset.group(1))]
    assert widths == [480, 960, 1600]
    for part in srcset.group(1).split(", "):
        assert isinstance(zh.files[part.split(" ")[0]], bytes)
    assert 'alt="海州国际会展中心' in page
    assert 'src="media/sponsors/haizhou-port-bank.svg" alt="海州港口银行"' in page
    assert page.count('class="sp-logowall"') == 1 and "media/logos/" in page
    assert 'class="sp-highlights"' in page and not re.search(r'href="[^"]*\.md[#"]', page)  # raw HTML: URLs
    css = zh.files["assets/showpress/identity.css"]
    assert isinstance(css, bytes) and b"--md-primary-fg-color: #0b5394" in css
    assert "assets/showpress/identity.css" in zh.extra_css


def test_identity_colours_are_checked_for_contrast(tiny: Path, problems_of) -> None:  # type: ignore[no-untyped-def]
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    edit(tiny / "data" / "show.yml", "inquiry:", "identity: {light: {primary: '#ffb74d'}, dark: {primary: '#0b5394'}}\ninquiry:")
    found = problems_of(tiny)
    assert any("data/show.yml" in p and "identity.light.primary: '#ffb74d' has a contrast of 1.73:1" in p
               and "choose a darker colour" in p for p in found), found
    assert not any("identity.dark" in p for p in found)


def test_identity_bad_hex_is_refused(tiny: Path, problems_of) -> None:  # type: ignore[no-untyped-def]
    edit(tiny / "data" / "show.yml", "inquiry:", "identity: {light: {primary: 'navy'}}\ninquiry:")
    assert any("identity.light.primary" in p for p in problems_of(tiny))


def test_no_identity_no_stylesheet() -> None:
    tiny = load_show(TINY)
    assert identity_css(tiny) is None and hero_variants(tiny) is None
    assert list(identity_problems(tiny)) == []
    dark_only = dataclasses.replace(tiny, info=tiny.info.model_copy(
        update={"identity": Identity(dark=Palette(primary="#123456"))}))
    css = identity_css(dark_only)
    assert css is not None and b'[data-md-color-scheme="slate"]' in css and b"default" not in css


def test_visitor_survey_speaks_of_the_visit_after_the_show(sample: Show) -> None:
    for lang in sample.languages:
        during = "".join(form_pages(sample, lang, DURING).values())
        after = "".join(form_pages(sample, lang, AFTER).values())
        survey = next(f for f in sample.forms if f.id == "visitor-survey")
        closed = survey.phases["closed"]
        assert closed.lottery and survey.lottery is not None
        from generator.i18n import tr

        for gone in (tr(survey.lottery.prize, lang, sample.languages), tr(survey.thanks, lang, sample.languages),
                     tr(survey.questions[1].label, lang, sample.languages)):
            assert gone in during
            assert gone not in after, (lang, gone)
    en_after = "".join(form_pages(sample, "en", AFTER).values())
    assert "How did you travel to the venue?" in en_after
    assert "drawn every day" not in en_after and "Enjoy the show." not in en_after
    assert 'name="q.transport-mode"' in en_after  # same question ids: answers keep counting together


def test_a_phase_can_drop_the_lottery(tiny: Path) -> None:
    edit(tiny / "data" / "forms.yml", "    lottery:", "    phases: {closed: {lottery: false}}\n    lottery:")
    show = load_show(tiny)
    during = "".join(form_pages(show, "en", dt.date(2026, 6, 10)).values())
    after = "".join(form_pages(show, "en", dt.date(2026, 6, 20)).values())
    assert "A tablet" in during and 'name="lottery_consent"' in during
    assert "A tablet" not in after and 'name="lottery_consent"' not in after


def test_phase_texts_must_name_questions_of_the_form(tiny: Path, problems_of) -> None:  # type: ignore[no-untyped-def]
    edit(tiny / "data" / "forms.yml", "    lottery:", "    phases: {closed: {questions: {nope: {label: x}}}}\n    lottery:")
    assert any("no question 'nope'" in p for p in problems_of(tiny))


def test_large_show_gets_a_page_per_hall(sample: Show) -> None:
    assert sum(len(h.booths) for h in sample.halls) > halls.SPLIT_AT
    pages = core_pages(sample, "en", AFTER)
    hall = sample.halls[0]
    own = pages[f"halls/{hall.id}.md"]
    assert all(f'id="booth-{b.id}"' in own for b in hall.booths)
    assert 'id="booth-' not in pages["halls.md"]
    assert f'href="{hall.id}/"' in pages["halls.md"]
    exhibitor = next(e for e in sample.exhibitors if e.booths)
    booth = exhibitor.booths[0]
    hall_of = sample.booths[booth][0].id
    assert f'href="../../halls/{hall_of}/#booth-{booth}"' in pages[f"exhibitors/{exhibitor.id}.md"]
    small = load_show(TINY)
    assert not halls.split(small)
    assert not any(p.startswith("halls/") for p in core_pages(small, "en", AFTER))


def test_plans_keep_labels_legible() -> None:
    pages = core_pages(load_show(TINY), "en", AFTER)
    svgs = re.findall(r"<svg .*?</svg>", pages["halls.md"], re.S)
    assert len(svgs) == 2  # the site plan and hall A's plan
    for svg in svgs:
        found = re.match(r'<svg style="min-width: (\d+)px"[^>]*\bwidth="([0-9.]+)"', svg)
        assert found, svg[:200]
        smallest = min(float(s) for s in re.findall(r'font-size="([0-9.]+)"', svg))
        shown = float(found.group(1)) / float(found.group(2)) * smallest  # at its narrowest
        assert shown >= halls.MIN_LABEL_PX - 0.01
    assert 'class="sp-plan-scroll" tabindex="0" role="region" aria-label=' in pages["halls.md"]


def test_times_read_left_to_right_on_a_right_to_left_home_page() -> None:
    ar = home(load_show(TINY), "ar", dt.date(2026, 6, 10))
    assert '<span class="sp-nowrap" dir="ltr">09:00–18:00</span>' in ar
    assert '<span class="sp-event-time" dir="ltr">' in ar
