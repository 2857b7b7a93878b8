"""Builds xborder._core with the project's CMake build (no network: every dependency is a system package).

The CMake build directory persists (XBORDER_PIP_BUILD_DIR, default <repo>/build/python-wheel), so that
reinstalling rebuilds only what changed. XBORDER_SOURCE_ROOT names the repository when this directory was
copied elsewhere to be built.
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(os.environ.get("XBORDER_SOURCE_ROOT") or Path(__file__).resolve().parents[2])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        package_dir = Path(self.get_ext_fullpath(ext.name)).resolve().parent
        build_dir = Path(os.environ.get("XBORDER_PIP_BUILD_DIR", ROOT / "build" / "python-wheel"))
        subprocess.run(
            ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
             "-DXBORDER_BUILD_TESTS=OFF", f"-DPython3_EXECUTABLE={sys.executable}",
             f"-DXBORDER_PYTHON_OUTPUT_DIR={package_dir}"],
            check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core", "-j", "2"], check=True)


setup(ext_modules=[Extension("xborder._core", sources=[])], cmdclass={"build_ext": CMakeBuild})
