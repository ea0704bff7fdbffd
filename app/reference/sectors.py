"""The sector taxonomy shared by profiles, opportunities, search facets and demo data."""
from flask_babel import get_locale

# slug: (English, Russian, Kazakh)
SECTORS: dict[str, tuple[str, str, str]] = {
    "grain": ("Grain", "Зерно", "Астық"),
    "flour-milling": ("Flour milling", "Мукомольная отрасль", "Ұн тарту"),
    "oilseeds": ("Oilseeds and vegetable oils", "Масличные и растительные масла", "Майлы дақылдар мен өсімдік майы"),
    "dairy": ("Dairy", "Молочная продукция", "Сүт өнімдері"),
    "meat": ("Meat and livestock", "Мясо и скот", "Ет және мал"),
    "fish": ("Fish and seafood", "Рыба и морепродукты", "Балық және теңіз өнімдері"),
    "fruit-vegetables": ("Fruit, vegetables, pulses", "Фрукты, овощи, бобовые", "Жеміс, көкөніс, бұршақ"),
    "food-processing": ("Food processing", "Пищевая промышленность", "Тамақ өнеркәсібі"),
    "agriculture": ("Agriculture", "Сельское хозяйство", "Ауыл шаруашылығы"),
    "metals": ("Metals", "Металлы", "Металдар"),
    "ferroalloys": ("Ferroalloys", "Ферросплавы", "Ферроқорытпалар"),
    "mining": ("Mining and minerals", "Горнодобыча и минералы", "Тау-кен және минералдар"),
    "energy": ("Energy, coal, oil and gas", "Энергетика, уголь, нефть и газ", "Энергетика, көмір, мұнай және газ"),
    "chemicals": ("Chemicals and fertilisers", "Химия и удобрения", "Химия және тыңайтқыштар"),
    "construction-materials": ("Construction materials", "Стройматериалы", "Құрылыс материалдары"),
    "textiles": ("Textiles, wool, leather", "Текстиль, шерсть, кожа", "Тоқыма, жүн, былғары"),
    "apparel": ("Apparel and workwear", "Одежда и спецодежда", "Киім және арнайы киім"),
    "machinery": ("Machinery and equipment", "Машины и оборудование", "Машиналар мен жабдықтар"),
    "automotive": ("Vehicles and parts", "Транспорт и запчасти", "Көлік және бөлшектер"),
    "furniture-wood": ("Wood and furniture", "Древесина и мебель", "Ағаш және жиһаз"),
    "it-services": ("IT and software", "ИТ и программное обеспечение", "АТ және бағдарламалық қамтамасыз ету"),
    "electronics": ("Electronics and IT hardware", "Электроника и ИТ-оборудование", "Электроника және АТ жабдықтары"),
    "logistics": ("Logistics and transport", "Логистика и перевозки", "Логистика және тасымал"),
    "tourism": ("Tourism and hospitality", "Туризм и гостеприимство", "Туризм және қонақжайлық"),
    "trade": ("Trading and distribution", "Торговля и дистрибуция", "Сауда және дистрибуция"),
    "finance": ("Finance and investment", "Финансы и инвестиции", "Қаржы және инвестиция"),
    "health": ("Health and pharmaceuticals", "Здравоохранение и фармацевтика", "Денсаулық және фармацевтика"),
    "education": ("Education and consulting", "Образование и консалтинг", "Білім беру және консалтинг"),
    "handicrafts": ("Crafts and souvenirs", "Ремёсла и сувениры", "Қолөнер және кәдесыйлар"),
}
_COLUMN = {"en": 0, "ru": 1, "kk": 2}


def sector_label(slug: str) -> str:
    """A sector's name in the interface language; free-form imported sectors show as written."""
    names = SECTORS.get(slug)
    if names is None:
        return slug
    return names[_COLUMN.get(str(get_locale() or "en"), 0)]


def sector_choices() -> list[tuple[str, str]]:
    return [(slug, sector_label(slug)) for slug in SECTORS]
