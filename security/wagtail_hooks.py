from wagtail import hooks

from .admin_lists import choosable_pages

hooks.register("construct_page_chooser_queryset", choosable_pages)
