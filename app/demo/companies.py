"""Invented company names, contacts and the language habits of each diaspora country.

Names are built as brand + sector word + legal form, the way such firms are really named (``Tobol Astyq
LLP``, ``Bozkır Gıda Ltd. Şti.``, ``ООО «Алаш Трейд»``). All brands are made up for the demo.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    count: int                  # diaspora companies to create
    languages: list[str]        # languages the company states it works in
    writes: dict[str, int]      # language of its listings -> weight
    style: str                  # which SECTOR_WORDS column names its companies
    brands: list[str]
    forms: list[str]            # legal forms; "{}" marks where the name goes if not at the end
    domain: str
    phone: str


def _w(spec: str) -> dict[str, int]:
    """'zh:6 ru:3' -> {'zh': 6, 'ru': 3}."""
    return {k: int(v) for k, v in (part.split(":") for part in spec.split())}


DIASPORA: dict[str, Country] = {
    "CN": Country(20, ["zh", "kk", "ru"], _w("zh:6 ru:3 kk:1"), "en",
                  ["Xinjiang Altai", "Urumqi Tengri", "Ili Kazakh", "Tianshan Bridge", "Silk Road", "Khorgos Gate",
                   "Jungar", "Kunlun", "Xinjiang Saryarqa", "Bogda", "Tarbagatai", "Yili Qazaq"],
                  ["Co., Ltd.", "Import & Export Co., Ltd."], "example.cn", "+86 991"),
    "RU": Country(14, ["ru", "kk"], _w("ru:1"), "ru",
                  ["Алаш", "Дастархан", "Байтерек", "Жайык", "Тулпар", "Шанырак", "Акжол", "Арыс", "Орда",
                   "Кереге", "Самал"], ["ООО «{}»"], "example.ru", "+7 912"),
    "UZ": Country(14, ["ru", "kk", "uz"], _w("ru:8 kk:2"), "uz",
                  ["Toshkent Qazaq", "Chirchiq", "Sirdaryo", "Navro'z", "Oltin Vodiy", "Samarqand Dala",
                   "Qoraqalpoq", "Buxoro Sharq"], ["MChJ"], "example.uz", "+998 71"),
    "KG": Country(8, ["ru", "kk", "ky"], _w("ru:9 kk:1"), "en",
                  ["Ala-Too", "Issyk-Kul", "Manas", "Chui Valley", "Kazak-Kyrgyz", "Ak-Keme"], ["LLC"],
                  "example.kg", "+996 312"),
    "TM": Country(5, ["ru", "tk", "kk"], _w("ru:1"), "en", ["Ahal", "Lebap", "Balkan", "Garagum", "Mary"],
                  ["HJ"], "example.tm", "+993 12"),
    "MN": Country(14, ["mn", "kk", "ru"], _w("mn:7 kk:3"), "en",
                  ["Ölgii", "Bayan-Ölgii", "Khovd", "Altai Tavan Bogd", "Tsengel", "Sagsai", "Baitak"],
                  ["LLC"], "example.mn", "+976 11"),
    "TR": Country(22, ["tr", "kk", "ru"], _w("tr:8 en:1 ru:1"), "tr",
                  ["Bozkır", "Altay", "Ötüken", "Tengri", "Anadolu Kazak", "Çukurova", "Konya", "Alaşa",
                   "Kök Börü", "Turan", "Zeytinburnu Kazak", "Salihli", "Manisa Kazak", "Kayseri Bozkurt"],
                  ["Ltd. Şti.", "A.Ş.", "San. ve Tic. Ltd. Şti."], "example.com.tr", "+90 212"),
    "IR": Country(6, ["en", "fa", "kk"], _w("en:6 ru:4"), "en",
                  ["Pars-Qazaq", "Caspian Bridge", "Golestan", "Khorasan Steppe", "Gorgan"], ["Trading Co."],
                  "example.ir", "+98 21"),
    "DE": Country(16, ["de", "ru", "kk"], _w("de:6 ru:3 en:1"), "de",
                  ["Steppe", "Nomad", "EuroKaz", "Altai", "Bio Steppe", "Rhein-Kaz", "Elbe Kaz", "Kasachstan Brücke",
                   "Tengri"], ["GmbH", "UG", "GmbH & Co. KG"], "example.de", "+49 30"),
    "US": Country(7, ["en", "kk", "ru"], _w("en:9 ru:1"), "en",
                  ["Steppe & Co", "Great Steppe", "Altai", "Silk Road", "Nomad", "Kazakh-American"],
                  ["LLC", "Inc."], "example.com", "+1 212"),
    "GB": Country(5, ["en", "kk", "ru"], _w("en:1"), "en", ["Silk Road", "Steppe", "Thames Kaz", "Tengri"],
                  ["Ltd"], "example.co.uk", "+44 20"),
    "SE": Country(3, ["en", "sv", "kk"], _w("en:1"), "en", ["Nordic Steppe", "Baltic Kaz", "Svea Steppe"], ["AB"],
                  "example.se", "+46 8"),
    "KR": Country(7, ["ru", "en", "ko"], _w("en:5 ru:5"), "en",
                  ["KazKor", "Han-Kaz", "Koryo-Saram", "Seoul Steppe", "Arirang Kaz"], ["Co., Ltd."],
                  "example.kr", "+82 2"),
    "AE": Country(6, ["en", "ru", "kk", "ar"], _w("en:7 ru:3"), "en",
                  ["Zhuldyz", "Gulf Steppe", "Desert Nomad", "Emirates Kaz", "Falcon Steppe"],
                  ["General Trading LLC", "FZE"], "example.ae", "+971 4"),
    "PL": Country(4, ["en", "pl", "ru"], _w("en:5 ru:5"), "en", ["Vistula Kaz", "Polkaz", "Baltic Steppe"],
                  ["Sp. z o.o."], "example.pl", "+48 22"),
    "CZ": Country(3, ["ru", "cs", "en"], _w("ru:5 en:5"), "en", ["Qazaq", "Vltava Kaz", "Bohemia Steppe"],
                  ["s.r.o."], "example.cz", "+420 2"),
}

EXPORTER_WRITES = _w("ru:52 kk:26 en:16 zh:3 tr:2 de:1")
EXPORTER_BRANDS = [
    "Tobol", "Esil", "Ertis", "Saryarka", "Altyn Dala", "Kokshe", "Zhetysu", "Syr", "Aral", "Kaspi", "Ulytau",
    "Tarbagatai", "Alatau", "Baiterek", "Kazygurt", "Turan", "Aqbulaq", "Kendala", "Qyzyljar", "Bereke",
    "Aqbidai", "Nura", "Shalkar", "Torgai", "Balkhash", "Ile", "Qaratau", "Emba", "Zhaiyq", "Bayan", "Aksu",
    "Qoyandy", "Zere", "Dala", "Sairam", "Ordabasy", "Burabay", "Kokzhiek", "Samruk", "Mangystau",
]
EXPORTER_FORMS = ["LLP", "LLP", "LLP", "JSC"]

# sector -> word used in names, per naming style (kz = exporters' transliterated Kazakh/English mix).
SECTOR_WORDS: dict[str, dict[str, str]] = {
    "grain": {"kz": "Astyq", "en": "Grain", "tr": "Tahıl", "de": "Getreidehandel", "ru": "Зерно", "uz": "Don"},
    "flour-milling": {"kz": "Milling", "en": "Milling", "tr": "Un", "de": "Mühlen", "ru": "Мука", "uz": "Un"},
    "oilseeds": {"kz": "Mai", "en": "Oils", "tr": "Yağ", "de": "Ölsaaten", "ru": "Масло", "uz": "Yog'"},
    "dairy": {"kz": "Sút", "en": "Dairy", "tr": "Süt", "de": "Molkerei", "ru": "Молоко", "uz": "Sut"},
    "meat": {"kz": "Et", "en": "Meat", "tr": "Et", "de": "Fleischhandel", "ru": "Мясо", "uz": "Go'sht"},
    "fish": {"kz": "Balyq", "en": "Seafood", "tr": "Balık", "de": "Fischhandel", "ru": "Рыба", "uz": "Baliq"},
    "fruit-vegetables": {"kz": "Agro", "en": "Pulses", "tr": "Bakliyat", "de": "Agrarhandel", "ru": "Агро",
                         "uz": "Agro"},
    "food-processing": {"kz": "Food", "en": "Foods", "tr": "Gıda", "de": "Feinkost", "ru": "Продукт",
                        "uz": "Oziq-ovqat"},
    "metals": {"kz": "Metals", "en": "Metals", "tr": "Metal", "de": "Metallhandel", "ru": "Металл",
               "uz": "Metall"},
    "ferroalloys": {"kz": "Ferroalloys", "en": "Alloys", "tr": "Ferro Alaşım", "de": "Ferrolegierungen",
                    "ru": "Ферросплав", "uz": "Ferro"},
    "energy": {"kz": "Kómir", "en": "Energy", "tr": "Enerji", "de": "Energiehandel", "ru": "Энерго",
               "uz": "Energiya"},
    "chemicals": {"kz": "Azot", "en": "Agrochem", "tr": "Kimya", "de": "Agrochemie", "ru": "Химия",
                  "uz": "Kimyo"},
    "construction-materials": {"kz": "Cement", "en": "Building Materials", "tr": "Yapı Malzemeleri",
                               "de": "Baustoffe", "ru": "Стройснаб", "uz": "Qurilish"},
    "textiles": {"kz": "Textile", "en": "Textiles", "tr": "Tekstil", "de": "Textil", "ru": "Текстиль",
                 "uz": "Tekstil"},
    "handicrafts": {"kz": "Craft", "en": "Crafts", "tr": "El Sanatları", "de": "Kunsthandwerk", "ru": "Ремесло",
                    "uz": "Hunarmand"},
    "machinery": {"kz": "Machinery", "en": "Machinery", "tr": "Makine", "de": "Maschinen", "ru": "Техника",
                  "uz": "Texnika"},
    "electronics": {"kz": "Tech", "en": "Tech", "tr": "Bilişim", "de": "Technik", "ru": "Техно", "uz": "Texno"},
    "it-services": {"kz": "Soft", "en": "Software", "tr": "Yazılım", "de": "Software", "ru": "Софт", "uz": "Soft"},
    "logistics": {"kz": "Logistics", "en": "Logistics", "tr": "Lojistik", "de": "Logistik", "ru": "Логистик",
                  "uz": "Logistik"},
    "tourism": {"kz": "Travel", "en": "Travel", "tr": "Turizm", "de": "Reisen", "ru": "Тур", "uz": "Sayohat"},
}

# Latin spelling of the Russian brands, for web addresses.
RU_LATIN = {"Алаш": "alash", "Дастархан": "dastarkhan", "Байтерек": "baiterek", "Жайык": "zhaiyk",
            "Тулпар": "tulpar", "Шанырак": "shanyrak", "Акжол": "akzhol", "Арыс": "arys", "Орда": "orda",
            "Кереге": "kerege", "Самал": "samal"}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "exporter": {
        "ru": "Казахстанский производитель и экспортёр, г. {city}: {products}.",
        "kk": "{city} қаласындағы өндіруші және экспорттаушы: {products}.",
        "en": "Kazakh producer and exporter based in {city}: {products}.",
    },
    "buyer": {
        "ru": "Компания казахской диаспоры в г. {city}: импорт из Казахстана и оптовая торговля ({products}).",
        "kk": "{city} қаласындағы қазақ диаспорасының компаниясы, Қазақстаннан импорт: {products}.",
        "en": "Diaspora-owned company in {city} importing from Kazakhstan: {products}.",
        "tr": "{city} merkezli Kazak diasporası şirketi; Kazakistan'dan ithalat: {products}.",
        "zh": "{city}哈萨克族侨商企业，从哈萨克斯坦进口：{products}。",
        "de": "Unternehmen der kasachischen Diaspora in {city}; Import aus Kasachstan: {products}.",
        "mn": "{city} хот дахь казах диаспорын компани, Казахстанаас импортлодог: {products}.",
    },
    "supplier": {
        "ru": "Компания казахской диаспоры в г. {city}: поставки в Казахстан и Центральную Азию ({products}).",
        "kk": "{city} қаласындағы қазақ диаспорасының компаниясы, Орталық Азияға жеткізеді: {products}.",
        "en": "Diaspora-owned company in {city} supplying Kazakhstan and Central Asia: {products}.",
        "tr": "{city} merkezli Kazak diasporası şirketi; Kazakistan ve Orta Asya'ya tedarik: {products}.",
        "zh": "{city}哈萨克族侨商企业，向哈萨克斯坦和中亚供应：{products}。",
        "de": "Unternehmen der kasachischen Diaspora in {city}; Lieferungen nach Kasachstan und Zentralasien: "
              "{products}.",
        "mn": "{city} хот дахь казах диаспорын компани, Төв Азид нийлүүлдэг: {products}.",
    },
}


def legal_name(brand: str, word: str, form: str) -> str:
    """'Bozkır' + 'Gıda' + 'Ltd. Şti.' -> 'Bozkır Gıda Ltd. Şti.'; forms with '{}' wrap the name."""
    core = brand if word in form else f"{brand} {word}"  # no "Trading General Trading LLC"
    return form.format(core) if "{}" in form else f"{core} {form}"
