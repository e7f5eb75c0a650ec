from wagtail import hooks

from . import demo

# First of the demo loaders (load_demo): partnerships, agencies and the demo users.
hooks.register("register_demo_loader", demo.load, order=100)
