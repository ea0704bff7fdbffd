"""The demo catalogue's industrial goods, equipment and services (see ``catalogue`` for the fields)."""

from app.demo.catalogue import ORIGIN, PHYTO, VET, Product, _p

INDUSTRY: list[Product] = [
    _p("copper-cathodes", "metals", "740311", "t", (100, 2000), "karaganda oskemen", "CN TR DE KR AE",
       "FCA CPT DAP CIF", f"LME registered brand;{ORIGIN}", {
        "ru": ("Медные катоды марки М00к", "Cu ≥ 99,99%, ГОСТ 859-2014 / LME Grade A, пачки по 2,5 т на поддонах"),
        "kk": ("М00к маркалы мыс катодтары", "Cu ≥ 99,99%, LME Grade A, 2,5 т бумалар"),
        "en": ("Copper cathodes, LME Grade A", "Cu min. 99.99%, BS EN 1978 Cu-CATH-1, strapped bundles of 2.5 t"),
        "tr": ("Bakır katot, LME Grade A", "Cu en az %99,99, 2,5 tonluk paketler"),
        "zh": ("A级电解铜（阴极铜）", "铜含量≥99.99%，LME A级，每捆2.5吨"),
        "de": ("Kupferkathoden LME Grade A", "Cu mind. 99,99 %, EN 1978 Cu-CATH-1, Bündel à 2,5 t"),
        "mn": ("Зэсийн катод, LME Grade A", "Cu 99.99%-иас доошгүй, 2.5 т багц")}),
    _p("zinc", "metals", "790111", "t", (100, 1500), "oskemen", "CN TR IR KR UZ", "FCA CPT DAP",
       f"LME registered brand;{ORIGIN}", {
        "ru": ("Цинк в чушках марки ЦВ00", "Zn ≥ 99,995%, ГОСТ 3640-94 / LME SHG, чушки 25 кг в пакетах по 1 т"),
        "kk": ("ЦВ00 маркалы мырыш құймалары", "Zn ≥ 99,995%, LME SHG, 25 кг құймалар, 1 т бумалар"),
        "en": ("Special high grade zinc ingots", "Zn min. 99.995%, LME SHG, 25 kg ingots in 1 t bundles"),
        "tr": ("SHG çinko külçe", "Zn en az %99,995, LME SHG, 25 kg külçe, 1 tonluk paket"),
        "zh": ("特高级锌锭", "锌≥99.995%，LME SHG，25公斤锭，1吨一捆"),
        "de": ("Zinkbarren SHG", "Zn mind. 99,995 %, LME SHG, Barren 25 kg in 1-t-Bündeln"),
        "mn": ("Цайрын гулдмай SHG", "Zn 99.995%-иас доошгүй, 25 кг гулдмай")}),
    _p("rebar", "metals", "721420", "t", (500, 5000), "temirtau karaganda pavlodar aktobe", "UZ KG TM MN AF",
       "FCA DAP CPT", f"ISO 9001;{ORIGIN}", {
        "ru": ("Арматура А500С", "диаметр 10–32 мм, длина 11,7 м, ГОСТ 34028-2016, пачки 3–5 т"),
        "kk": ("А500С арматурасы", "диаметрі 10–32 мм, ұзындығы 11,7 м, МЕМСТ 34028-2016"),
        "en": ("Rebar A500C", "diameter 10–32 mm, length 11.7 m, GOST 34028-2016, bundles of 3–5 t"),
        "tr": ("İnşaat demiri A500C", "çap 10–32 mm, boy 11,7 m, 3–5 tonluk paket"),
        "zh": ("A500C螺纹钢", "直径10–32毫米，长度11.7米，GOST 34028-2016"),
        "de": ("Betonstahl A500C", "Durchmesser 10–32 mm, Länge 11,7 m, GOST 34028-2016"),
        "mn": ("А500С арматур", "диаметр 10–32 мм, урт 11.7 м, ГОСТ 34028-2016")}),
    _p("ferrosilicon", "ferroalloys", "720221", "t", (200, 3000), "pavlodar ekibastuz karaganda",
       "CN KR TR IR RU DE", "FCA CPT DAP CIF", f"ISO 9001;{ORIGIN}", {
        "ru": ("Ферросилиций ФС75", "Si 72–80%, Al до 2%, фракция 10–50 мм, биг-бэги по 1 т, ГОСТ 1415-93"),
        "kk": ("ФС75 ферросилиций", "Si 72–80%, фракциясы 10–50 мм, 1 т биг-бэгтер"),
        "en": ("Ferrosilicon FeSi75", "Si 72–80%, Al max. 2%, size 10–50 mm, 1 t big bags"),
        "tr": ("Ferrosilisyum FeSi75", "Si %72–80, Al en fazla %2, boyut 10–50 mm, 1 tonluk big bag"),
        "zh": ("75硅铁", "硅72–80%，铝≤2%，粒度10–50毫米，1吨吨袋"),
        "de": ("Ferrosilizium FeSi75", "Si 72–80 %, Al max. 2 %, Körnung 10–50 mm, Big Bags à 1 t"),
        "mn": ("Ферросилиций ФС75", "Si 72–80%, 10–50 мм, 1 т уут")}),
    _p("ferrochrome", "ferroalloys", "720241", "t", (500, 5000), "aktobe pavlodar", "CN KR TR IR AE",
       "FCA CPT CIF", f"ISO 9001;{ORIGIN}", {
        "ru": ("Феррохром высокоуглеродистый ФХ800", "Cr 65–70%, C 6–8%, Si до 1,5%, фракция 10–80 мм, навалом "
               "или биг-бэги"),
        "kk": ("Жоғары көміртекті феррохром", "Cr 65–70%, C 6–8%, фракциясы 10–80 мм"),
        "en": ("High-carbon ferrochrome", "Cr 65–70%, C 6–8%, Si max. 1.5%, size 10–80 mm, bulk or big bags"),
        "tr": ("Yüksek karbonlu ferrokrom", "Cr %65–70, C %6–8, boyut 10–80 mm"),
        "zh": ("高碳铬铁", "铬65–70%，碳6–8%，硅≤1.5%，粒度10–80毫米"),
        "de": ("Ferrochrom, hochgekohlt", "Cr 65–70 %, C 6–8 %, Si max. 1,5 %, Körnung 10–80 mm"),
        "mn": ("Өндөр нүүрстөрөгчтэй феррохром", "Cr 65–70%, C 6–8%, 10–80 мм")}),
    _p("coal", "energy", "270112", "t", (5000, 50000), "ekibastuz karaganda pavlodar", "UZ KG CN TR PL",
       "FCA DAP CPT", ORIGIN, {
        "ru": ("Уголь энергетический", "калорийность 5 000–5 500 ккал/кг, зольность до 38%, сера до 0,7%, "
               "фракция 0–300 мм, полувагоны"),
        "kk": ("Энергетикалық көмір", "жылу бергіштігі 5 000–5 500 ккал/кг, күлділігі 38%-ға дейін, күкірт "
               "0,7%-ға дейін"),
        "en": ("Steam coal", "NCV 5,000–5,500 kcal/kg, ash max. 38%, sulphur max. 0.7%, size 0–300 mm, open "
               "wagons"),
        "tr": ("Termik kömür", "kalori 5.000–5.500 kcal/kg, kül en fazla %38, kükürt en fazla %0,7"),
        "zh": ("动力煤", "低位发热量5000–5500大卡/公斤，灰分≤38%，硫≤0.7%"),
        "de": ("Kesselkohle", "Heizwert 5.000–5.500 kcal/kg, Asche max. 38 %, Schwefel max. 0,7 %"),
        "mn": ("Эрчим хүчний нүүрс", "илчлэг 5000–5500 ккал/кг, үнслэг 38% хүртэл")}),
    _p("ammonium-nitrate", "chemicals", "310230", "t", (500, 5000), "aktau taraz", "UZ KG TM MN",
       "FCA DAP CPT", f"{ORIGIN};ISO 9001", {
        "ru": ("Аммиачная селитра", "азот 34,4%, марка Б, ГОСТ 2-2013, мешки 50 кг и биг-бэги 500 кг"),
        "kk": ("Аммиак селитрасы", "азот 34,4%, Б маркасы, 50 кг қаптар және 500 кг биг-бэгтер"),
        "en": ("Ammonium nitrate", "N 34.4%, grade B, GOST 2-2013, 50 kg bags and 500 kg big bags"),
        "tr": ("Amonyum nitrat", "azot %34,4, 50 kg çuval ve 500 kg big bag"),
        "zh": ("硝酸铵", "含氮34.4%，B级，50公斤袋装和500公斤吨袋"),
        "de": ("Ammoniumnitrat", "N 34,4 %, Sorte B, Säcke 50 kg und Big Bags 500 kg"),
        "mn": ("Аммиакийн селитр", "азот 34.4%, 50 кг ба 500 кг уут")}),
    _p("cement", "construction-materials", "252329", "t", (1000, 20000), "shymkent karaganda semey taraz aktobe",
       "UZ KG TM MN AF", "FCA DAP CPT", ORIGIN, {
        "ru": ("Цемент ЦЕМ I 42,5Н", "ГОСТ 31108-2020, мешки 50 кг и биг-бэги 1,5 т, навалом в цементовозах"),
        "kk": ("ЦЕМ I 42,5Н цементі", "МЕМСТ 31108-2020, 50 кг қаптар және 1,5 т биг-бэгтер"),
        "en": ("Portland cement CEM I 42.5N", "GOST 31108-2020, 50 kg bags, 1.5 t big bags or bulk"),
        "tr": ("Portland çimentosu CEM I 42,5N", "50 kg torba, 1,5 tonluk big bag veya dökme"),
        "zh": ("硅酸盐水泥CEM I 42.5N", "50公斤袋装、1.5吨吨袋或散装"),
        "de": ("Portlandzement CEM I 42,5 N", "Säcke 50 kg, Big Bags 1,5 t oder lose"),
        "mn": ("Цемент ЦЕМ I 42.5Н", "50 кг уут, 1.5 т том уут эсвэл задгай")}),
    _p("cotton", "textiles", "520100", "t", (100, 2000), "shymkent turkistan", "TR CN KR DE",
       "FCA CPT DAP", f"{PHYTO};{ORIGIN}", {
        "ru": ("Хлопок-волокно 1 сорта", "тип 5, штапельная длина 32–33 мм, микронейр 3,8–4,9, кипы 200 кг"),
        "kk": ("1-сортты мақта талшығы", "5-тип, талшық ұзындығы 32–33 мм, микронейр 3,8–4,9, 200 кг тойлар"),
        "en": ("Raw cotton fibre, grade 1", "type 5, staple 32–33 mm, micronaire 3.8–4.9, 200 kg bales"),
        "tr": ("Pamuk lifi, 1. sınıf", "elyaf boyu 32–33 mm, mikroner 3,8–4,9, 200 kg balya"),
        "zh": ("一级皮棉", "5型，纤维长度32–33毫米，马克隆值3.8–4.9，200公斤包"),
        "de": ("Baumwolle, Rohfaser Klasse 1", "Stapel 32–33 mm, Micronaire 3,8–4,9, Ballen 200 kg"),
        "mn": ("Хөвөнгийн эслэг, 1-р зэрэг", "эслэгийн урт 32–33 мм, 200 кг боодол")}),
    _p("sheep-wool", "textiles", "510111", "t", (20, 500), "semey taraz almaty aktobe", "CN TR DE GB",
       "FCA CPT DAP", f"{VET};{ORIGIN}", {
        "ru": ("Шерсть овечья немытая тонкая", "тонина 21–23 мкм, длина 60–80 мм, выход мытой шерсти 45–55%, "
               "кипы 150 кг"),
        "kk": ("Жуылмаған биязы қой жүні", "жіңішкелігі 21–23 мкм, ұзындығы 60–80 мм, 150 кг тойлар"),
        "en": ("Greasy fine sheep wool", "21–23 micron, staple 60–80 mm, clean yield 45–55%, 150 kg bales"),
        "tr": ("Yıkanmamış ince koyun yünü", "21–23 mikron, elyaf boyu 60–80 mm, 150 kg balya"),
        "zh": ("细羊毛原毛", "细度21–23微米，毛长60–80毫米，净毛率45–55%，150公斤包"),
        "de": ("Schweißwolle, fein", "21–23 Mikron, Stapellänge 60–80 mm, Reinwollertrag 45–55 %, Ballen "
               "150 kg"),
        "mn": ("Угаагаагүй нарийн ноос", "21–23 микрон, урт 60–80 мм")}),
    _p("camel-wool", "textiles", "510219", "t", (1, 30), "kyzylorda aktau atyrau turkistan",
       "CN MN DE GB SE US", "FCA CPT DAP", f"{VET};{ORIGIN}", {
        "ru": ("Верблюжья шерсть (подшёрсток)", "бактриан, мытая и чёсаная, тонина до 21 мкм, натуральный "
               "рыжий цвет, мешки 50 кг"),
        "kk": ("Түйе жүні (түбіт)", "бактриан, жуылған және таралған, жіңішкелігі 21 мкм-ге дейін, табиғи түсі"),
        "en": ("Dehaired camel wool", "Bactrian camel down, washed and dehaired, max. 21 micron, natural brown, "
               "50 kg bags"),
        "tr": ("Deve yünü (ince)", "Baktriya devesi, yıkanmış ve taranmış, 21 mikrona kadar, doğal renk"),
        "zh": ("骆驼绒", "双峰驼，洗净分梳，细度≤21微米，天然棕色，50公斤袋装"),
        "de": ("Kamelhaar, entgrannt", "Trampeltier-Flaum, gewaschen und entgrannt, max. 21 Mikron, naturbraun"),
        "mn": ("Тэмээний ноос (ноолуур)", "хоёр бөхт тэмээ, угаасан, самнасан, 21 микрон хүртэл")}),
    _p("wet-blue", "textiles", "410411", "t", (20, 300), "almaty semey kostanay shymkent", "TR CN IR KR",
       "FCA CPT DAP", f"{VET};{ORIGIN}", {
        "ru": ("Кожа КРС wet blue", "хромовое дубление, сорта 1–3, площадь 3,5–5 м², толщина 1,8–2,2 мм, "
               "контейнеры 40'"),
        "kk": ("Wet blue ІҚМ терісі", "хроммен иленген, 1–3 сорт, ауданы 3,5–5 м²"),
        "en": ("Wet blue cattle hides", "chrome tanned, grades 1–3, 3.5–5 m², substance 1.8–2.2 mm, 40' "
               "containers"),
        "tr": ("Wet blue büyükbaş derisi", "krom tabaklı, 1–3. kalite, 3,5–5 m², kalınlık 1,8–2,2 mm"),
        "zh": ("蓝湿牛皮", "铬鞣，1–3级，面积3.5–5平方米，厚度1.8–2.2毫米"),
        "de": ("Wet-Blue-Rinderhäute", "chromgegerbt, Sortierung 1–3, 3,5–5 m², Stärke 1,8–2,2 mm"),
        "mn": ("Үхрийн арьс wet blue", "хромоор идээлсэн, 1–3 зэрэг")}),
    _p("yurts", "handicrafts", "630629", "pcs", (2, 40), "almaty shymkent turkistan taraz",
       "DE US TR SE GB AE KR", "EXW FCA DAP", ORIGIN, {
        "ru": ("Юрты казахские традиционные", "каркас из берёзы и ивы, войлок из овечьей шерсти, диаметр "
               "5–10 м, комплект с шаңыраком и текеметами"),
        "kk": ("Дәстүрлі қазақ киіз үйлері", "қайың мен талдан жасалған сүйегі, қой жүнінен басылған киіз, "
               "диаметрі 5–10 м, шаңырағымен толық жиынтық"),
        "en": ("Traditional Kazakh yurts", "birch and willow frame, sheep wool felt, 5–10 m diameter, complete "
               "with shanyrak and felt rugs"),
        "tr": ("Geleneksel Kazak otağı (yurt)", "huş ve söğüt iskelet, koyun yünü keçe, çap 5–10 m"),
        "zh": ("哈萨克传统毡房", "桦木和柳木骨架，羊毛毡，直径5–10米，配顶圈和毡毯"),
        "de": ("Traditionelle kasachische Jurten", "Gerüst aus Birke und Weide, Schafwollfilz, Durchmesser "
               "5–10 m, komplett mit Schangyrak"),
        "mn": ("Казах уламжлалт гэр", "хус, бургасан мод, хонины ноосон эсгий, диаметр 5–10 м")}),
    _p("mill-equipment", "machinery", "843780", "pcs", (1, 4), "", "UZ KG MN TM", "EXW DAP CPT", "CE;EAC", {
        "ru": ("Оборудование для мельниц под ключ", "мельничные комплексы 100–500 т/сутки: вальцовые станки, "
               "рассевы, ситовеечные машины, монтаж и обучение персонала"),
        "kk": ("Диірмен жабдықтары (кілтін тапсыру)", "тәулігіне 100–500 т диірмен кешендері: білікті "
               "станоктар, електер, монтаж және персоналды оқыту"),
        "en": ("Turnkey flour mill equipment", "complete mills 100–500 t/day: roller mills, plansifters, "
               "purifiers, installation and staff training"),
        "tr": ("Anahtar teslim un değirmeni makineleri", "günlük 100–500 ton kapasiteli tesisler: valsler, "
               "elekler, irmik sasörleri, montaj ve personel eğitimi"),
        "zh": ("面粉厂成套设备", "日处理100–500吨：磨粉机、平筛、清粉机，含安装和人员培训"),
        "de": ("Mühlenanlagen schlüsselfertig", "Komplettmühlen 100–500 t/Tag: Walzenstühle, Plansichter, "
               "Grießputzmaschinen, Montage und Schulung"),
        "mn": ("Гурилын тээрмийн тоног төхөөрөмж", "хоногт 100–500 т: валцан тээрэм, шигшүүр, суурилуулалт, "
               "сургалт")}, offered_by="TR DE"),
    _p("used-harvesters", "machinery", "843351", "pcs", (1, 10), "", "UZ MN KG", "EXW DAP", "EAC", {
        "ru": ("Зерноуборочные комбайны б/у из Европы", "Claas Lexion и John Deere T-серии, 2015–2019 г. в., "
               "наработка до 3 000 моточасов, с жатками, после проверки в сервисе"),
        "kk": ("Пайдаланылған астық комбайндары (Еуропадан)", "Claas Lexion және John Deere T сериясы, "
               "2015–2019 ж., 3 000 мотосағатқа дейін, орақтарымен"),
        "en": ("Used combine harvesters from Europe", "Claas Lexion and John Deere T-series, 2015–2019, up to "
               "3,000 engine hours, with headers, workshop inspected"),
        "tr": ("Avrupa'dan ikinci el biçerdöver", "Claas Lexion ve John Deere T serisi, 2015–2019 model, "
               "3.000 motor saatine kadar"),
        "zh": ("欧洲二手联合收割机", "Claas Lexion和John Deere T系列，2015–2019年，发动机工作小时≤3000，带割台"),
        "de": ("Gebrauchte Mähdrescher aus Europa", "Claas Lexion und John Deere T-Serie, Bj. 2015–2019, bis "
               "3.000 Motorstunden, mit Schneidwerk, werkstattgeprüft"),
        "mn": ("Хуучин комбайн (Европоос)", "Claas Lexion, John Deere T цуврал, 2015–2019 он, 3000 мото цаг "
               "хүртэл")}, offered_by="DE PL"),
    _p("it-hardware", "electronics", "8471 847130", "pcs", (50, 2000), "", "UZ KG MN", "DAP CPT", "EAC", {
        "ru": ("Ноутбуки и серверы, новые и восстановленные", "Dell, HP, Lenovo, гарантия 12 месяцев, русская "
               "раскладка, сертификаты ЕАС"),
        "kk": ("Ноутбуктер мен серверлер", "Dell, HP, Lenovo, 12 ай кепілдік, орыс және қазақ пернетақтасы"),
        "en": ("Laptops and servers, new and refurbished", "Dell, HP, Lenovo, 12-month warranty, Cyrillic "
               "keyboards, EAC certified"),
        "tr": ("Dizüstü bilgisayar ve sunucular", "Dell, HP, Lenovo, 12 ay garanti"),
        "zh": ("笔记本电脑和服务器（全新及翻新）", "戴尔、惠普、联想，保修12个月，俄文键盘，EAC认证"),
        "de": ("Laptops und Server, neu und generalüberholt", "Dell, HP, Lenovo, 12 Monate Garantie, "
               "kyrillische Tastatur, EAC-zertifiziert"),
        "mn": ("Зөөврийн компьютер ба сервер", "Dell, HP, Lenovo, 12 сарын баталгаа")}, offered_by="KR CN AE"),
    _p("it-outsourcing", "it-services", "", None, None, "almaty astana", "DE US GB TR SE PL AE", "", "", {
        "ru": ("ИТ-аутсорсинг: разработка веб- и мобильных приложений", "выделенные команды Python, Java, "
               "React, Flutter и QA в часовом поясе UTC+5, договоры по английскому праву, NDA"),
        "kk": ("АТ-аутсорсинг: веб және мобильді қосымшалар әзірлеу", "Python, Java, React, Flutter және QA "
               "бөлінген командалары, UTC+5 уақыт белдеуі"),
        "en": ("IT outsourcing: web and mobile development", "dedicated Python, Java, React, Flutter and QA "
               "teams in UTC+5, contracts under English law, NDA"),
        "tr": ("Yazılım dış kaynak hizmeti", "Python, Java, React, Flutter ve QA ekipleri, UTC+5 saat dilimi"),
        "zh": ("IT外包：网站和移动应用开发", "Python、Java、React、Flutter及测试专职团队，UTC+5时区"),
        "de": ("IT-Outsourcing: Web- und App-Entwicklung", "dedizierte Python-, Java-, React-, Flutter- und "
               "QA-Teams in UTC+5, Verträge nach englischem Recht"),
        "mn": ("Мэдээллийн технологийн аутсорсинг", "Python, Java, React, Flutter, QA баг, UTC+5 цагийн бүс")},
       offered_by="KZ GB US"),
    _p("freight", "logistics", "", None, None, "almaty aktau", "CN TR DE UZ AE", "", "", {
        "ru": ("Контейнерные перевозки по Транскаспийскому маршруту", "Китай – Казахстан – порт Актау – Баку – "
               "Поти/Мерсин, контейнеры 40', срок 18–25 дней, таможенное оформление"),
        "kk": ("Транскаспий бағыты бойынша контейнер тасымалы", "Қытай – Қазақстан – Ақтау порты – Баку – Поти, "
               "40 футтық контейнерлер, 18–25 күн"),
        "en": ("Trans-Caspian container freight", "China – Kazakhstan – Aktau port – Baku – Poti/Mersin, 40' "
               "containers, 18–25 days transit, customs clearance"),
        "tr": ("Hazar geçişli konteyner taşımacılığı", "Çin – Kazakistan – Aktau limanı – Bakü – Poti/Mersin, "
               "40' konteyner, 18–25 gün"),
        "zh": ("跨里海国际运输走廊集装箱运输", "中国—哈萨克斯坦—阿克套港—巴库—波季/梅尔辛，40英尺集装箱，运期18–25天"),
        "de": ("Containertransporte über die Transkaspische Route", "China – Kasachstan – Hafen Aktau – Baku – "
               "Poti, 40'-Container, 18–25 Tage Laufzeit, Verzollung"),
        "mn": ("Транс-Каспийн чингэлэг тээвэр", "Хятад – Казахстан – Актау – Баку – Поти, 40 футын чингэлэг, "
               "18–25 хоног")}, offered_by="KZ TR CN"),
    _p("tours", "tourism", "", None, None, "almaty astana shymkent turkistan", "TR DE CN KR AE US", "", "", {
        "ru": ("Туры по Казахстану для групп", "Алматы, Чарынский каньон, Кольсай, Туркестан, этноаулы и "
               "юрточные лагеря, гиды на английском, турецком и немецком"),
        "kk": ("Қазақстан бойынша топтық турлар", "Алматы, Шарын шатқалы, Көлсай, Түркістан, этноауылдар мен "
               "киіз үй лагерлері, ағылшын, түрік, неміс тілді гидтер"),
        "en": ("Group tours in Kazakhstan", "Almaty, Charyn Canyon, Kolsai lakes, Turkistan, ethno-villages and "
               "yurt camps, English, Turkish and German-speaking guides"),
        "tr": ("Kazakistan grup turları", "Almatı, Çarın Kanyonu, Kolsay gölleri, Türkistan, etno köyler ve "
               "otağ kampları, Türkçe rehber"),
        "zh": ("哈萨克斯坦团体游", "阿拉木图、恰伦大峡谷、科尔赛湖、突厥斯坦、民族村和毡房营地，中文导游"),
        "de": ("Gruppenreisen durch Kasachstan", "Almaty, Scharyn-Canyon, Kolsai-Seen, Türkistan, Ethnodörfer "
               "und Jurtencamps, deutschsprachige Reiseleitung"),
        "mn": ("Казахстан руу бүлгийн аялал", "Алматы, Чарын хавцал, Көлсай нуур, Туркестан, монгол хэлтэй "
               "хөтөч")}),
]
