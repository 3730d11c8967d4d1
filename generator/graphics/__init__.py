"""SVG charts and floor plans, shared by the site and the PDF brochures.

Pure functions of a loaded :class:`~generator.show.Show` and a language, returning SVG text
(``str``), or ``None`` when there is nothing to draw:

- :func:`generator.graphics.charts.visitors_per_day`, :func:`~generator.graphics.charts.exhibitors_by_country`,
  :func:`~generator.graphics.charts.editions`
- :func:`generator.graphics.floorplan.floor_plan` (site plan, or one hall's booths)
- words come from the interface catalog (:mod:`generator.catalog`), numbers, dates and country
  names from :class:`generator.language.Language` (CLDR)
- :func:`generator.graphics.printing.print_graphics`: the one door to print, every graphic as a
  ``PrintSvg`` whose Arabic/Hebrew text WeasyPrint's SVG renderer can draw (browsers take the SVG
  as it is).
"""
