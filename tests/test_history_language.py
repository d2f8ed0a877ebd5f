"""History lines: stored in English whoever saved, shown again in the reader's language."""

from __future__ import annotations

from conftest import assessment_yaml, write

from partnerfit.assessment import Answer
from partnerfit.i18n import _, using_language
from partnerfit.store import FolderStore, read_assessment
from partnerfit.ui.result_history import changes_in_language


def test_a_save_in_french_stores_english_lines_that_read_back_in_french(tmp_path):
    write(tmp_path / "draft.yaml", assessment_yaml(id="hist00000001"))
    store = FolderStore(tmp_path)
    draft = read_assessment(tmp_path / "draft.yaml")
    changed = draft.model_copy(
        update={"region": "South Asia", "answers": {**draft.answers, "licence-fit": Answer(level=1)}}
    )
    with using_language("fr"):  # a French session saves
        store.save(changed, author="Amélie")
    history = store.history("hist00000001")
    stored = history[-1].changes
    assert "licence-fit: 3 → 1" in stored
    assert any(line.startswith("region: ") for line in stored)  # English in the data, not "région"
    with using_language("fr"):
        shown = changes_in_language(history)[history[-1].revision]
        region = _("region")
    assert region != "region" and f"{region} : " in shown and "licence-fit: 3 → 1" in shown
    with using_language("de"):
        assert _("region") + ": " in changes_in_language(history)[history[-1].revision]
