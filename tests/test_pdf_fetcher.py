"""WeasyPrint reads only project files and data: URIs, even from hostile data."""

from __future__ import annotations

import io
import logging
import os

import pytest
from pdf_helpers import copy_tiny, pdftext
from pypdf import PdfReader

from generator.load import load_show
from generator.pdf.brochures import brochure_css, brochure_html, render_brochure
from generator.pdf.fetcher import ProjectURLFetcher, RefusedURL
from generator.pdf.render import render_pdf

SECRET_FILE = "/etc/passwd"


def test_fetcher_allows_project_files_and_data_uris(tmp_path):
    (tmp_path / "data").mkdir()
    logo = tmp_path / "data" / "logo.svg"
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = ProjectURLFetcher(tmp_path)
    assert fetcher.fetch(logo.as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/logo.png",
    "ftp://example.org/x", "file://otherhost/etc/passwd",
])
def test_fetcher_refuses_everything_else(tmp_path, url, caplog):
    fetcher = ProjectURLFetcher(tmp_path)
    with caplog.at_level(logging.WARNING), pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert "refused to embed" in caplog.text and fetcher.refused == [url]


def test_fetcher_refuses_symlink_and_dotdot_escapes(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "link.txt").symlink_to(SECRET_FILE)
    fetcher = ProjectURLFetcher(project)
    with pytest.raises(RefusedURL):
        fetcher.fetch((project / "link.txt").as_uri())
    with pytest.raises(RefusedURL):
        fetcher.fetch(project.as_uri() + "/../../../etc/passwd")


def _embedded_files(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    names = reader.trailer["/Root"].get("/Names", {})
    attachments = list(reader.attachments)
    return attachments + (["EmbeddedFiles"] if "/EmbeddedFiles" in names else [])


def test_hostile_html_gets_nothing_from_outside(tmp_path, caplog):
    html = (f'<html lang="en"><head><link rel="attachment" href="file://{SECRET_FILE}">'
            f'<link rel="stylesheet" href="file://{SECRET_FILE}"></head>'
            f'<body><p>x</p><img src="file://{SECRET_FILE}"><img src="http://127.0.0.1:9/a.png"></body></html>')
    with caplog.at_level(logging.WARNING):
        data = render_pdf(html, brochure_css("en"), tmp_path, tagged=False)
    assert _embedded_files(data) == []
    assert b"root:x:0:0" not in data
    assert caplog.text.count("refused to embed") >= 3


def test_hostile_show_data_is_sanitised_and_never_fetched(tmp_path, caplog):
    """Markdown in show data smuggling a <link rel=attachment> and an image of /etc/passwd.

    Markdown from data goes through nh3 (generator/markup.py): the ``<link>`` is dropped and the
    ``file:`` image sources are removed before WeasyPrint sees the HTML, so nothing is even asked for.
    """
    project = copy_tiny(tmp_path)
    show_yml = project / "data" / "show.yml"
    hostile = (f'history: {{en: "Founded. <link rel=attachment href=file://{SECRET_FILE}> '
               f'![pw](file://{SECRET_FILE}) <img src=file://{SECRET_FILE}>"}}\n')
    show_yml.write_text(
        "".join(hostile if line.startswith("history:") else line
                for line in show_yml.read_text(encoding="utf-8").splitlines(keepends=True)),
        encoding="utf-8",
    )
    show = load_show(project)
    html = brochure_html(show, "en")
    history = html[html.index('id="history"'):html.index('id="statistics"')]
    assert "Founded." in history
    assert "<link" not in history and "attachment" not in history  # dropped, not escaped
    assert "file:" not in history and SECRET_FILE not in history  # image sources removed
    assert history.count("<img") == 2 and "src=" not in history  # the images are inert
    with caplog.at_level(logging.WARNING):
        data = render_brochure(show, "en", tagged=False)
    assert _embedded_files(data) == []
    assert b"root:x:0:0" not in data
    assert SECRET_FILE not in caplog.text  # never handed to the fetcher at all
    out = tmp_path / "b.pdf"
    out.write_bytes(data)
    text = pdftext(out)
    assert "Founded." in text
    assert "<link" not in text and "rel=attachment" not in text and "file://" not in text
    assert os.path.exists(SECRET_FILE)
