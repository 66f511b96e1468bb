"""Provenance of a results set: versions, input hashes, options and a reproducible timestamp.

``generated_at`` is UTC ISO 8601 (``YYYY-MM-DDTHH:MM:SSZ``): the time given by the
``SOURCE_DATE_EPOCH`` environment variable when it is set (reproducible builds,
https://reproducible-builds.org/specs/source-date-epoch/), else the current time.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from importlib import metadata

from alsreport.errors import AlsreportError
from alsreport.results.model import SCHEMA_VERSION, Provenance
from alsreport.study.model import Study

__all__ = ["DEPENDENCIES", "generated_at", "dependency_versions", "build_provenance"]

#: Distribution names whose versions are recorded (alternatives tried in order).
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "numpy": ("numpy",),
    "scipy": ("scipy",),
    "pandas": ("pandas",),
    "great-tables": ("great-tables", "great_tables"),
    "matplotlib": ("matplotlib",),
    "weasyprint": ("weasyprint",),
    "pypandoc": ("pypandoc", "pypandoc_binary", "pypandoc-binary"),
}

NOT_INSTALLED = "not installed"


def generated_at(environ: dict[str, str] | None = None) -> str:
    """UTC timestamp from ``SOURCE_DATE_EPOCH`` (seconds since 1970) if set, else now."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            when = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise AlsreportError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got {raw!r}") from exc
    else:
        when = dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _version(names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return NOT_INSTALLED


def dependency_versions() -> dict[str, str]:
    """Installed versions of :data:`DEPENDENCIES`, sorted by name."""
    return {name: _version(DEPENDENCIES[name]) for name in sorted(DEPENDENCIES)}


def _alsreport_version() -> str:
    from alsreport import __version__

    return __version__


def build_provenance(study: Study, environ: dict[str, str] | None = None) -> Provenance:
    """Provenance of an analysis of ``study`` (input hashes from ``study.input_hashes``)."""
    return Provenance(
        schema_version=SCHEMA_VERSION,
        generated_at=generated_at(environ),
        alsreport_version=_alsreport_version(),
        python_version=platform.python_version(),
        dependencies=dependency_versions(),
        inputs=dict(sorted(study.input_hashes.items())),
        fingerprint=study.fingerprint,
        options=study.config.analysis.model_dump(mode="json"),
    )
