"""Interface phrases chosen by a code from the data (booth status, organiser role...), and the
one way templates get gettext: :func:`install` puts Jinja's i18n extension into an environment.

The dictionaries below hold msgids only (marked with :func:`N_` so that extraction finds them);
every translation lives in the catalogs (see :mod:`generator.catalog`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

if TYPE_CHECKING:
    from .language import Language


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a message for extraction without translating it here."""
    return message


PHRASES: dict[str, dict[str, str]] = {
    "booth": {"free": N_("Free"), "reserved": N_("Reserved"), "sold": N_("Sold")},
    "role": {
        "host": N_("Host"), "organiser": N_("Organiser"), "co-organiser": N_("Co-organiser"),
        "supporter": N_("Supporter"),
    },
    "milestone": {"done": N_("Done"), "in-progress": N_("In progress"), "planned": N_("Planned")},
    "phase": {"upcoming": N_("Coming soon"), "open": N_("Open now"), "closed": N_("The show has closed")},
    "error": {
        "required": N_("This question needs an answer."),
        "unknown_field": N_("This field is not part of the form."),
        "unknown_option": N_("Choose one of the listed options."),
        "single_value": N_("Choose only one option."),
        "too_long": N_("This answer is too long."),
        "not_email": N_("Enter an e-mail address such as name@example.org."),
        "not_rating": N_("Choose a value from 1 to 5."),
        "consent_required": N_("Tick the consent box to enter the lottery, or leave the contact fields empty."),
        "contact_required": N_("Give an e-mail address so that we can reach you if you win."),
        "token": N_("This survey link is not valid. Please use the link from your letter."),
        "duplicate": N_("An answer for this survey link has already been received."),
        "code": N_("This is not a code we sent. Check the code printed in your letter, or leave the field empty."),
        "form": N_("The form could not be read. Please reload the page and try again."),
    },
}
"""Kind -> code -> English msgid (``error``: the codes the collector returns per field)."""

ERROR_CODES = tuple(PHRASES["error"])
"""Error codes the collector returns per field; ``phrase(language, "error", code)`` is the message."""


def phrase(language: Language, kind: str, code: str) -> str:
    """The word for a data code (``phrase(lang, "booth", "sold")``) in ``language``."""
    try:
        message = PHRASES[kind][code]
    except KeyError:
        raise ValueError(f"unknown {kind} {code!r} (known: {', '.join(PHRASES.get(kind, {}))})") from None
    return language.gettext(message)


def context_language(context: Context) -> Language:
    """The template's :class:`Language`: ``i18n`` in the context, else built from ``lang`` (and ``show``)."""
    from .language import language_for
    from .show import Show

    found = context.get("i18n")
    if found is not None:
        return found  # type: ignore[no-any-return]
    show = context.get("show")
    return language_for(context["lang"], show if isinstance(show, Show) else None)


@pass_context
def _gettext(context: Context, message: str) -> str:
    return context_language(context).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return context_language(context).ngettext(singular, plural, n)


@pass_context
def _pgettext(context: Context, msgctxt: str, message: str) -> str:
    return context_language(context).pgettext(msgctxt, message)


@pass_context
def _phrase(context: Context, kind: str, code: str) -> str:
    return phrase(context_language(context), kind, code)


def install(env: Environment) -> Environment:
    """Add jinja2.ext.i18n (newstyle gettext: ``_("Booths: %(num)s", num=n)``) and ``phrase()``.

    The language comes from each render's context (``i18n``, else ``lang``), so one environment
    serves every language.
    """
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, newstyle=True, pgettext=_pgettext,
    )
    env.globals["phrase"] = _phrase
    return env
