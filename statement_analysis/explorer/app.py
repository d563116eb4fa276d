"""``Explorer``: the widgets of ``sa.explore`` and what they show, recomputed as they change."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .._docs import kind_of
from ..errors import InputTypeError, StatementAnalysisError
from . import views

if TYPE_CHECKING:
    import pandas as pd

#: how the search box reads what is typed: ``auto`` is a phrase when it holds a space, else a
#: glob (a plain word is a glob without wildcards: the word itself, in any case)
MATCH_MODES = ("auto", "word", "phrase", "glob")
KINDS = ("country", "admin1", "admin2", "city", "locality", "region")
#: the columns of ``terms.kwic`` and ``terms.dispersion`` (the tables before anything is typed)
KWIC_COLUMNS = [
    "doc_id", "para_id", "sent_id", "token_id", "start", "end", "orig_start", "orig_end",
    "left", "keyword", "right", "pattern",
]  # fmt: skip
DISPERSION_COLUMNS = ["doc_id", "pattern", "para_id", "token_id", "n_tokens", "relative"]
ROLES = ("name", "demonym", "in_name")

NO_FRONT_END = (
    "sa.explore: the explorer is interactive and needs a notebook front end (JupyterLab: run "
    "`make lab` and open notebooks/07_explore.ipynb; Jupyter Notebook and VS Code work too). "
    "Here it cannot be shown; the returned Explorer still works from Python: set "
    ".search.value, .theme.value, .place_kind.value or .place_role.value and read "
    ".kwic_table, .dispersion_table, .evidence_table and .mention_table."
)


class ExploreError(StatementAnalysisError):
    """The explorer cannot be built here (ipywidgets is missing)."""


def in_front_end() -> bool:
    """Whether this code runs in a Jupyter kernel (JupyterLab, Notebook, VS Code...), where
    widgets can be shown; ``False`` in a script, ``python -c`` or a terminal IPython."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _widgets() -> Any:
    try:
        import ipywidgets
    except ImportError as exc:  # a core dependency: only a broken install lands here
        raise ExploreError(
            "the explorer needs ipywidgets, which is not installed: pip install 'ipywidgets>=8.1' "
            "(it comes with statement-analysis; reinstalling the package brings it back)"
        ) from exc
    return ipywidgets


