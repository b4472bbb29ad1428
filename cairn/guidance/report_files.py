"""The thematic report as files that leave Cairn: a PDF to read and a CSV to analyse.

Both are always disclosure-controlled (decision 0016): once downloaded, a file can travel to
people who may not see cases, so small counts are shown as ``c``, with secondary suppression
and rounded totals, and no case is named. WeasyPrint fetches nothing: the stylesheet is a file
and the charts are ``data:`` URIs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from cairn.actionplans.packs import STYLESHEET as PACK_STYLESHEET
from cairn.actionplans.packs import offline_fetcher
from cairn.core.charts import data_uri
from cairn.guidance.models import AuditRun
from cairn.guidance.report import thematic_report
from cairn.guidance.thematic import criteria_summary

STYLESHEET = Path(__file__).parent / "templates" / "guidance" / "thematic" / "report.css"


def report_filename(run: AuditRun, extension: str) -> str:
    return f"thematic-audit-{run.pk}-{slugify(run.title)[:60]}.{extension}"


def report_html(*, run: AuditRun) -> str:
    figures = thematic_report(run=run, controlled=True)
    for table in figures.tables:
        table.chart_uri = data_uri(table.chart)
    return render_to_string(
        "guidance/thematic/report_pdf.html",
        {
            "run": run,
            "report": figures,
            "criteria": criteria_summary(run),
            "made_at": timezone.localtime(),
        },
    )


def report_pdf(*, run: AuditRun) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = offline_fetcher()
    html = HTML(string=report_html(run=run), url_fetcher=fetcher)
    sheets = [
        CSS(filename=str(path), url_fetcher=fetcher) for path in (PACK_STYLESHEET, STYLESHEET)
    ]
    return html.write_pdf(stylesheets=sheets)


def report_csv(*, run: AuditRun) -> str:
    """One table after another, in long form: table, row, result, figure."""
    figures = thematic_report(run=run, controlled=True)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row", "measure", "figure"])
    for table in figures.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                writer.writerow([table.title, row.label, column, cell])
            writer.writerow([table.title, row.label, "Total", row.total])
            writer.writerow([table.title, row.label, "Percentage met", row.rate])
        for column, cell in zip(table.columns, table.totals, strict=True):
            writer.writerow([table.title, "All", column, cell])
        writer.writerow([table.title, "All", "Total", table.grand_total])
    for label, figure in figures.grades:
        writer.writerow(["Auditors' grades", label, "Cases", figure])
    for name, figure in figures.themes:
        writer.writerow(["Learning themes", name, "Cases", figure])
    return out.getvalue()
