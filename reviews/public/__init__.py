"""The reviews app's part of the public website: the published reviews listing (listing),
the download of published reports (views, urls). The page models are in
reviews.models.pages; templates under templates/reviews/public/."""
