# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Word banks for the benign corpus: people, places, companies, products.

All text here was written for this project (no third-party corpus). Names
are common given names and surnames from many languages, chosen to carry
what trips naive filters: apostrophes, diacritics, hyphens, particles,
non-Latin scripts.
"""

from __future__ import annotations

FIRST_NAMES = [
    "Mary", "James", "Zoë", "Chloé", "José", "François", "Björn", "Søren", "Łukasz", "Siobhán",
    "Niamh", "Seán", "Ana María", "Jean-Luc", "Anne-Marie", "Renée", "Noël", "Ève", "Dvořák",
    "Mia", "Liam", "Olivia", "Noah", "Emma", "Oliver", "Ava", "Elijah", "Sophia", "Lucas",
    "Jürgen", "Günther", "Käthe", "Jörg", "Ümit", "Çağla", "Ayşe", "Mehmet", "Fatma", "Émile",
    "Hélène", "Inès", "Maëlle", "Loïc", "Þórunn", "Guðrún", "Ásgeir", "Ingrid", "Åsa", "Håkon",
    "Małgorzata", "Wojciech", "Zdeněk", "Tomáš", "Ľubomír", "Dragoș", "Ștefan", "Nikolaos",
    "Priya", "Arjun", "Aarav", "Lakshmi", "Nguyễn Văn", "Thảo", "Minh", "Hiroshi", "Yuki",
    "Sakura", "Ji-woo", "Min-jun", "Wei", "Xiaoming", "Mei", "Chidi", "Ngozi", "Oluwaseun",
    "Kwame", "Amara", "N'Golo", "Aïcha", "Youssef", "Fatima", "Omar", "Layla", "Mohammed",
    "Dmitri", "Anastasia", "Sergei", "Olga", "Mateo", "Valentina", "Santiago", "Camila",
    "Joaquín", "Begoña", "Iñaki", "Xoán", "Pilar", "Rocío", "Tāne", "Aroha", "Kai", "Leilani",
    "D'Andre", "De'Shawn", "Ke'Shia", "Mary-Kate", "Tom", "Bob", "Sue", "Al",
]

LAST_NAMES = [
    "O'Brien", "O'Connor", "O'Neill", "O'Reilly", "O'Sullivan", "D'Angelo", "D'Souza", "D'Arcy",
    "D'Amico", "Dell'Acqua", "Dall'Ara", "L'Heureux", "M'Bappé", "N'Diaye", "Smith-Jones",
    "García Márquez", "de la Cruz", "van der Berg", "van 't Hof", "von Müller", "zu Guttenberg",
    "Müller", "Schröder", "Groß", "Weiß", "Köhler", "Fischer", "Schäfer", "Bäcker", "Öztürk",
    "Yılmaz", "Kılıç", "Şahin", "Dubois", "Lefèvre", "Bézier", "Gérard", "Rousseau", "Núñez",
    "Peña", "Muñoz", "Ibáñez", "Gonçalves", "Magalhães", "Conceição", "Nowak", "Wiśniewski",
    "Kowalczyk", "Dvořáková", "Novák", "Horváth", "Kovačević", "Petrović", "Popescu", "Nguyễn",
    "Trần", "Lê", "Yamada", "Tanaka", "Sato", "Kim", "Park", "Lee", "Wang", "Zhang", "Li",
    "Chen", "Okafor", "Adeyemi", "Mensah", "Haddad", "El-Amin", "Al-Sayed", "Ben-David",
    "Cohen", "Levi", "Ivanova", "Smirnov", "Johansson", "Ødegaard", "Sørensen", "Björklund",
    "Jónsdóttir", "MacLeod", "McDonald", "Fitzgerald", "St. John", "Smith", "Johnson", "Brown",
    "Williams", "Taylor", "Walker", "Wright", "Thompson", "White", "Hall", "Young", "King",
    "Null", "Sleep", "Union", "Table", "Bacon", "Church", "Case", "Rowe",
]

# Whole names in their own script, written as people write them.
NATIVE_NAMES = [
    "山田 太郎", "佐藤 花子", "鈴木 一郎", "王伟", "李娜", "张敏", "陈静", "김민준", "이서연",
    "박지훈", "Дмитрий Иванов", "Анна Смирнова", "محمد الأحمد", "فاطمة الزهراء", "דוד כהן",
    "Νίκος Παπαδόπουλος", "Ελένη Γεωργίου", "अर्जुन शर्मा", "প্রিয়া দাস", "สมชาย ใจดี",
]

COMPANIES = [
    "Acme & Sons, Ltd.", "O'Malley's Bakery", "Müller GmbH & Co. KG", "Smith & Wesson Tools",
    "Ben & Jerry's Franchise #12", "AT&T Business", "Procter & Gamble", "M&M's World",
    "Café de l'Époque", "Société Générale", "Bäckerei Groß e.K.", "Union Pacific Logistics",
    "Select Comfort Beds", "Drop Forge Ltd.", "Order of the Phoenix Books", "Null Island Travel",
    "株式会社サンプル", "示例科技有限公司", "(주)샘플", "Rock 'n' Roll Records", "Seven-Eleven #4411",
    "Lowe's Home Improvement", "Macy's Herald Square", "Wendy's", "Dunkin'", "Toys\"R\"Us",
    "Yahoo!", "Jack in the Box", "Beyond Meat, Inc.", "1-800-Flowers.com", "Where 2 Get It",
    "The Table & Chair Co.", "Insert Coin Arcade", "Exec Suites", "Script Doctors LLC",
]

STREETS = [
    "Union Street", "Main St.", "O'Connell Street", "Rue de l'Église", "Königstraße",
    "Schloßallee", "Calle de Alcalá", "Via dell'Orso", "Avenida Paulista", "Bahnhofstraße",
    "Select Road", "Drop Lane", "Table Mountain Rd", "Order Avenue", "Script Close",
    "Champs-Élysées", "Kärntner Straße", "Nørrebrogade", "Ulica Świętokrzyska", "Sunset Blvd.",
    "Broadway", "Fifth Avenue", "Abbey Road", "Baker Street", "Hauptstraße", "Grand Rue",
]

CITIES = [
    ("Zürich", "8001", "CH"), ("München", "80331", "DE"), ("Köln", "50667", "DE"),
    ("Düsseldorf", "40213", "DE"), ("Wien", "1010", "AT"), ("Genève", "1201", "CH"),
    ("Besançon", "25000", "FR"), ("Paris", "75008", "FR"), ("São Paulo", "01310-100", "BR"),
    ("Kraków", "31-042", "PL"), ("Malmö", "211 22", "SE"), ("Tromsø", "9008", "NO"),
    ("Reykjavík", "101", "IS"), ("Dublin", "D02 X285", "IE"), ("Cork", "T12 RX7P", "IE"),
    ("London", "SW1A 1AA", "GB"), ("St. Andrews", "KY16 9AJ", "GB"), ("New York", "10001", "US"),
    ("Coeur d'Alene", "83814", "US"), ("Winston-Salem", "27101", "US"), ("Truth or Consequences", "87901", "US"),
    ("San José", "95113", "US"), ("Montréal", "H2X 1Y4", "CA"), ("Québec", "G1R 4P5", "CA"),
    ("東京都渋谷区", "150-0002", "JP"), ("大阪市", "530-0001", "JP"), ("北京市", "100000", "CN"),
    ("서울특별시", "04524", "KR"), ("Hà Nội", "100000", "VN"), ("İstanbul", "34430", "TR"),
    ("Αθήνα", "105 57", "GR"), ("Москва", "101000", "RU"), ("Tel Aviv-Yafo", "6100000", "IL"),
    ("Ciudad de México", "06000", "MX"), ("Bogotá", "110111", "CO"), ("Auckland", "1010", "NZ"),
]

EMAIL_DOMAINS = [
    "example.com", "example.org", "example.net", "mail.example.de", "post.example.ch",
    "students.example.edu", "company.example.co.uk", "example.jp", "example.fr",
]

PRODUCTS = [
    "Drop-leaf dining table (oak)", "Select Comfort mattress, queen", "Union Jack throw pillow",
    "1/2\" drive socket set (40 pcs)", "USB-C to USB-C cable, 2 m", "Men's T-shirt \"Hello, World\"",
    "Women's running shoes – size 38½", "Kaffeebohnen „Espresso Forte“ 1 kg", "Crème brûlée torch",
    "Noise-cancelling headphones (2nd gen)", "Smart bulb E27 / 806 lm / 2700 K",
    "L'Oréal shampoo 250 ml", "O'Neill wetsuit 4/3 mm", "Children's book: \"Where's the cat?\"",
    "Table tennis set – 4 bats + net", "Insert-style water filter (3-pack)", "Sleep mask, 100% silk",
    "Ordner A4, 8 cm Rücken", "抹茶 (matcha) 30 g", "Desk lamp w/ dimmer & USB port",
    "Bluetooth speaker — waterproof (IPX7)", "Cast-iron skillet 10¼\"", "Script pen set (calligraphy)",
    "Exec chair with lumbar support", "Case for iPhone 15 Pro – \"clear\"", "4K HDMI 2.1 cable, 3 ft",
]

PRODUCT_CATEGORIES = [
    "home-garden", "electronics", "books", "womens-shoes", "mens-clothing", "kitchen", "toys",
    "sports-outdoors", "office-supplies", "beauty", "pet-supplies", "tools-diy",
]

TAGS = [
    "python", "javascript", "sql", "postgres", "django", "rails", "react", "css", "devops",
    "docker", "kubernetes", "security", "performance", "help-wanted", "good-first-issue", "bug",
    "feature-request", "question", "docs", "i18n", "accessibility", "c++", "c#", ".net", "node.js",
]

LANGUAGES = ["en-US", "en-GB", "de-DE", "de-CH", "fr-FR", "es-ES", "it-IT", "ja-JP", "zh-CN",
             "ko-KR", "pt-BR", "nl-NL", "sv-SE", "pl-PL", "tr-TR"]

TIMEZONES = ["Europe/Zurich", "Europe/Berlin", "Europe/London", "America/New_York",
             "America/Los_Angeles", "Asia/Tokyo", "Asia/Shanghai", "Australia/Sydney",
             "America/Sao_Paulo", "Asia/Kolkata", "Africa/Lagos", "Pacific/Auckland"]

CURRENCIES = ["EUR", "USD", "CHF", "GBP", "JPY", "SEK", "PLN", "BRL", "CAD"]
