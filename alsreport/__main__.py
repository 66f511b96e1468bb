"""``python -m alsreport``: the same command line as ``alsreport``."""

from alsreport.cli import main

if __name__ == "__main__":
    main(prog_name="alsreport")
