"""The PostgreSQL tsquery texts of the embedded backend's match sets (`search.embedded.fulltext.PostgresFts`)."""
from search.embedded.fulltext import PostgresFts

WHEAT = [("wheat", False), ("whea", True)]
FLOUR = [("flour", False)]
TYPO = [("flout", False)]


def test_all_head_and_body_parts_of_every_word():
    fts = PostgresFts()
    assert fts.expression([WHEAT, FLOUR]) == "(('wheat' | 'whea':*) & ('flour'))"
    assert fts.expression([WHEAT, FLOUR], part="head") == "(('wheat':AB | 'whea':*AB) & ('flour':AB))"
    assert fts.expression([WHEAT, FLOUR], part="body") == (
        "(('wheat' | 'whea':*) & ('flour')) & !(('wheat':AB | 'whea':*AB) & ('flour':AB))")


def test_a_tier_without_the_one_before():
    assert PostgresFts().expression([WHEAT, TYPO], [FLOUR], part="body") == (
        "(('wheat' | 'whea':*) & ('flout')) & !(('flour')) & !(('wheat':AB | 'whea':*AB) & ('flout':AB))")


def test_any_of_several_phrasings():
    fts = PostgresFts()
    assert fts.any_expression([[WHEAT], [FLOUR]]) == "((('wheat' | 'whea':*)) | (('flour')))"
    assert fts.any_expression([[WHEAT], [FLOUR]], part="head") == "((('wheat':AB | 'whea':*AB)) | (('flour':AB)))"
    assert fts.any_expression([[WHEAT], [FLOUR]], part="body") == (
        "((('wheat' | 'whea':*)) | (('flour'))) & !((('wheat':AB | 'whea':*AB)) | (('flour':AB)))")


def test_quotes_and_backslashes_are_escaped():
    assert PostgresFts().expression([[("o'k\\", False)]]) == "(('o''k\\\\'))"