class Explorer:
    """Search, themes and places of a statement or corpus, as widgets that update as they change.

    Build it with ``sa.explore(x)``. In a notebook, the object shows itself as three tabs:

    * **Search** — ``search`` (text box) and ``match`` (``auto``, ``word``, ``phrase``, ``glob``):
      every keystroke recomputes ``kwic_table`` (``terms.kwic``) and ``dispersion_table``
      (``terms.dispersion``), shown as a table and as dispersion strips.
    * **Themes** — ``theme`` (one theme of the dictionary): ``evidence_table``
      (``themes.evidence``), and the paragraphs it came from with each match highlighted.
    * **Places** — ``place_kind`` and ``place_role`` (several values each): ``mention_table``
      (``places.mentions`` filtered), and a small map of the places it names.

    The tables are plain DataFrames; set a widget's ``value`` from Python and they follow.
    """

    def __init__(
        self,
        x: Any,
        *,
        dictionary: Any = None,
        window: int = 5,
        max_rows: int = 200,
    ) -> None:
        import pandas as pd

        from .. import places, themes, tidy
        from ..plots.style import source_text

        kind = kind_of(x)
        if kind == "tokens":
            raise InputTypeError(
                "sa.explore reads the text itself (paragraphs to highlight, places): pass the Statement "
                "or corpus table the token table came from"
            )
        w = _widgets()
        self.window = int(window)
        self.max_rows = int(max_rows)
        self.source = source_text(x)
        self.tokens: pd.DataFrame = tidy.tokens(x)
        self.texts: dict[str, str] = tidy.document_texts(x)
        self.paragraphs: pd.DataFrame = tidy.paragraphs(x)
        self.doc_ids = list(self.texts)
        self.several_docs = len(self.doc_ids) > 1
        # The theme layers of a report: the general dictionary, and each domain dictionary that fits
        # the text (or the one named); a theme key is its choice value unless two layers share it.
        self.theme_layers = themes.layers(self.tokens, dictionary)
        totals, evidence = [], []
        for layer in self.theme_layers:
            coded = themes.code(self.tokens, dictionary=layer.dictionary)
            totals.append(themes.totals(coded).assign(dictionary=layer.name))
            evidence.append(themes.evidence(self.tokens, dictionary=layer.dictionary).assign(dictionary=layer.name))
        self.theme_totals: pd.DataFrame = pd.concat(totals, ignore_index=True)
        self.all_evidence: pd.DataFrame = pd.concat(evidence, ignore_index=True)
        shared = set(self.theme_totals["theme"][self.theme_totals["theme"].duplicated()])
        for t in (self.theme_totals, self.all_evidence):
            t["choice"] = [
                f"{d}:{k}" if k in shared else str(k) for d, k in zip(t["dictionary"], t["theme"], strict=True)
            ]
        self.all_mentions: pd.DataFrame = places.mentions(x)

        self._no_kwic = pd.DataFrame(columns=KWIC_COLUMNS)
        self._no_dispersion = pd.DataFrame(columns=DISPERSION_COLUMNS)
        self.kwic_table: pd.DataFrame = self._no_kwic
        self.dispersion_table: pd.DataFrame = self._no_dispersion
        self.evidence_table: pd.DataFrame = self.all_evidence.iloc[0:0]
        self.mention_table: pd.DataFrame = self.all_mentions.iloc[0:0]

        # --- search
        self.search = w.Text(
            value="",
            placeholder="a word, a phrase or a glob: Mosul · foreign terrorist fighters · liberat*",
            description="Search",
            continuous_update=True,
            layout=w.Layout(width="60%"),
        )
        self.match = w.Dropdown(
            options=list(MATCH_MODES), value="auto", description="as", layout=w.Layout(width="180px")
        )
        self.search_status = w.HTML()
        self.kwic_view = w.HTML()
        self.dispersion_view = w.HTML()
        search_tab = w.VBox(
            [w.HBox([self.search, self.match]), self.search_status, self.dispersion_view, self.kwic_view]
        )

        # --- themes
        options = [
            (f"{label} ({key}) · {int(n):,} matches · {d} dictionary", key)
            for key, label, n, d in self.theme_totals[["choice", "label", "n", "dictionary"]].itertuples(index=False)
        ]
        self.theme = w.Dropdown(options=options, value=None, description="Theme", layout=w.Layout(width="60%"))
        self.theme_status = w.HTML()
        self.evidence_view = w.HTML()
        self.paragraphs_view = w.HTML()
        theme_tab = w.VBox([self.theme, self.theme_status, self.evidence_view, self.paragraphs_view])

        # --- places
        kinds = [k for k in KINDS if k in set(self.all_mentions["kind"])] or list(KINDS)
        roles = [r for r in ROLES if r in set(self.all_mentions["role"])] or list(ROLES)
        self.place_kind = w.SelectMultiple(
            options=kinds, value=tuple(kinds), description="Kind", rows=len(kinds), layout=w.Layout(width="260px")
        )
        self.place_role = w.SelectMultiple(
            options=roles, value=tuple(roles), description="Role", rows=len(roles), layout=w.Layout(width="260px")
        )
        self.places_status = w.HTML()
        self.map_view = w.HTML()
        self.mentions_view = w.HTML()
        places_tab = w.VBox(
            [w.HBox([self.place_kind, self.place_role]), self.places_status, self.map_view, self.mentions_view]
        )

        self.tabs = w.Tab(children=[search_tab, theme_tab, places_tab])
        for i, title in enumerate(("Search", "Themes", "Places")):
            self.tabs.set_title(i, title)
        n_words = int((~self.tokens["is_punct"]).sum()) if "is_punct" in self.tokens else len(self.tokens)
        what = f"{len(self.doc_ids):,} documents" if self.several_docs else "1 statement"
        header = w.HTML(views.note(f"{self.source} · {what}, {n_words:,} words"))
        self.widget = w.VBox([header, self.tabs])

        self.search.observe(self._on_search, names="value")
        self.match.observe(self._on_search, names="value")
        self.theme.observe(self._on_theme, names="value")
        self.place_kind.observe(self._on_places, names="value")
        self.place_role.observe(self._on_places, names="value")
        self._on_search()
        if options:  # the theme with the most matches (the first of them on a tie)
            self.theme.value = str(self.theme_totals.loc[self.theme_totals["n"].idxmax(), "choice"])
        self._on_places()

    # ------------------------------------------------------------------ search

    def mode(self) -> str:
        """The match mode ``terms.kwic`` is given for the current query (``auto`` resolved)."""
        if self.match.value != "auto":
            return str(self.match.value)
        return "phrase" if len(self.search.value.split()) > 1 else "glob"

    def _on_search(self, change: Any = None) -> None:
        from ..terms import dispersion, kwic

        query = self.search.value.strip()
        if not query:
            self.kwic_table, self.dispersion_table = self._no_kwic, self._no_dispersion
            self.search_status.value = views.note(
                "Type a word (Mosul), a phrase (foreign terrorist fighters) or a glob (liberat*)."
            )
            self.kwic_view.value = self.dispersion_view.value = ""
            return
        mode = self.mode()
        try:
            table = kwic(self.tokens, query, window=self.window, match=mode)
            disp = dispersion(self.tokens, query, match=mode)
        except StatementAnalysisError as exc:  # a half-typed pattern is no error worth a traceback
            self.kwic_table, self.dispersion_table = self._no_kwic, self._no_dispersion
            self.search_status.value = views.note(f"{exc}")
            self.kwic_view.value = self.dispersion_view.value = ""
            return
        self.kwic_table, self.dispersion_table = table, disp
        n, docs = len(table), table["doc_id"].nunique()
        if n == 0:
            hint = (
                f" — to find the words that start with it, type {query}*"
                if mode in ("glob", "word") and "*" not in query
                else ""
            )
            self.search_status.value = views.note(f"No match for {query!r} ({mode}){hint}.")
            self.kwic_view.value = self.dispersion_view.value = ""
            return
        where = f" in {docs:,} of {len(self.doc_ids):,} documents" if self.several_docs else ""
        self.search_status.value = views.note(f"{n:,} matches for {query!r} ({mode}){where}.")
        self.kwic_view.value = views.kwic_html(
            table,
            several_docs=self.several_docs,
            max_rows=self.max_rows,
            caption=f"Keyword in context: {self.window} tokens each side, within the paragraph.",
        )
        # kwic and dispersion list the same occurrences in the same (text) order
        starts = table["start"].tolist() if len(table) == len(disp) else None
        hit_docs = list(dict.fromkeys(disp["doc_id"].tolist()))
        self.dispersion_view.value = views.dispersion_svg(
            disp,
            hit_docs if self.several_docs else self.doc_ids,
            title=f"Where {query!r} occurs",
            source=self.source,
            starts=starts,
        )

    # ------------------------------------------------------------------ themes

    def _on_theme(self, change: Any = None) -> None:
        key = self.theme.value
        if key is None:
            self.evidence_table = self.all_evidence.iloc[0:0]
            self.theme_status.value = views.note("Choose a theme.")
            self.evidence_view.value = self.paragraphs_view.value = ""
            return
        ev = self.all_evidence[self.all_evidence["choice"] == key].reset_index(drop=True)
        self.evidence_table = ev
        label = self.theme_totals.loc[self.theme_totals["choice"] == key, "label"]
        name = str(label.iloc[0]) if len(label) else str(key)
        if not len(ev):
            self.theme_status.value = views.note(f"{name}: no word of this theme occurs in the text.")
            self.evidence_view.value = self.paragraphs_view.value = ""
            return
        paras = ev[["doc_id", "para_id"]].drop_duplicates()
        self.theme_status.value = views.note(
            f"{name}: {len(ev):,} matches ({int(ev['n'].sum()):,} words) in {len(paras):,} paragraphs."
        )
        cols = [("para_id", "¶", "n"), ("term", "dictionary entry", ""), ("matched", "words in the text", "k")]
        if self.several_docs:
            cols.insert(0, ("doc_id", "document", ""))
        self.evidence_view.value = views.table_html(
            ev, cols, max_rows=self.max_rows, caption="Every match, in text order (themes.evidence)."
        )
        self.paragraphs_view.value = views.paragraphs_html(
            self.texts, self.paragraphs, ev, several_docs=self.several_docs, max_paragraphs=30
        )

    # ------------------------------------------------------------------ places

    def place_table(self) -> pd.DataFrame:
        """The filtered mentions per place: ``place``, ``kind``, ``lat``, ``lon``, ``mentions``
        (what the map draws), most named first."""
        m = self.mention_table
        g = (
            m.groupby(["place", "kind"], sort=False, dropna=False)
            .agg(lat=("lat", "first"), lon=("lon", "first"), mentions=("place", "size"))
            .reset_index()
        )
        return g.sort_values(["mentions", "place"], ascending=[False, True], kind="mergesort").reset_index(drop=True)

    def _on_places(self, change: Any = None) -> None:
        from ..places import world_polygons

        kinds, roles = set(self.place_kind.value), set(self.place_role.value)
        m = self.all_mentions
        sel = m[m["kind"].isin(kinds) & m["role"].isin(roles)].reset_index(drop=True)
        self.mention_table = sel
        if not len(sel):
            what = "no place at all" if not len(m) else "no mention of these kinds and roles"
            self.places_status.value = views.note(f"The text names {what}.")
            self.map_view.value = self.mentions_view.value = ""
            return
        per_place = self.place_table()
        self.places_status.value = views.note(
            f"{len(sel):,} mentions of {len(per_place):,} places (kinds: {', '.join(sorted(kinds))}; "
            f"roles: {', '.join(sorted(roles))})."
        )
        self.map_view.value = views.map_svg(
            per_place,
            world_polygons(),
            title="Places named",
            source=f"{self.source} · places: GeoNames (CC BY 4.0), Natural Earth",
        )
        cols = [
            ("para_id", "¶", "n"),
            ("surface", "as written", "k"),
            ("place", "place", ""),
            ("kind", "kind", ""),
            ("role", "role", ""),
            ("iso3", "country", ""),
        ]
        if self.several_docs:
            cols.insert(0, ("doc_id", "document", ""))
        self.mentions_view.value = views.table_html(
            sel, cols, max_rows=self.max_rows, caption="Every mention, in text order (places.mentions)."
        )

    # ------------------------------------------------------------------ display

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        if in_front_end():
            return f"<Explorer of {self.source}>"
        return f"<Explorer of {self.source}>\n{NO_FRONT_END}"
