"""Per-language sentence patterns that turn a catalogue product into a listing title and description.

Patterns keep product names in the nominative (after a colon or as a title) so one name per language fits
every pattern. Placeholders: {name} (as in the catalogue), {lname} (first letter lowered where the language
lowers it mid-sentence), {spec}, {inc}, {place}, {city}, {qty}, {certs}.
"""

import random

LANGS = ("ru", "kk", "en", "tr", "zh", "de", "mn")

# Each language: offer/request intros, offer/request titles, and the sentence pieces added when known.
PATTERNS: dict[str, dict[str, list[str]]] = {
    "ru": {
        "offer_extra": ["Возможна инспекция SGS или Bureau Veritas.",
            "Оплата: аккредитив или 30% предоплаты.",
            "Образцы высылаем по запросу.",
            "Работаем напрямую, без посредников."],
        "request_extra": ["Оплата по факту приёмки, аккредитив обсуждается.",
            "Просим прислать коммерческое предложение и образцы.",
            "Готовы заключить годовой контракт.",
            "Рассматриваем только прямых производителей."],
        "offer_intro": ["Производитель из г. {city} предлагает на экспорт: {lname}.",
                        "В наличии {lname}, прямые поставки от производителя ({city}).",
                        "Собственное производство в г. {city}, экспорт: {lname}."],
        "request_intro": ["Компания из г. {city} закупает: {lname}.", "Ищем поставщика из Казахстана: {lname}.",
                          "Для переработки и оптовой продажи ({city}) закупаем: {lname}."],
        "offer_title": ["{name}", "{name}, {inc} {place}", "{name} — от производителя"],
        "request_title": ["Закупаем: {lname}", "Ищем поставщика: {lname}", "{name} — закупка, {inc} {place}"],
        "service_offer": ["Компания из г. {city} предлагает услуги ({lname})."],
        "service_request": ["Ищем партнёра: {lname}."], "service_title": ["Ищем подрядчика: {lname}"],
        "offer_spec": ["Характеристики: {spec}."], "request_spec": ["Требования: {spec}."],
        "offer_terms": ["Поставка {inc} {place}."], "request_terms": ["Условия поставки: {inc} {place}."],
        "offer_qty": ["Объём до {qty} в месяц."], "request_qty": ["Потребность — {qty} в месяц."],
        "lot": ["Партия: {qty}."], "offer_certs": ["Документы: {certs}."], "request_certs": ["Обязательно: {certs}."],
    },
    "kk": {
        "offer_extra": ["SGS немесе Bureau Veritas инспекциясы мүмкін.",
            "Төлем: аккредитив немесе 30% алдын ала төлем.",
            "Сұраныс бойынша үлгі жібереміз."],
        "request_extra": ["Төлем қабылдағаннан кейін, аккредитив талқыланады.",
            "Коммерциялық ұсыныс пен үлгілерді жіберуіңізді сұраймыз.",
            "Жылдық келісімшартқа дайынбыз."],
        "offer_intro": ["{city} қаласындағы өндіруші экспортқа ұсынады: {lname}.",
                        "Өз өндірісіміз ({city}), экспорт: {lname}.", "Қазақстаннан тікелей жеткізу: {lname}."],
        "request_intro": ["{city} қаласындағы компания сатып алады: {lname}.",
                          "Қазақстандық жеткізуші іздейміз: {lname}.", "Тұрақты негізде сатып аламыз: {lname}."],
        "offer_title": ["{name}", "{name}, {inc} {place}", "{name} — өндірушіден"],
        "request_title": ["Сатып аламыз: {lname}", "Жеткізуші іздейміз: {lname}"],
        "service_offer": ["{city} қаласындағы компания қызмет ұсынады ({lname})."],
        "service_request": ["Серіктес іздейміз: {lname}."], "service_title": ["Серіктес іздейміз: {lname}"],
        "offer_spec": ["Сипаттамасы: {spec}."], "request_spec": ["Талаптар: {spec}."],
        "offer_terms": ["Жеткізу шарты: {inc} {place}."], "request_terms": ["Жеткізу: {inc} {place}."],
        "offer_qty": ["Айлық көлемі: {qty}."], "request_qty": ["Қажетті көлем: айына {qty}."],
        "lot": ["Партия көлемі: {qty}."], "offer_certs": ["Құжаттар: {certs}."],
        "request_certs": ["Міндетті құжаттар: {certs}."],
    },
    "en": {
        "offer_extra": ["SGS or Bureau Veritas inspection available.",
            "Payment by L/C or 30% advance.",
            "Samples on request.",
            "Direct from the producer, no intermediaries."],
        "request_extra": ["Payment after acceptance; L/C negotiable.",
            "Please send a quotation and samples.",
            "Annual contract possible for a reliable supplier.",
            "Producers only, no brokers."],
        "offer_intro": ["Producer based in {city} offers for export: {lname}.",
                        "Direct from the manufacturer in {city}: {lname}.", "Export offer from {city}: {lname}."],
        "request_intro": ["Company in {city} is buying {lname}.",
                          "We are looking for a Kazakh supplier of {lname}.",
                          "Regular purchases of {lname} for our customers in {city}."],
        "offer_title": ["{name}", "{name}, {inc} {place}", "{name} from Kazakhstan"],
        "request_title": ["Buying {lname}", "Looking for supplier: {lname}", "WTB: {lname}, {inc} {place}"],
        "service_offer": ["Company in {city} offers {lname}."],
        "service_request": ["Looking for a partner: {lname}."], "service_title": ["Looking for: {lname}"],
        "offer_spec": ["Specification: {spec}."], "request_spec": ["Requirements: {spec}."],
        "offer_terms": ["Delivery {inc} {place}."], "request_terms": ["Terms: {inc} {place}."],
        "offer_qty": ["Up to {qty} per month."], "request_qty": ["Volume: {qty} per month."],
        "lot": ["Lot size: {qty}."], "offer_certs": ["Documents: {certs}."], "request_certs": ["Required: {certs}."],
    },
    "tr": {
        "offer_extra": ["SGS veya Bureau Veritas gözetimi mümkündür.",
            "Ödeme: akreditif veya %30 peşin.",
            "Talep üzerine numune gönderilir."],
        "request_extra": ["Ödeme teslim sonrası, akreditif görüşülebilir.",
            "Fiyat teklifi ve numune bekliyoruz.",
            "Yıllık sözleşmeye hazırız.",
            "Sadece üreticilerle çalışıyoruz."],
        "offer_intro": ["{city} merkezli üretici ihracat için sunuyor: {lname}.", "Üreticiden doğrudan: {lname}."],
        "request_intro": ["{city} merkezli firmamız Kazakistan'dan ithalat yapmak istiyor: {lname}.",
                          "Kazakistanlı tedarikçi arıyoruz: {lname}.", "Düzenli alım yapıyoruz: {lname}."],
        "offer_title": ["{name}", "{name}, {inc} {place}"],
        "request_title": ["{name} alınacak", "Tedarikçi aranıyor: {lname}", "{name} ithalatı, {inc} {place}"],
        "service_offer": ["{city} merkezli firmamız hizmet sunuyor: {lname}."],
        "service_request": ["İş ortağı arıyoruz: {lname}."], "service_title": ["İş ortağı aranıyor: {lname}"],
        "offer_spec": ["Özellikler: {spec}."], "request_spec": ["Aranan özellikler: {spec}."],
        "offer_terms": ["Teslim şekli: {inc} {place}."], "request_terms": ["Teslim: {inc} {place}."],
        "offer_qty": ["Aylık kapasite {qty}."], "request_qty": ["Aylık ihtiyaç: {qty}."],
        "lot": ["Parti: {qty}."], "offer_certs": ["Belgeler: {certs}."],
        "request_certs": ["Gerekli belgeler: {certs}."],
    },
    "zh": {
        "offer_extra": ["可安排SGS或必维检验。", "付款方式：信用证或30%预付款。", "可按要求提供样品。"],
        "request_extra": ["验收后付款，可商议信用证。", "请提供报价和样品。", "可签订年度合同。",
            "只与生产厂家直接合作。"],
        "offer_intro": ["{city}企业出口供应：{name}。", "长期稳定供应：{name}。"],
        "request_intro": ["{city}公司长期求购哈萨克斯坦{name}。", "寻找哈萨克斯坦{name}供应商。"],
        "offer_title": ["{name}", "{name}，{inc} {place}", "哈萨克斯坦{name}出口"],
        "request_title": ["求购{name}", "求购哈萨克斯坦{name}", "长期采购{name}，{inc} {place}"],
        "service_offer": ["{city}公司提供服务：{name}。"],
        "service_request": ["寻找合作伙伴：{name}。"], "service_title": ["寻找合作伙伴：{name}"],
        "offer_spec": ["规格：{spec}。"], "request_spec": ["要求：{spec}。"],
        "offer_terms": ["交货条件：{inc} {place}。"], "request_terms": ["交货：{inc} {place}。"],
        "offer_qty": ["每月供应{qty}。"], "request_qty": ["每月需求约{qty}。"],
        "lot": ["批量：{qty}。"], "offer_certs": ["提供{certs}。"], "request_certs": ["需提供{certs}。"],
    },
    "de": {
        "offer_extra": ["Inspektion durch SGS oder Bureau Veritas möglich.",
            "Zahlung per Akkreditiv oder 30 % Vorkasse.",
            "Muster auf Anfrage."],
        "request_extra": ["Zahlung nach Abnahme, Akkreditiv verhandelbar.",
            "Bitte Angebot und Muster senden.",
            "Jahresvertrag möglich.",
            "Nur direkte Hersteller, keine Zwischenhändler."],
        "offer_intro": ["Hersteller aus {city} bietet zum Export an: {name}.", "Direkt vom Hersteller: {name}."],
        "request_intro": ["Unternehmen aus {city} sucht Lieferanten aus Kasachstan: {name}.",
                          "Wir kaufen regelmäßig: {name}.", "Importeur in {city} sucht: {name}."],
        "offer_title": ["{name}", "{name}, {inc} {place}"],
        "request_title": ["Suche: {name}", "Lieferant gesucht: {name}", "Einkauf: {name}, {inc} {place}"],
        "service_offer": ["Unternehmen aus {city} bietet an: {name}."],
        "service_request": ["Partner gesucht: {name}."], "service_title": ["Partner gesucht: {name}"],
        "offer_spec": ["Spezifikation: {spec}."], "request_spec": ["Anforderungen: {spec}."],
        "offer_terms": ["Lieferung {inc} {place}."], "request_terms": ["Lieferbedingungen: {inc} {place}."],
        "offer_qty": ["Bis zu {qty} pro Monat."], "request_qty": ["Bedarf: {qty} pro Monat."],
        "lot": ["Losgröße: {qty}."], "offer_certs": ["Dokumente: {certs}."],
        "request_certs": ["Erforderlich: {certs}."],
    },
    "mn": {
        "offer_extra": ["SGS эсвэл Bureau Veritas-ын хяналт боломжтой.",
            "Төлбөр: аккредитив эсвэл 30% урьдчилгаа.",
            "Хүсэлтээр дээж илгээнэ."],
        "request_extra": ["Хүлээн авсны дараа төлбөр хийнэ.",
            "Үнийн санал болон дээж илгээнэ үү.",
            "Жилийн гэрээ байгуулахад бэлэн."],
        "offer_intro": ["{city} хотын үйлдвэрлэгч экспортод нийлүүлнэ: {lname}."],
        "request_intro": ["{city} хотын компани Казахстанаас худалдан авна: {lname}.",
                          "Казахстаны нийлүүлэгч хайж байна: {lname}.", "Тогтмол худалдан авна: {lname}."],
        "offer_title": ["{name}", "{name}, {inc} {place}"],
        "request_title": ["Худалдан авна: {lname}", "Нийлүүлэгч хайж байна: {lname}",
                          "{name} худалдан авна, {inc} {place}"],
        "service_offer": ["{city} хотын компани үйлчилгээ санал болгож байна ({lname})."],
        "service_request": ["Хамтрагч хайж байна: {lname}."], "service_title": ["Хамтрагч хайж байна: {lname}"],
        "offer_spec": ["Үзүүлэлт: {spec}."], "request_spec": ["Шаардлага: {spec}."],
        "offer_terms": ["Нийлүүлэлт: {inc} {place}."], "request_terms": ["Нийлүүлэлт: {inc} {place}."],
        "offer_qty": ["Сард {qty} хүртэл."], "request_qty": ["Сарын хэрэгцээ: {qty}."],
        "lot": ["Багц: {qty}."], "offer_certs": ["Бичиг баримт: {certs}."],
        "request_certs": ["Шаардлагатай бичиг баримт: {certs}."],
    },
}

