"""Hand-written geography for the demo marketplace: cities, delivery points and countries.

City names are real; each entry gives the name in the languages a listing about it may be written in
("en" is also the value stored in a company's ``city`` field). Missing languages fall back through
``FALLBACK`` (Cyrillic scripts to Russian, the rest to English).
"""

FALLBACK = {"kk": "ru", "mn": "ru", "ru": "en", "tr": "en", "de": "en", "zh": "en", "kk-latn": "en"}


def localized(names: dict[str, str], lang: str) -> str:
    """The name in ``lang``, else along the fallback chain, finally in English."""
    while lang not in names and lang in FALLBACK:
        lang = FALLBACK[lang]
    return names.get(lang, names["en"])


def _c(en: str, ru: str, **other: str) -> dict[str, str]:
    return {"en": en, "ru": ru, **other}


# Kazakh cities by the sectors produced around them (used to place exporters).
KZ_CITIES: dict[str, dict[str, str]] = {
    "astana": _c("Astana", "Астана", kk="Астана", zh="阿斯塔纳", mn="Астана"),
    "almaty": _c("Almaty", "Алматы", kk="Алматы", zh="阿拉木图", tr="Almatı", mn="Алматы"),
    "kostanay": _c("Kostanay", "Костанай", kk="Қостанай", zh="科斯塔奈"),
    "petropavl": _c("Petropavl", "Петропавловск", kk="Петропавл", zh="彼得罗巴甫尔"),
    "kokshetau": _c("Kokshetau", "Кокшетау", kk="Көкшетау", zh="科克舍套", tr="Kökşetav"),
    "pavlodar": _c("Pavlodar", "Павлодар", kk="Павлодар", zh="巴甫洛达尔"),
    "karaganda": _c("Karaganda", "Караганда", kk="Қарағанды", zh="卡拉干达", tr="Karağandı"),
    "oskemen": _c("Oskemen", "Усть-Каменогорск", kk="Өскемен", zh="厄斯克门", tr="Öskemen", de="Öskemen"),
    "semey": _c("Semey", "Семей", kk="Семей", zh="塞米伊"),
    "aktobe": _c("Aktobe", "Актобе", kk="Ақтөбе", zh="阿克托别", tr="Aktöbe"),
    "shymkent": _c("Shymkent", "Шымкент", kk="Шымкент", zh="奇姆肯特", tr="Şımkent", de="Schymkent"),
    "turkistan": _c("Turkistan", "Туркестан", kk="Түркістан", zh="突厥斯坦", tr="Türkistan"),
    "kyzylorda": _c("Kyzylorda", "Кызылорда", kk="Қызылорда", zh="克孜勒奥尔达", tr="Kızılorda"),
    "taraz": _c("Taraz", "Тараз", kk="Тараз", zh="塔拉兹"),
    "atyrau": _c("Atyrau", "Атырау", kk="Атырау", zh="阿特劳"),
    "aktau": _c("Aktau", "Актау", kk="Ақтау", zh="阿克套"),
    "oral": _c("Oral", "Уральск", kk="Орал", zh="乌拉尔斯克"),
    "taldykorgan": _c("Taldykorgan", "Талдыкорган", kk="Талдықорған", zh="塔尔迪库尔干"),
    "temirtau": _c("Temirtau", "Темиртау", kk="Теміртау", zh="铁米尔套"),
    "ekibastuz": _c("Ekibastuz", "Экибастуз", kk="Екібастұз", zh="埃基巴斯图兹"),
}

# Border crossings, ports and hubs named in delivery terms.
PLACES: dict[str, dict[str, str]] = {
    "dostyk": _c("Dostyk", "Достык", kk="Достық", zh="多斯特克", tr="Dostık"),
    "khorgos": _c("Khorgos", "Хоргос", kk="Қорғас", zh="霍尔果斯", tr="Horgos", de="Chorgos"),
    "saryagash": _c("Saryagash", "Сарыагаш", kk="Сарыағаш", zh="萨雷阿加什", tr="Sarıağaş"),
    "aktau-port": _c("Aktau port", "порт Актау", kk="Ақтау порты", zh="阿克套港", tr="Aktau limanı",
                     de="Hafen Aktau", mn="Актау боомт"),
    "urumqi": _c("Urumqi", "Урумчи", kk="Үрімші", zh="乌鲁木齐", tr="Urumçi", de="Ürümqi", mn="Үрүмчи"),
    "tashkent": _c("Tashkent", "Ташкент", kk="Ташкент", zh="塔什干", tr="Taşkent", de="Taschkent"),
    "bishkek": _c("Bishkek", "Бишкек", kk="Бішкек", zh="比什凯克", tr="Bişkek", de="Bischkek"),
    "mersin": _c("Mersin", "Мерсин", kk="Мерсин", zh="梅尔辛"),
    "istanbul": _c("Istanbul", "Стамбул", kk="Стамбұл", zh="伊斯坦布尔", tr="İstanbul"),
    "hamburg": _c("Hamburg", "Гамбург", kk="Гамбург", zh="汉堡"),
    "bandar-abbas": _c("Bandar Abbas", "Бендер-Аббас", kk="Бендер-Аббас", zh="阿巴斯港", tr="Bender Abbas"),
    "tsagaannuur": _c("Tsagaannuur", "Цагааннуур", kk="Цағаннұр", zh="查干诺尔", mn="Цагааннуур"),
    "moscow": _c("Moscow", "Москва", kk="Мәскеу", zh="莫斯科", tr="Moskova", de="Moskau", mn="Москва"),
    "poti": _c("Poti", "Поти", kk="Поти", zh="波季", de="Poti"),
    "ashgabat": _c("Ashgabat", "Ашхабад", kk="Ашхабад", zh="阿什哈巴德", tr="Aşkabat"),
}

