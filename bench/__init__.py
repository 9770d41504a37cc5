"""Benchmarks at the scale of the largest sites (issue 10). See BENCHMARKS.md.

    python -m bench.generate --beds 50000 --out /tmp/site.sqlite
    python -m bench.run [--sizes 200,2000,50000] [--repeat 5] [--smoke]
"""
