"""fenggong: query, check and publish the Shanghai 分工表 of the 十四五 skills training plan."""

# The one place the version is written: pyproject reads it from here, and reading it back
# through importlib.metadata would cost every start of the command line 20 ms.
__version__ = "0.1.0"

__all__ = ["__version__"]
