"""SVG charts and floor plans, shared by the site and the PDF brochures.

Pure functions of a loaded :class:`~generator.show.Show` and a language, returning SVG text
(``str``), or ``None`` when there is nothing to draw:

- :func:`generator.graphics.charts.visitors_per_day`, :func:`~generator.graphics.charts.exhibitors_by_country`,
  :func:`~generator.graphics.charts.editions`
- :func:`generator.graphics.floorplan.floor_plan` (site plan, or one hall's booths)
- :func:`generator.graphics.labels.status_label` (free / reserved / sold in the reader's language)
- :func:`generator.graphics.printing.for_weasyprint`: Arabic/Hebrew SVG text made drawable by
  WeasyPrint's SVG renderer (browsers take the SVG as it is).
"""