UNITS = {
    "t": {"ru": "т", "kk": "т", "en": "t", "tr": "ton", "zh": "吨", "de": "t", "mn": "тонн"},
    "pcs": {"ru": "шт.", "kk": "дана", "en": "pcs", "tr": "adet", "zh": "台", "de": "Stück", "mn": "ширхэг"},
}

CERT_NAMES = {
    "phytosanitary certificate": {"ru": "фитосанитарный сертификат", "kk": "фитосанитарлық сертификат",
                                  "tr": "bitki sağlık sertifikası", "zh": "植物检疫证书",
                                  "de": "Pflanzengesundheitszeugnis", "mn": "ургамал хорио цээрийн гэрчилгээ"},
    "veterinary certificate": {"ru": "ветеринарный сертификат", "kk": "ветеринариялық сертификат",
                               "tr": "veteriner sertifikası", "zh": "兽医卫生证书", "de": "Veterinärzertifikat",
                               "mn": "мал эмнэлгийн гэрчилгээ"},
    "certificate of origin": {"ru": "сертификат происхождения", "kk": "шығу тегі сертификаты",
                              "tr": "menşe şahadetnamesi", "zh": "原产地证书", "de": "Ursprungszeugnis",
                              "mn": "гарал үүслийн гэрчилгээ"},
}

