"""The search app's part of the public website: /search/ (views, urls), which always
searches as the public. Template: templates/search/public/search.html."""
