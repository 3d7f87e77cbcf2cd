"""Coverage-guided fuzzing (atheris, libFuzzer) of the FIT, GPX and TCX readers and case intake.

One target per process: ``python -m bench.fuzz_atheris TARGET [libFuzzer flags]``, e.g.
``python -m bench.fuzz_atheris fit -max_total_time=600``. The tests run each for a few seconds
(tests/hostile/test_atheris.py); longer runs are ``python -m bench fuzz_atheris_long``. A
crash is any exception other than footfix's own refusal, or an input past libFuzzer's
``-timeout`` (2 s, the issue's ceiling) or ``-rss_limit_mb``.
"""
