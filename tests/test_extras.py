"""The extras named in missing-module messages are the extras pyproject.toml defines, and each one
really brings the module it is named for."""
import pathlib
import re
import tomllib

from pantau.extras import EXTRAS, MissingExtra, hint, need

ROOT = pathlib.Path(__file__).resolve().parents[1]
# import name -> distribution name, where they differ
DISTRIBUTIONS = {"pycrfsuite": "python-crfsuite"}


def _extras() -> dict[str, set[str]]:
    opt = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    return {name: {re.split(r"[\[=<>~!; ]", req, maxsplit=1)[0].lower() for req in reqs}
            for name, reqs in opt.items()}


def test_every_named_extra_brings_its_module():
    extras = _extras()
    for module, (extra, _what) in EXTRAS.items():
        assert extra in extras, f"{module}: extra {extra!r} is not in pyproject.toml"
        assert DISTRIBUTIONS.get(module, module) in extras[extra], f"pantau[{extra}] does not install {module}"


def test_every_extra_is_named_for_some_module():
    named = {extra for extra, _ in EXTRAS.values()}
    assert set(_extras()) - {"dev"} <= named


def test_missing_module_names_its_extra():
    assert hint("pyarrow.parquet") == "Parquet output needs pyarrow, which is not installed: pip install 'pantau[parquet]'"
    try:
        need("pantau_no_such_module")
    except MissingExtra as exc:
        assert "pantau_no_such_module is not installed" in str(exc)
    else:
        raise AssertionError("need() imported a module that does not exist")
