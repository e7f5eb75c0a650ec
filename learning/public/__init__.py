"""The learning app's part of the public website: what the public may read of the library
and how it is fetched (library), and the sections it adds to the reviews app's public
pages (sections). The library page's model is learning.models.pages; templates under
templates/learning/public/; the public template tags are templatetags/learning_public.py
(Django finds tags there)."""
