"""The collector's doors, each in one place: every /admin route is behind the admin guard, the form
routes behind the CORS door; and the site's forms send only fields the collector accepts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from collector_support import ADMIN, SECRET, SITE_ORIGIN, Running, running_collector, tiny_show

from generator.collector.app import create_app
from generator.collector.settings import Settings
from generator.collector.validate import Invalid, validate
from generator.models.answerfields import CONTACT_MAX, LOTTERY_FIELDS, META_FIELDS, question_field
from generator.site.forms import form_html


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[Running]:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'f.db'}", admin_token=ADMIN,
                        token_secret=SECRET, rate_per_minute=0)
    with running_collector(settings) as running:
        yield running


def admin_paths(settings: Settings) -> list[tuple[str, str]]:
    """(method, path) of every route of the app under /admin, path parameters filled in."""
    found = []
    for route in create_app(settings).routes:
        path = getattr(route, "path", "")
        if path.startswith("/admin"):
            for method in sorted(getattr(route, "methods", None) or {"GET"}):
                found.append((method, re.sub(r"\{[^}]+\}", "x", path)))
    return found


def test_every_admin_route_needs_the_token(collector: Running) -> None:
    paths = admin_paths(collector.settings)
    assert len({p for _, p in paths}) >= 6, paths
    with httpx.Client(base_url=collector.url, timeout=10) as client:
        for method, path in paths:
            for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": ADMIN},
                            {"Authorization": f"Basic {ADMIN}"}):
                reply = client.request(method, path, headers=headers)
                assert reply.status_code == 401, (method, path, headers)
                if method != "HEAD":
                    assert reply.json() == {"error": "admin token required"}
                assert reply.headers["www-authenticate"] == 'Bearer realm="showpress"'
                assert "access-control-allow-origin" not in reply.headers
        # the guard runs after routing: an unknown admin path and a wrong method say so, token or not
        for headers in ({}, {"Authorization": f"Bearer {ADMIN}"}):
            assert client.get("/admin/nothing", headers=headers).status_code == 404
            assert client.post("/admin/export.csv", headers=headers).status_code == 405
        assert client.get("/admin/report.json", headers={"Authorization": f"bearer  {ADMIN}"}).status_code == 200


def test_cors_door_headers_come_first_on_every_form_answer(collector: Running) -> None:
    origin = {"Origin": SITE_ORIGIN}
    with httpx.Client(base_url=collector.url, timeout=10, follow_redirects=False) as client:
        replies = [
            client.options("/f/feedback", headers=origin),
            client.post("/f/feedback", data={"q.exhibits": "good"}, headers=origin),
            client.post("/f/feedback", json={"q.exhibits": "nope"}, headers=origin),
            client.post("/f/feedback", content=b"x", headers={**origin, "Content-Type": "text/plain"}),
            client.post("/f/nope", json={}, headers=origin),
            client.post("/f/feedback", data={"q.exhibits": "fair"}, headers={"Referer": SITE_ORIGIN + "/en/"}),
        ]
        assert [r.status_code for r in replies] == [204, 303, 400, 415, 404, 303]
        for reply in replies:
            own = [header for header in reply.headers.raw if header[0] != b"date"]  # date: uvicorn's
            assert own[:2] == [(b"access-control-allow-origin", SITE_ORIGIN.encode()),
                                 (b"vary", b"Origin")], own
        assert replies[0].headers["access-control-allow-methods"] == "POST"
        assert replies[0].headers["access-control-max-age"] == "600"
        for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {}):
            post = client.post("/f/feedback", data={"q.exhibits": "good"}, headers=headers)
            pre = client.options("/f/feedback", headers=headers)
            assert (post.status_code, post.json()) == (403, {"error": "origin not allowed"})
            assert (pre.status_code, pre.text) == (403, "origin not allowed")
            for reply in (post, pre):
                assert reply.headers["vary"] == "Origin" and "access-control-allow-origin" not in reply.headers
        # the door runs after routing: a wrong method is 405 from any origin
        assert client.get("/f/feedback", headers={"Origin": "https://evil.example"}).status_code == 405


def test_site_forms_send_only_what_the_collector_accepts() -> None:
    show = tiny_show()
    for form in show.forms:
        for lang in show.languages:
            html = form_html(show, form, lang)
            names = set(re.findall(r'\bname="([^"]+)"', html))
            accepted = {question_field(q.id) for q in form.questions} | META_FIELDS
            if form.lottery is not None:
                accepted |= LOTTERY_FIELDS
            assert {question_field(q.id) for q in form.questions} <= names <= accepted, (form.id, lang)
            checked = validate(form, {name: [""] for name in names}, show.languages)
            errors = checked.errors if isinstance(checked, Invalid) else {}
            assert "unknown_field" not in errors.values(), (form.id, errors)
            for name in ("contact_name", "contact_email"):
                field = re.search(rf'name="{name}"[^>]*maxlength="(\d+)"|maxlength="(\d+)"[^>]*name="{name}"', html)
                if form.lottery is not None:
                    assert field and int(field.group(1) or field.group(2)) == CONTACT_MAX, (form.id, name)
