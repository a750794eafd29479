"""The map's queries: what lies in view, bounded whatever the ledger's size.

    parse_box("west,south,east,north")   the view asked for, or a 400 saying what to write
    in_view(ledger, box, zoom)           GeoJSON: each event when few are in view, else one
                                         feature per grid cell with how many it holds
    in_area(ledger, box, limit, offset)  a page of the events in a box (a cluster, listed)
    unplaced(ledger, limit, offset)      a page of the events known only by country or province
"""
from __future__ import annotations

import re

from ..store.places import Box, Cell, EventLine
from .errors import ApiError
from .ledger import Ledger
from .queries import Page

POINTS = 300  # events in view drawn one by one up to this many
CELL_PX = 64  # a grid cell is about this many pixels wide at the zoom asked for
MOST_CELLS = 32  # and never narrower than a 32nd of the view, so at most 32 x 32 cells
ABOUT = "west,south,east,north in degrees, e.g. bbox=-10,25,65,45"
_NUMBER = r"-?[0-9]{1,12}(\.[0-9]{1,12})?"
BOX = re.compile(rf"{_NUMBER}(,{_NUMBER}){{3}}")


def parse_box(text: str) -> Box:
    """Longitudes wrap into -180..180 (a view of 360 degrees or more is every longitude;
    west > east crosses the antimeridian, as in GeoJSON); latitudes are clipped to
    -90..90 (south > north holds nothing)."""
    if not BOX.fullmatch(text):
        raise ApiError(400, "bad_request", f"bbox {text[:80]!r} is not four numbers: {ABOUT}")
    west, south, east, north = (float(x) for x in text.split(","))
    south, north = max(south, -90.0), min(north, 90.0)
    if west <= east and east - west >= 360:
        return Box(-180.0, south, 180.0, north)
    return Box(_wrap(west), south, _wrap(east), north)


def _wrap(lon: float) -> float:
    return lon if -180 <= lon <= 180 else (lon + 180) % 360 - 180


def _width(box: Box) -> float:
    return box.east - box.west if box.west <= box.east else box.east - box.west + 360


def cell_size(box: Box, zoom: int | None) -> float:
    """Degrees a side: ``CELL_PX`` pixels at ``zoom`` (a 256-pixel tile spans 360 / 2^zoom
    degrees), at least a ``MOST_CELLS``th of the view (an eighth without a zoom)."""
    view = max(_width(box), box.north - box.south)
    by_zoom = 360 / 2 ** zoom * CELL_PX / 256 if zoom is not None else view / 8
    return max(by_zoom, view / MOST_CELLS, 0.001)


def in_view(ledger: Ledger, box: Box, zoom: int | None = None) -> dict:
    """A GeoJSON FeatureCollection of the events with a point in ``box``, plus ``total``
    (how many there are) and ``clustered`` (whether features are grid cells)."""
    store = ledger.store
    total = store.count_in_box(box)
    if total <= POINTS:
        features = [_event(e) for e in store.events_in_box(box, POINTS)]
    else:
        features = [_cell(c) for c in store.cells_in_box(box, cell_size(box, zoom))]
    return {"type": "FeatureCollection", "bbox": [box.west, box.south, box.east, box.north],
            "total": total, "clustered": total > POINTS, "features": features}


def _point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


def _event(e: EventLine) -> dict:
    day = e.when.start or e.when.end
    return {"type": "Feature", "id": e.id, "geometry": _point(e.lat, e.lon),
            "properties": {"count": 1, "id": e.id, "type": e.type, "where": e.where.name,
                           "when": day and day.isoformat(), "claims": e.claims}}


def _cell(c: Cell) -> dict:
    """A cell's events at their mean point, with their extent; a lone event keeps its
    id and place."""
    properties: dict = {"count": c.count, "where": c.where}
    if c.count == 1:
        properties["id"] = c.id
    else:
        properties["bbox"] = [round(x, 4) for x in (c.west, c.south, c.east, c.north)]
    return {"type": "Feature", "geometry": _point(c.lat, c.lon), "properties": properties}


def in_area(ledger: Ledger, box: Box, limit: int, offset: int) -> Page:
    store = ledger.store
    return Page(store.count_in_box(box), limit, offset, store.events_in_box(box, limit, offset))


def unplaced(ledger: Ledger, limit: int, offset: int) -> Page:
    total, lines = ledger.store.unplaced_events(limit, offset)
    return Page(total, limit, offset, lines)
