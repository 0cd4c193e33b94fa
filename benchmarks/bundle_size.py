"""Size of the frozen bundle and of each installer artifact in dist/.

    python -m benchmarks.bundle_size            # the table for what `make dist` built
    python -m benchmarks.bundle_size --gzip     # plus a .tar.gz of the bundle, for comparison
    python -m benchmarks.bundle_size --stages   # rebuild with each exclusion stage of
                                                # packaging/ml_interview_studio.spec (slow;
                                                # add --xz to compress each stage too)

Targets (issue 7): the .tar.xz and the .deb each under 60 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "ml-interview-studio"
LIMIT_MB = 60.0
STAGES = {
    0: "naive one-folder build (all data, every hook's default)",
    1: "- README screenshots from resources/",
    2: "- packages never imported at run time (scipy, sklearn, matplotlib, tk, readline, ...)",
    3: "- pyqtgraph examples/opengl/jupyter/canvas/flowchart",
    4: "- unused Qt Python modules (QML, Quick, Network, Sql, Test, Designer, ...)",
    5: "- unused Qt plugins and their system libraries (gtk3 theme, eglfs, vnc, tls, tiff, ...)",
    6: "- Qt translations",
    7: "- Qt libraries only the dropped modules load",
    8: "- Pillow codecs the GIF export never uses (AVIF, WebP, FreeType, LCMS, Tk)",
    9: "- debug sections of the interpreter's own binaries (libpython, lib-dynload)",
}


def megabytes(size: int) -> float:
    return size / 1_000_000


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, file count) of every regular file under `folder`."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def compressed_size(folder: Path, mode: str) -> int:
    """Bytes of `folder` as a tarball, compressed with xz -9 (all cores) or gzip -9."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bundle.tar"
        with tarfile.open(target, "w") as tar:
            tar.add(folder, arcname=folder.name)
        command = ["xz", "-T0", "-9", "-k"] if mode == "xz" else ["gzip", "-9", "-k"]
        subprocess.run([*command, str(target)], check=True)
        suffix = ".xz" if mode == "xz" else ".gz"
        return target.with_name(target.name + suffix).stat().st_size


def deb_installed_size(deb: Path) -> int | None:
    result = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True, text=True
    )
    return int(result.stdout.strip()) * 1024 if result.returncode == 0 else None


def artifact_table(gzip: bool) -> int:
    if not BUNDLE.is_dir():
        print(f"no bundle at {BUNDLE}: run `make dist` first")
        return 1
    size, files = folder_size(BUNDLE)
    rows = [("bundle (one folder, unpacked)", megabytes(size), f"{files} files")]
    if gzip:
        rows.append(
            ("bundle as .tar.gz -9 (comparison)", megabytes(compressed_size(BUNDLE, "gz")), "")
        )
    failed = False
    for artifact in sorted(DIST.glob("ml-interview-studio*")):
        if artifact.is_dir():
            continue
        mb = megabytes(artifact.stat().st_size)
        note = ""
        if artifact.suffix == ".deb":
            installed = deb_installed_size(artifact)
            note = f"installs {megabytes(installed):.0f} MB" if installed else ""
        if artifact.name.endswith((".tar.xz", ".deb")):
            ok = mb < LIMIT_MB
            failed |= not ok
            note += (
                f"{'; ' if note else ''}{'within' if ok else 'OVER'} the {LIMIT_MB:.0f} MB target"
            )
        rows.append((artifact.name, mb, note))
    print(f"{'artifact':<52} {'MB':>7}  notes")
    for name, mb, note in rows:
        print(f"{name:<52} {mb:7.1f}  {note}")
    return 1 if failed else 0


def stage_table(xz: bool) -> int:
    """Rebuild with ML_STUDIO_DIST_STAGE=0..N and print the size after each exclusion."""
    spec = ROOT / "packaging" / "ml_interview_studio.spec"
    print(f"{'stage':<84} {'unpacked MB':>11} {'.tar.xz MB':>10}")
    with tempfile.TemporaryDirectory(prefix="ml-studio-stages-") as tmp:
        for stage, label in STAGES.items():
            started = time.perf_counter()
            env = dict(os.environ, ML_STUDIO_DIST_STAGE=str(stage))
            subprocess.run(
                [
                    sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", f"{tmp}/dist{stage}", "--workpath", f"{tmp}/work{stage}", str(spec),
                ],
                check=True,
                env=env,
            )  # fmt: skip
            bundle = Path(tmp) / f"dist{stage}" / "ml-interview-studio"
            size, _ = folder_size(bundle)
            packed = f"{megabytes(compressed_size(bundle, 'xz')):10.1f}" if xz else f"{'-':>10}"
            print(
                f"{stage} {label:<82} {megabytes(size):11.1f} {packed}"
                f"   ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gzip", action="store_true", help="also measure a .tar.gz")
    parser.add_argument("--stages", action="store_true", help="rebuild per exclusion stage")
    parser.add_argument("--xz", action="store_true", help="with --stages: .tar.xz of each stage")
    args = parser.parse_args(argv)
    return stage_table(args.xz) if args.stages else artifact_table(args.gzip)


if __name__ == "__main__":
    raise SystemExit(main())
