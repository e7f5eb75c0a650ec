from django.db.models import Q
from django.template.response import TemplateResponse

from . import navigation


def site_map(request):
    """Every top-level page and the menu pages under each: one query whatever the site's size."""
    home = navigation.site_root(request)
    sections = []
    if home is not None:
        pages = list(
            home.get_descendants()
            .live()
            .public()
            .filter(Q(depth=home.depth + 1) | Q(depth=home.depth + 2, show_in_menus=True))
        )
        for page in (p for p in pages if p.depth == home.depth + 1):
            children = [
                c for c in pages if c.depth == page.depth + 1 and c.path.startswith(page.path)
            ]
            sections.append({"page": page, "children": children})
    return TemplateResponse(
        request,
        "pages/site_map.html",
        {"home": home, "sections": sections},  # breadcrumbs: back home (site_tags)
    )
