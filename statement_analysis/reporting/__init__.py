"""The code of HTML reports, one room per concern (``build``, ``kernel``, ``pages``, ``folders``);
its public names are gathered in ``statement_analysis.reports``."""