_SEPARATOR = {"zh": "、"}


def format_qty(qty: int, unit: str, lang: str) -> str:
    """A quantity as people write it: "5 000 т", "5,000 t", "5.000 ton", "5000吨"."""
    if lang in ("ru", "kk"):
        number = f"{qty:,}".replace(",", " ")
    elif lang in ("de", "tr"):
        number = f"{qty:,}".replace(",", ".")
    elif lang == "en":
        number = f"{qty:,}"
    else:
        number = str(qty)
    word = UNITS[unit][lang]
    return f"{number}{word}" if lang == "zh" else f"{number} {word}"


def cert_list(certs: list[str], lang: str) -> str:
    """Certificates joined in the listing's language; proper names (Halal, ISO 22000) stay as they are."""
    names = [CERT_NAMES.get(c, {}).get(lang, c) for c in certs]
    return _SEPARATOR.get(lang, ", ").join(names)


# Names that start with a proper noun keep their capital mid-sentence.
PROPER_STARTS = ("Қазақстан", "Казахстан", "Казах", "Kazakh", "Trans-", "Claas", "Portland")


def lower_first(text: str, lang: str) -> str:
    """Lower the first letter mid-sentence, except in German and Turkish (nouns, dotted İ), for abbreviations
    ("ИТ", "LME") and for names starting with a proper noun."""
    if lang in ("de", "zh", "tr") or len(text) < 2 or not text[1].islower() or text.startswith(PROPER_STARTS):
        return text
    return text[0].lower() + text[1:]


def pick(rng: random.Random, lang: str, slot: str, **values: str) -> str:
    """One pattern of ``slot`` in ``lang`` filled with ``values``."""
    # a value ending in an abbreviation point ("2 шт.") must not double the sentence's full stop
    return rng.choice(PATTERNS[lang][slot]).format(**values).replace("..", ".")
