"""fenggong: query, check and publish the Shanghai 分工表 of the 十四五 skills training plan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fenggong")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
