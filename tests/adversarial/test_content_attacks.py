"""Hostile content packs: code execution, alias bombs, special files, oversized Markdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.content import MAX_FILE_BYTES, load_library, load_pack
from app.implementation import load_implementation
from tests.adversarial.conftest import make_pack, pack_question, run_limited

BASE = load_library()


def _messages(errors: tuple[object, ...]) -> str:
    return "\n".join(str(e) for e in errors)


# -- code execution through `implementation:` ---------------------------------------------


def test_pack_hook_module_is_refused_and_never_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran"
    hook = tmp_path / "evilpack"
    hook.mkdir()
    (hook / "__init__.py").write_text("")
    (hook / "hook.py").write_text(f"open({str(marker)!r}, 'w').write('x')\ndef f(): pass\n")
    pack = make_pack(hook, {"q901.yaml": pack_question(extra="implementation: evilpack.hook:f\n")})
    monkeypatch.syspath_prepend(str(tmp_path))
    library, errors = load_pack(pack, BASE)
    assert library is None
    assert "implementation" in _messages(errors) and "app's own" in _messages(errors)
    found = load_implementation("evilpack.hook:f")
    assert found.source is None and found.problem and "not one of" in found.problem
    assert not marker.exists() and "evilpack.hook" not in sys.modules


@pytest.mark.parametrize("reference", ["antigravity:geohash", "venv.__main__:main", "os:system"])
def test_standard_library_references_are_not_imported(
    reference: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: opened.append(str(a)))
    module = reference.split(":")[0]
    was_loaded = module in sys.modules
    found = load_implementation(reference)
    assert found.source is None and found.problem is not None
    assert opened == []
    assert (module in sys.modules) == was_loaded


def test_every_table_entry_resolves_to_source() -> None:
    from app.implementation import IMPLEMENTATIONS

    for reference in IMPLEMENTATIONS:
        found = load_implementation(reference)
        assert found.problem is None and found.source and "def " in found.source


# -- YAML alias bomb -----------------------------------------------------------------------

# A valid question whose number is nine levels of anchors, nine aliases each: 1.4 KB that
# expands to 9⁹ strings wherever something walks or prints the value.
ALIAS_NUMBER = (
    "number: [&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol],\n"
    + "".join(f"  &a{i} [{', '.join([f'*a{i - 1}'] * 9)}],\n" for i in range(1, 10))
    + "  *a9]\n"
)
ALIAS_BOMB = pack_question().replace("number: 901\n", ALIAS_NUMBER)


def test_alias_bomb_is_refused_quickly_with_a_short_message(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"q901.yaml": ALIAS_BOMB})
    assert "number: 901" not in ALIAS_BOMB
    assert (pack / "questions" / "q901.yaml").stat().st_size < 3000
    outcome = run_limited(
        f"""
        from pathlib import Path
        from app.content import load_library, load_pack
        library, errors = load_pack(Path({str(pack)!r}), load_library())
        report([library is None, [str(e) for e in errors]])
        """,
        memory_mb=700,
        timeout_s=30,
    )
    refused, messages = outcome.result
    assert refused
    assert any("alias" in m for m in messages)
    assert sum(len(m) for m in messages) < 2000


def test_long_values_are_quoted_short(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path / "pack",
        {
            "q901.yaml": pack_question().replace(
                "difficulty: medium", "difficulty: " + "x" * 100_000
            )
        },
    )
    library, errors = load_pack(pack, BASE)
    assert library is None and "difficulty" in _messages(errors)
    assert len(_messages(errors)) < 1000


# -- special files and links ----------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    pack = make_pack(tmp_path / "pack")
    os.symlink(device, pack / "questions" / "q902.yaml")
    outcome = run_limited(
        f"""
        from pathlib import Path
        from app.content import load_library, load_pack
        library, errors = load_pack(Path({str(pack)!r}), load_library())
        report([library is None, [str(e) for e in errors]])
        """,
        memory_mb=700,
        timeout_s=20,
    )
    refused, messages = outcome.result
    assert refused and any("q902.yaml" in m and "refused" in m for m in messages)


def test_fifo_does_not_hang_the_load(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"q901.yaml": pack_question()})
    os.mkfifo(pack / "questions" / "q902.yaml")
    outcome = run_limited(
        f"""
        from pathlib import Path
        from app.content import load_library, load_pack
        library, errors = load_pack(Path({str(pack)!r}), load_library())
        report([library is None, [str(e) for e in errors]])
        """,
        memory_mb=700,
        timeout_s=20,
    )
    refused, messages = outcome.result
    assert refused and any("not a regular file" in m for m in messages)


def test_links_leaving_the_pack_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(pack_question(903, "outside-question"))
    pack = make_pack(tmp_path / "pack", {"q901.yaml": pack_question()})
    os.symlink("/etc/passwd", pack / "questions" / "q902.yaml")
    os.symlink(outside, pack / "questions" / "q903.yaml")
    library, errors = load_pack(pack, BASE)
    text = _messages(errors)
    assert library is None
    assert "q902.yaml" in text and "q903.yaml" in text and "outside the content folder" in text
    assert "root:" not in text


def test_link_inside_the_pack_still_loads(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"real.txt": pack_question()})
    os.symlink(pack / "questions" / "real.txt", pack / "questions" / "q901.yaml")
    library, errors = load_pack(pack, BASE)
    assert errors == () and library is not None and library.question(901) is not None


def test_huge_sparse_file_is_refused_by_size(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack")
    big = pack / "questions" / "q902.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 4)
    library, errors = load_library(pack, base=BASE), None
    assert errors is None
    assert any("limited to" in str(e) for e in library.errors)


def test_symlink_loop_and_link_to_root_do_not_stall_the_walk(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"q901.yaml": pack_question()})
    os.symlink(pack, pack / "questions" / "loop")
    os.symlink("/", pack / "root")
    library, errors = load_pack(pack, BASE)
    assert errors == () and library is not None


def test_duplicate_category_id_in_a_pack_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"q901.yaml": pack_question()})
    (pack / "categories.yaml").write_text(
        "- id: coding\n  title: Coding again\n  description: Twice.\n"
        "- id: extra\n  title: Extra\n  description: One.\n"
        "- id: extra\n  title: Extra again\n  description: Two.\n"
    )
    library, errors = load_pack(pack, BASE)
    assert library is None
    assert _messages(errors).count("already a category id") == 2


# -- Markdown bombs are refused at load ---------------------------------------------------

MARKDOWN_BOMBS = {
    "brackets": "[" * 8000,
    "nested-list": "".join("  " * i + "- x\n" for i in range(150)),
    "nested-quotes": "> " * 2000 + "x",
    "code-fences": "```\na\n```\n" * 20000,
    "autolinks": "<http://" * 5000,
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_BOMBS))
def test_markdown_bombs_are_refused_at_load(tmp_path: Path, name: str) -> None:
    body = MARKDOWN_BOMBS[name]
    indented = "\n".join(
        "  " + line for line in (" ".join(["word"] * 160) + "\n\n" + body).split("\n")
    )
    text = pack_question().replace(
        "answer: |\n  " + " ".join(["word"] * 160) + "\n", "answer: |\n" + indented + "\n"
    )
    pack = make_pack(tmp_path / "pack", {"q901.yaml": text})
    library, errors = load_pack(pack, BASE)
    assert library is None
    assert "answer" in _messages(errors)


RENDER_BOMBS = {  # built in the child: the texts are megabytes
    "brackets": '"[" * 8000',
    "nested-list": '"".join("  " * i + "- x\\n" for i in range(2000))',
    "code-fences": '"```\\na\\n```\\n" * 20000',
    "autolinks": '"<http://" * 5000',
    "links-to-nowhere": '"[a](" * 4000',
}


def test_rendering_hostile_markdown_is_bounded() -> None:
    """Each bomb renders (as plain text) in a child with a memory limit and a timeout."""
    outcome = run_limited(
        f"""
        import time
        from app.rendering import render_markdown
        times = {{}}
        for name, source in {RENDER_BOMBS!r}.items():
            text = eval(source)  # the test's own literals, not input
            start = time.perf_counter()
            html = render_markdown(text)
            times[name] = [round(time.perf_counter() - start, 3), len(html)]
        report(times)
        """,
        memory_mb=1200,
        timeout_s=30,
    )
    assert isinstance(outcome.result, dict) and set(outcome.result) == set(RENDER_BOMBS)


def test_rendered_html_keeps_no_local_images_or_links() -> None:
    from app.rendering import render_markdown

    html = render_markdown(
        '<img src="/dev/zero"> ![x](/etc/passwd) [f](file:///etc/passwd) '
        '<table background="/dev/zero"><tr><td style="background-image: url(/dev/zero)">'
        "x</td></tr></table> [ok](https://example.org) [q](question:3)"
    )
    lowered = html.lower()
    assert "<img" not in lowered and "/etc/passwd" not in lowered.replace("data-removed", "")
    assert 'background="/dev/zero"' not in lowered and "url(/dev/zero)" not in lowered
    assert 'href="https://example.org"' in html and 'href="question:3"' in html