# Where a request from a country usually wants the goods delivered.
DELIVERY_TO: dict[str, list[str]] = {
    "CN": ["urumqi", "khorgos", "dostyk"], "UZ": ["saryagash", "tashkent"], "KG": ["bishkek"],
    "TM": ["ashgabat"], "MN": ["tsagaannuur"], "RU": ["moscow"], "TR": ["mersin", "istanbul"],
    "IR": ["bandar-abbas", "aktau-port"], "DE": ["hamburg"], "PL": ["hamburg"], "CZ": ["hamburg"],
    "SE": ["hamburg"], "GB": ["hamburg"], "US": ["poti", "mersin"], "KR": ["urumqi"], "AE": ["bandar-abbas"],
}

DIASPORA_CITIES: dict[str, list[dict[str, str]]] = {
    "CN": [_c("Urumqi", "Урумчи", zh="乌鲁木齐", kk="Үрімші"), _c("Yining", "Кульджа", zh="伊宁", kk="Құлжа"),
           _c("Beijing", "Пекин", zh="北京", kk="Бейжің"), _c("Shanghai", "Шанхай", zh="上海"),
           _c("Yiwu", "Иу", zh="义乌"), _c("Lianyungang", "Ляньюньган", zh="连云港"),
           _c("Xi'an", "Сиань", zh="西安")],
    "RU": [_c("Moscow", "Москва", kk="Мәскеу"), _c("Novosibirsk", "Новосибирск"), _c("Omsk", "Омск"),
           _c("Orenburg", "Оренбург", kk="Орынбор"), _c("Astrakhan", "Астрахань", kk="Астрахан"),
           _c("Yekaterinburg", "Екатеринбург"), _c("Kazan", "Казань", kk="Қазан")],
    "UZ": [_c("Tashkent", "Ташкент"), _c("Samarkand", "Самарканд", kk="Самарқанд"), _c("Nukus", "Нукус"),
           _c("Chirchiq", "Чирчик"), _c("Bukhara", "Бухара", kk="Бұхара")],
    "KG": [_c("Bishkek", "Бишкек", kk="Бішкек"), _c("Osh", "Ош"), _c("Tokmok", "Токмок", kk="Тоқмақ")],
    "TM": [_c("Ashgabat", "Ашхабад"), _c("Turkmenabat", "Туркменабад"), _c("Balkanabat", "Балканабад")],
    "MN": [_c("Ulaanbaatar", "Улан-Батор", mn="Улаанбаатар", kk="Ұлан-Батыр"),
           _c("Ölgii", "Улгий", mn="Өлгий", kk="Өлгий"), _c("Khovd", "Ховд", mn="Ховд", kk="Қобда"),
           _c("Erdenet", "Эрдэнэт", mn="Эрдэнэт")],
    "TR": [_c("Istanbul", "Стамбул", tr="İstanbul", kk="Стамбұл"), _c("Izmir", "Измир", tr="İzmir"),
           _c("Mersin", "Мерсин"), _c("Kayseri", "Кайсери"), _c("Ankara", "Анкара"), _c("Bursa", "Бурса"),
           _c("Gaziantep", "Газиантеп"), _c("Konya", "Конья")],
    "IR": [_c("Tehran", "Тегеран"), _c("Mashhad", "Мешхед"), _c("Gorgan", "Горган"),
           _c("Bandar Anzali", "Энзели")],
    "DE": [_c("Berlin", "Берлин"), _c("Hamburg", "Гамбург"), _c("Frankfurt am Main", "Франкфурт-на-Майне"),
           _c("Munich", "Мюнхен", de="München"), _c("Cologne", "Кёльн", de="Köln"),
           _c("Düsseldorf", "Дюссельдорф"), _c("Hanover", "Ганновер", de="Hannover")],
    "US": [_c("New York", "Нью-Йорк"), _c("Chicago", "Чикаго"), _c("Houston", "Хьюстон"),
           _c("Los Angeles", "Лос-Анджелес")],
    "GB": [_c("London", "Лондон"), _c("Manchester", "Манчестер"), _c("Birmingham", "Бирмингем")],
    "SE": [_c("Stockholm", "Стокгольм"), _c("Gothenburg", "Гётеборг"), _c("Malmö", "Мальмё")],
    "KR": [_c("Seoul", "Сеул"), _c("Busan", "Пусан"), _c("Incheon", "Инчхон")],
    "AE": [_c("Dubai", "Дубай"), _c("Sharjah", "Шарджа"), _c("Abu Dhabi", "Абу-Даби")],
    "PL": [_c("Warsaw", "Варшава"), _c("Gdańsk", "Гданьск"), _c("Wrocław", "Вроцлав")],
    "CZ": [_c("Prague", "Прага"), _c("Brno", "Брно"), _c("Ostrava", "Острава")],
}
