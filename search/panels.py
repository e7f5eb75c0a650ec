"""The recommendations of earlier reviews most like the one being edited, shown in its
edit form so that a lesson already drawn elsewhere is seen while the text is written."""

from wagtail.admin.panels import Panel

from .lessons import similar_recommendations


class SimilarRecommendationsPanel(Panel):
    """Computed from the saved text by the search backend (search.lessons: the full-text
    index then TF-IDF, or more_like_this with Elasticsearch) over the recommendations the
    editor may see and every partnership's published ones."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "search/admin/similar_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk and self.instance.text)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["text"] = self.instance.text
            context["matches"] = similar_recommendations(
                self.request.user, self.instance.text, self.instance
            )
            return context
