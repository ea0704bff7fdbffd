"""The search page with the shipped names of goods (search/data/goods.tsv): a product named in one language
finds listings written in another, and a broader name finds the kinds of it."""


def test_goods_named_in_another_language_are_found_and_marked(index, client, make_company, make_opportunity):
    company = make_company(name="KazKor Trading")
    make_opportunity(company, title="Refurbished laptops and servers", description="Dell, HP; Almaty warehouse.",
                     language="en")
    make_opportunity(company, title="Масло подсолнечное рафинированное", description="ПЭТ 5 л, FCA Алматы.")
    page = client.get("/search/", query_string={"q": "ноутбуки"}).get_data(as_text=True)
    assert "<mark>laptops</mark> and servers" in page
    page = client.get("/search/", query_string={"q": "ayçiçek yağı"}).get_data(as_text=True)
    assert "<mark>Масло</mark> <mark>подсолнечное</mark> рафинированное" in page
    # vegetable oil is broader than sunflower oil: a search for it finds the kind, by its words
    page = client.get("/search/", query_string={"q": "Pflanzenöl"}).get_data(as_text=True)
    assert "<mark>Масло</mark> <mark>подсолнечное</mark>" in page
