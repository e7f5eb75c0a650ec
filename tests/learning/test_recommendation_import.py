"""Importing and exporting review recommendations with their themes and linked actions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from learning.import_help import RECOMMENDATION_COLUMNS
from learning.importing import ImportRefused
from learning.models import Recommendation, RecommendationAction
from learning.recommendation_files import COLUMNS, export_recommendations, import_recommendations
from learning.tabular import read_table, write_csv
from tests.learning.factories import ThemeFactory


def table(rows, columns=COLUMNS):
    return read_table(write_csv(columns, [[r.get(c, "") for c in columns] for r in rows]), "r.csv")


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(name="Housing", slug="housing"),
        ThemeFactory(name="Information sharing", slug="information-sharing"),
    ]


@pytest.fixture
def good(library, themes):
    return {
        "review_reference": "DHR-PUB",
        "number": "3",
        "text": "Police should share risk information with housing providers.",
        "level": "Single-agency",
        "owning_agency": "Northbrook Police",
        "themes": "Housing; information-sharing",
        "target_date": "31/03/2027",
        "status": "In progress",
        "rag": "amber",
        "evidence": "",
        "linked_actions": "safer-northbrook/1.1: Training covers it\nsafer-northbrook/1.2",
    }


def test_a_good_file_is_imported_with_themes_and_links(library, good):
    result = import_recommendations(library.cast.partnership, table([good]))

    assert result.created == ["DHR-PUB 3"]
    recommendation = Recommendation.objects.get(review=library.published_review, number="3")
    assert recommendation.owning_agency == library.cast.agency
    assert recommendation.target_date == datetime.date(2027, 3, 31)
    assert (recommendation.status, recommendation.rag) == ("in_progress", "amber")
    assert {t.slug for t in recommendation.themes.all()} == {"housing", "information-sharing"}
    links = {link.action.reference: link.note for link in recommendation.action_links.all()}
    assert links == {"1.1": "Training covers it", "1.2": ""}
    # Visible from both sides.
    assert list(library.owned_action.recommendations.all()) == [recommendation]


def bad(good, **changes):
    return {**good, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"review_reference": "DHR-NONE"}, "there is no review DHR-NONE in Northbrook"),
        (
            {"review_reference": "SAR-X"},
            "there is no review SAR-X in Northbrook",
        ),  # other partnership
        ({"number": ""}, "number is missing."),
        ({"text": ""}, "text is missing."),
        ({"level": ""}, "level is missing."),
        ({"level": "regional"}, "unknown level “regional”"),
        ({"owning_agency": ""}, "a single-agency recommendation needs its owning_agency."),
        ({"owning_agency": "Nobody"}, "unknown agency “Nobody” in owning_agency."),
        ({"themes": "Housing; Weather"}, "unknown theme “Weather”"),
        ({"target_date": "next spring"}, "target_date “next spring” is not a date"),
        ({"status": "Done"}, "unknown status “Done”"),
        ({"rag": "pink"}, "unknown RAG value “pink”"),
        ({"status": "Complete"}, "a recommendation cannot be marked complete without evidence."),
        ({"linked_actions": "southmere-plan/1.1"}, "linked action “southmere-plan/1.1” is not an"),
        ({"linked_actions": "safer-northbrook/9.9"}, "linked action “safer-northbrook/9.9”"),
        (
            {"linked_actions": "safer-northbrook/1.1\nsafer-northbrook/1.1: again"},
            "action safer-northbrook/1.1 is linked twice.",
        ),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_stored(library, good, changes, message):
    before = Recommendation.objects.count()
    with pytest.raises(ImportRefused) as refusal:
        import_recommendations(library.cast.partnership, table([bad(good, **changes)]))

    errors = [str(e) for e in refusal.value.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"Row 2: {message}")
    assert Recommendation.objects.count() == before
    assert not RecommendationAction.objects.exists()


def test_duplicate_recommendations_in_a_file_are_reported(library, good):
    with pytest.raises(ImportRefused) as refusal:
        import_recommendations(library.cast.partnership, table([good, good]))
    assert [str(e) for e in refusal.value.errors] == [
        "Row 3: recommendation DHR-PUB 3 is also on row 2."
    ]


def test_reimport_updates_by_review_and_number(library, good):
    import_recommendations(library.cast.partnership, table([good]))

    result = import_recommendations(
        library.cast.partnership,
        table(
            [
                bad(
                    good,
                    status="Complete",
                    evidence="Protocol signed.",
                    rag="blue",
                    linked_actions="safer-northbrook/1.2: Now only this",
                )
            ]
        ),
    )

    assert result.updated == ["DHR-PUB 3"]
    recommendation = Recommendation.objects.get(number="3", review=library.published_review)
    assert (recommendation.status, recommendation.evidence) == ("complete", "Protocol signed.")
    assert recommendation.completed_on is not None
    assert [(link.action.reference, link.note) for link in recommendation.action_links.all()] == [
        ("1.2", "Now only this")
    ]
    assert Recommendation.objects.filter(number="3").count() == 1


def test_export_then_import_gives_the_same_data(library, good):
    import_recommendations(library.cast.partnership, table([good]))
    recommendations = Recommendation.objects.filter(review__partnership=library.cast.partnership)
    for file_format in ("csv", "xlsx"):
        exported = export_recommendations(recommendations, file_format)
        before = read_table(exported, f"r.{file_format}")

        result = import_recommendations(library.cast.partnership, before)

        assert result.created == result.updated == []
        assert len(result.unchanged) == recommendations.count() == 5
        again = read_table(export_recommendations(recommendations, file_format), f"r.{file_format}")
        assert again == before
    row = next(values for _, values in before.rows if values["number"] == "3")
    assert row["themes"] == "Housing; Information sharing"
    assert row["linked_actions"] == "safer-northbrook/1.1: Training covers it\nsafer-northbrook/1.2"


def test_import_and_export_commands(library, good, tmp_path, capsys):
    path = tmp_path / "recommendations.csv"
    path.write_bytes(write_csv(COLUMNS, [[good[c] for c in COLUMNS]]))

    call_command("import_recommendations", str(path), partnership="northbrook")
    call_command("export_recommendations", partnership="northbrook")

    output = capsys.readouterr().out
    assert "1 new, 0 updated, 0 unchanged recommendations." in output
    assert "DHR-PUB,3,Police should share risk information" in output
    path.write_bytes(write_csv(COLUMNS, [[bad(good, level="").get(c) for c in COLUMNS]]))
    with pytest.raises(CommandError, match="Row 2: level is missing."):
        call_command("import_recommendations", str(path), partnership="northbrook")
    with pytest.raises(CommandError, match="no partnership"):
        call_command("import_recommendations", str(path), partnership="atlantis")


@pytest.mark.django_db
def test_the_import_page_explains_the_file_and_reads_an_excel_windows_1252_csv(client, library):
    """The page sent people to a repository path, and refused Excel's own CSV (saved in
    Windows-1252) with "not UTF-8 text" and no way forward."""
    assert [column.name for column in RECOMMENDATION_COLUMNS] == COLUMNS
    client.force_login(library.cast.manager)
    url = reverse("learning_import_recommendations")
    page = client.get(url).content.decode()
    assert "docs/" not in page and "<code>owning_agency</code>" in page
    template = client.get(url, {"template": "csv"})
    assert template.content.decode("utf-8").splitlines()[0].startswith("review_reference,")

    text = "Staff at the Café – trained in routine enquiry"
    upload = write_csv(
        ["review_reference", "number", "text", "level"],
        [["DHR-PUB", "7", text, "Multi-agency"]],
    ).decode("utf-8")
    excel = SimpleUploadedFile("plan.csv", upload.encode("cp1252"))
    response = client.post(url, {"partnership": library.cast.partnership.pk, "file": excel})

    assert response.status_code == 302
    assert Recommendation.objects.get(number="7").text == text
