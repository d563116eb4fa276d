"""How much of real statements each shipped dictionary codes: the figures behind the fit rule.

    .venv/bin/python benchmarks/themes_fit.py --corpus ../shared/corpora/us_joint_statements
    .venv/bin/python benchmarks/themes_fit.py --corpus /tmp/corpora/wh_statements --sample 1500

For every shipped dictionary (``themes.dictionaries()``) and every statement of the folder with
at least ``--min-words`` words, ``themes.fit`` gives the share of content words and of paragraphs
the dictionary codes. Prints their distribution (percentiles), the share of statements that pass
the fit rule (``themes.fit``: 10 % of content words and 50 % of paragraphs) and the domain rule
(``layers``: 20 % of content words), the statements with the highest word share, and the same
figures for the bundled statement. See ``help(statement_analysis.themes.fitcheck)`` for the rule.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas as pd

import statement_analysis as sa
from statement_analysis import themes
from statement_analysis.themes import fitcheck as fit_module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path, help="folder with txt/ and metadata.csv")
    ap.add_argument("--min-words", type=int, default=150, help="leave out shorter statements (default 150)")
    ap.add_argument("--sample", type=int, default=0, help="draw this many statements at random (seed 0)")
    args = ap.parse_args()
    meta = pd.read_csv(args.corpus / "metadata.csv")
    meta = meta[meta["n_words"] >= args.min_words]
    if args.sample and args.sample < len(meta):
        meta = meta.sample(args.sample, random_state=0)
    corpus = sa.load_corpus(args.corpus, metadata=meta, progress=False)
    toks = sa.tidy.tokens(corpus, lemmas=False)
    bundled = sa.load_bundled()
    print(f"{len(corpus):,} statements of {args.min_words}+ words from {args.corpus}")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name in themes.dictionaries()["name"]:
        rows = []
        for doc_id, t in toks.groupby("doc_id", sort=False):
            f = themes.fit(t, name)
            rows.append({"doc_id": doc_id, "word_share": f.word_share, "paragraph_share": f.paragraph_share})
        per = pd.DataFrame(rows).set_index("doc_id")
        fits = (per["word_share"] >= fit_module.MIN_WORD_SHARE) & (
            per["paragraph_share"] >= fit_module.MIN_PARAGRAPH_SHARE
        )
        domain = (per["word_share"] >= fit_module.MIN_DOMAIN_WORD_SHARE) & (
            per["paragraph_share"] >= fit_module.MIN_PARAGRAPH_SHARE
        )
        q = per.quantile([0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]).T.round(3)
        q["max"] = per.max().round(3)
        print(f"\n{name}: percentiles of the share coded")
        print(q.to_string())
        print(f"  pass the fit rule: {fits.mean():.1%}   pass the domain rule: {domain.mean():.1%}")
        top = per.sort_values("word_share", ascending=False).head(5)
        print("  highest word share:")
        for doc_id, r in top.iterrows():
            print(f"    {r.word_share:.3f}  {r.paragraph_share:.2f}  {doc_id[:90]}")
        print(f"  bundled statement: {themes.fit(bundled, name).line()}")


if __name__ == "__main__":
    main()
