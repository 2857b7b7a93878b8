"""pip installs the package offline into a virtual environment, and the installed package works."""

import os
import shutil
import subprocess
import venv


def test_pip_install_offline_into_a_venv(root, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python3"
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # only what the venv has installed
    # pip builds in the directory it installs from: build a copy, so the checkout stays clean.
    package = tmp_path / "package"
    shutil.copytree(root / "bindings" / "python", package, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    clean["XBORDER_SOURCE_ROOT"] = str(root)
    # Debian's pip, run by the venv's interpreter: no network, no build isolation.
    subprocess.run([str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps",
                    "--quiet", str(package)], check=True, cwd=tmp_path, env=clean)
    check = ("import xborder, pathlib; "
             "r = xborder.convert(pathlib.Path('%s')); "
             "print(xborder.__file__); print(r.message['persons'][0]['names'][0]['family'])"
             % (root / "examples/data/tabular/de-register.csv"))
    out = subprocess.run([str(python), "-c", check], check=True, capture_output=True, text=True, cwd=tmp_path,
                         env=clean).stdout
    installed, family = out.splitlines()
    assert str(env_dir) in installed
    assert family == "Müller"
    assert (env_dir / "lib").exists()
    typed = list(env_dir.glob("lib/python3*/site-packages/xborder/py.typed"))
    assert typed, "py.typed is installed"
