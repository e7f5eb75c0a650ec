from wagtail import hooks

from . import demo
from .onboarding_admin import OnboardingGroup


@hooks.register("register_admin_viewset")
def register_onboarding():
    return OnboardingGroup()


# First of the demo loaders (load_demo): partnerships, agencies and the demo users.
hooks.register("register_demo_loader", demo.load, order=100)
# Last of the demo removers (remove_demo): the demo users and the fictional board.
hooks.register("register_demo_remover", demo.remove, order=100)
