from wagtail import hooks

from . import demo

# Last of the demo loaders (load_demo): the home page is made over the other apps' pages
# and the published reviews and the library move under it.
hooks.register("register_demo_loader", demo.load, order=500)
# First of the demo removers (remove_demo).
hooks.register("register_demo_remover", demo.remove, order=500)
