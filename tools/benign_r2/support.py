# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""support_tickets: helpdesk and contact forms. Customers describe problems
in their own words, in eight languages: orders, prices, refunds, apps that
crash, scripts that stop running. Sent as urlencoded forms, multipart forms
with screenshots, PDFs and logs attached, a help widget's JSON, and replies to
open tickets.
"""

from __future__ import annotations

import random
import zlib

from .common import (
    BROWSERS,
    Browser,
    Part,
    Request,
    boundary_for,
    browser_request,
    chars,
    compact,
    epoch,
    form,
    hexs,
    iso,
    multipart,
    person,
    pick,
    randbytes,
    site_cookies,
)

HOSTS = ["help.example.com", "support.example.org", "www.example.de", "kundenservice.example.de",
         "aide.example.fr", "soporte.example.es", "assistenza.example.it", "pomoc.example.pl",
         "destek.example.com.tr", "support.example.jp", "shop.example.net", "desk.example.com"]
LANG_HOSTS = {"de": "kundenservice.example.de", "fr": "aide.example.fr", "es": "soporte.example.es",
              "it": "assistenza.example.it", "pl": "pomoc.example.pl", "tr": "destek.example.com.tr",
              "ja": "support.example.jp"}
LANGS = ["en"] * 7 + ["de"] * 3 + ["fr"] * 2 + ["es"] * 2 + ["it", "pl", "tr", "ja"]

PRODUCTS = {
    "en": ["oak coffee table", "wireless earbuds", "baby monitor", "standing desk frame", "USB-C dock",
           "kids' table and chairs set", "espresso machine", "hiking boots (size 10)", "smart plug 4-pack",
           "noise-cancelling headphones", "drop-leaf dining table", "sleep tracker band"],
    "de": ["Couchtisch aus Eiche", "Kaffeevollautomat", "Babyphone", "Schreibtischgestell", "Winterjacke (Gr. L)"],
    "fr": ["table basse", "machine à café", "écouteurs sans fil", "veste d'hiver", "babyphone"],
    "es": ["mesa de centro", "cafetera", "auriculares inalámbricos", "zapatillas (talla 42)"],
    "it": ["tavolino", "macchina del caffè", "cuffie wireless", "scarponi da trekking"],
    "pl": ["stolik kawowy", "ekspres do kawy", "słuchawki bezprzewodowe", "kurtka zimowa"],
    "tr": ["sehpa", "kahve makinesi", "kablosuz kulaklık", "bebek telsizi"],
    "ja": ["ローテーブル", "コーヒーメーカー", "ワイヤレスイヤホン", "ベビーモニター"],
}

SENTENCES: dict[str, list[str]] = {
    "en": [
        "Hi, I placed order {order} on {date} and it still says \"processing\" - can you check what's going on?",
        "When I select the second shipping address from the drop-down, the page jumps back to the first one.",
        "I tried to update my billing details but the form keeps saying my postcode is invalid (it's a UK one, like SW1A 1AA).",
        "Please delete my old account; I've created a new one with {email} and don't need both.",
        "The price dropped from {price} to {price2} the day after I ordered. Do you have a price-match policy?",
        "I ordered 3 x {product} but only 2 arrived; the packing slip lists all three.",
        "Your desktop app crashes when I run the export on a table with more than 10,000 rows.",
        "I'd like to drop the Premium add-on from my plan & keep everything else as it is.",
        "Where can I find the invoice for order {order}? My accountant needs it before the end of the month.",
        "I'm paying from my credit union account and the payment was declined twice, although the bank says nothing was blocked.",
        "We run a nightly script that calls your API and since Tuesday it gets 429s from about 02:00 to 02:15 UTC.",
        "Our IT team asks whether the exec summary PDF can be generated without the cover page.",
        "Ignore my previous message - I found the tracking number in my spam folder. Sorry!",
        "The baby monitor app doesn't show the sleep statistics anymore after the last update (v4.2.1).",
        "The {product} arrived with a cracked leg, see the photo attached.",
        "Could you please cancel the order? I selected the wrong size (EU 42 instead of 43).",
        "I'm getting \"Error 500 - something went wrong\" when I click \"Update cart\".",
        "It's {pct} off according to your newsletter, but at checkout the code WINTER{n2} isn't applied.",
        "My husband's card was charged twice: {price} on the 3rd and again on the 5th.",
        "From what I can see in the order history, the return was received on {date} but not refunded yet.",
        "Steps to reproduce: 1) open Settings; 2) select 'Notifications'; 3) switch email off; 4) reload - it's on again.",
        "We're a small team (5 seats) and would like to switch from monthly to annual billing; what would the pro-rated amount be?",
        "I can't log in since I changed my email address to {email}; the reset link says it has expired.",
        "Is it safe to run the firmware update while the device is charging?",
        "I dropped my phone and the 'unbreakable' screen protector you sold me now has a crack in the corner, ha.",
        "Where do I select the delivery slot? The calendar is empty for the whole week.",
        "The 'Delete all' button in Saved Items deleted everything on my wishlist as well - was that intended?",
        "Our accounting export (CSV) has the columns in the wrong order: date, amount, description instead of description, date, amount.",
        "When I paste my address from the maps app it includes a semicolon; the form then rejects it.",
        "Thanks for the quick reply yesterday, {agent} & team!",
        "Order no. {order}: the parcel was left \"in a safe place\", which turned out to be the neighbour's recycling bin.",
        "Can someone from sales call me back between 9 and 12? My number is in my profile.",
        "Using both discount codes together would be ideal, but I understand if only one can apply per order.",
        "The 'select all' checkbox in the mail preferences doesn't select the SMS options.",
        "The sleep timer on the speaker ignores the 30 min setting and turns off after 5 minutes.",
        "Please update the shipping address to: 12 O'Connell Street, Apt 4B, Dublin D01 X2Y3.",
        "Where is my order?? It's been 14 days!!",
        "I tried to drop off the return at the post office but the label has no barcode on it.",
        "In the desktop app, File > Export > Table (CSV) gives an empty file if the table name has an apostrophe, e.g. Q3 'draft'.",
        "I was told on the phone that the order would be updated within 24h, but nothing has changed.",
        "The total was {price} (incl. VAT) but the confirmation email says {price2}; which one is right?",
        "Is there a way to exclude weekends from the delivery window? I'm at work Mon-Fri from 8 to 6.",
        "My daughter's school uses your tablet app and the 'run quiz' button does nothing on iPad (iOS 17).",
        "Honestly, I'd rather you just refund me than send another one - the last two were both faulty.",
        "The tracking page says \"delivered to mailbox\" but we don't have a mailbox, we live in a flat.",
        "Could you merge my two accounts? One is {email}, the other was made with my work address.",
        "I cancelled within the 14-day window (on {date}) but I'm still being charged {price} a month.",
        "We'd need the order confirmation with our PO number (PO-{n4}) on it, otherwise finance won't pay.",
        "The coffee machine shows error E-07 and won't pump water; I already ran the descaling program twice.",
        "Your chat bot keeps telling me to \"check the FAQ\" - I did, it doesn't cover this.",
    ],
    "de": [
        "Hallo, ich habe am {date} die Bestellung {order} aufgegeben, aber bisher keine Versandbestätigung erhalten.",
        "Nach dem Update auf Version 3.8 wurden alle meine Einstellungen gelöscht.",
        "Bitte löschen Sie mein Kundenkonto und alle gespeicherten Daten gemäß Art. 17 DSGVO.",
        "Der Artikel war im Shop für {price} angegeben, im Warenkorb stand dann plötzlich {price2}.",
        "Ich kann im Dropdown-Menü keine Lieferadresse auswählen; die Liste bleibt einfach leer.",
        "Die Tabelle im Export ist leer, wenn ich \"Alle Filialen\" auswähle.",
        "Können Sie die Rechnung bitte auf meine Firma (Müller & Söhne GmbH) umschreiben?",
        "Seit dem letzten Update startet das Skript nicht mehr; die Fehlermeldung lautet \"Zugriff verweigert\".",
        "Die Lieferung kam beschädigt an (siehe Foto im Anhang); der Karton war komplett durchnässt.",
        "Mein Gutscheincode ({pct} Rabatt) wurde nicht abgezogen.",
        "Ich möchte die Bestellung stornieren, da ich versehentlich zweimal auf „Jetzt kaufen“ geklickt habe.",
        "Wo finde ich die Option, den Schlafmodus zu deaktivieren?",
        "Der {product} wackelt, obwohl ich alle Schrauben nachgezogen habe.",
        "Die Rücksendung ist laut Sendungsverfolgung seit dem {date} bei Ihnen, die Erstattung fehlt aber noch.",
        "Bei der Auswahl \"Lieferung an Packstation\" wird meine Postnummer nicht übernommen.",
        "Ich habe das Formular schon dreimal ausgefüllt und bekomme jedes Mal eine Fehlermeldung.",
    ],
    "fr": [
        "Bonjour, ma commande n° {order} du {date} n'est toujours pas arrivée.",
        "J'ai essayé de mettre à jour mon adresse mais l'équipe du service client m'a dit de passer par ce formulaire.",
        "Merci à l'équipe pour la réponse rapide, mais le problème persiste.",
        "Quand je sélectionne « Livraison express », le prix passe de {price} à {price2} ; c'est normal ?",
        "Pouvez-vous supprimer mon compte ? Je n'utilise plus l'application depuis l'an dernier.",
        "La {product} est arrivée avec un pied cassé (voir la photo jointe).",
        "Le script d'installation s'arrête avec l'erreur « accès refusé » sous Windows 11.",
        "Je voudrais savoir s'il est possible d'obtenir une remise de {pct} pour les associations.",
        "Aujourd'hui j'ai reçu un e-mail qui dit que ma commande a été annulée, sans aucune explication.",
        "L'appli ignore mes réglages du mode sommeil depuis la dernière mise à jour.",
        "Le colis a été déposé chez un voisin que je ne connais pas ; qu'est-ce que je dois faire ?",
        "J'ai été débité deux fois de {price} pour la même commande.",
    ],
    "es": [
        "Hola, hice el pedido {order} el {date} y todavía no he recibido el número de seguimiento.",
        "Al seleccionar la talla M, la página me muestra la L; ¿es un error?",
        "Quiero actualizar mis datos de facturación (NIF nuevo) antes de la próxima factura.",
        "Por favor, eliminen mi cuenta y todos los datos asociados.",
        "La {product} llegó rayada y con un tornillo de menos.",
        "El precio bajó de {price} a {price2} al día siguiente de mi compra, ¿me pueden devolver la diferencia?",
        "El cupón del {pct} no se aplica cuando el carrito tiene productos rebajados.",
        "La aplicación se cierra sola cuando intento ejecutar la copia de seguridad.",
        "El repartidor dejó el paquete en la portería, pero el portero dice que no hay nada.",
        "¿Pueden cambiar la dirección de entrega a C/ de l'Olivera 15, 3º 2ª?",
    ],
    "it": [
        "Buongiorno, l'ordine n. {order} risulta consegnato ma non ho ricevuto nulla.",
        "Quando seleziono il pagamento con PayPal la pagina si blocca.",
        "Vorrei aggiornare l'indirizzo di spedizione: via dell'Orso 7, interno 3.",
        "Potete cancellare il mio account? Grazie.",
        "Il {product} è arrivato con una gamba rotta, allego la foto.",
        "Lo sconto del {pct} non è stato applicato all'ordine: ho pagato {price} invece di {price2}.",
        "L'app ignora l'impostazione della modalità sonno dopo l'ultimo aggiornamento.",
        "Ho già fatto il reso il {date} ma il rimborso non è ancora arrivato.",
    ],
    "pl": [
        "Dzień dobry, zamówienie nr {order} z dnia {date} nadal nie zostało wysłane.",
        "Po aktualizacji aplikacji nie mogę wybrać adresu dostawy z listy.",
        "Proszę o usunięcie mojego konta oraz wszystkich danych osobowych.",
        "{product} dotarł uszkodzony – w załączniku przesyłam zdjęcie.",
        "Cena spadła z {price} do {price2} dzień po zakupie; czy mogę liczyć na zwrot różnicy?",
        "Kod rabatowy ({pct}) nie działa w koszyku.",
        "Skrypt instalacyjny zatrzymuje się z komunikatem „Brak dostępu”.",
        "Zwrot wysłałem {date}, ale pieniądze jeszcze nie wróciły na konto.",
    ],
    "tr": [
        "Merhaba, {date} tarihinde verdiğim {order} numaralı sipariş hâlâ kargoya verilmedi.",
        "Teslimat adresini güncellemek istiyorum ama form kaydetmiyor.",
        "Lütfen hesabımı ve tüm kişisel verilerimi silin.",
        "{product} kırık geldi, fotoğrafı ekte gönderiyorum.",
        "İndirim kodu ({pct}) sepette uygulanmıyor.",
        "Uygulama güncellemeden sonra uyku modunu görmezden geliyor.",
        "Ürün sayfasında fiyat {price} iken ödeme sayfasında {price2} çıktı.",
        "İade ettiğim ürünün ücreti hâlâ hesabıma yatmadı.",
    ],
    "ja": [
        "お世話になっております。{date}に注文した{order}がまだ届いておりません。",
        "配送先住所を更新しようとしましたが、「保存」ボタンを押すとエラーになります。",
        "アカウントの削除をお願いします。",
        "{product}の脚が折れた状態で届きました。写真を添付します。",
        "クーポン（{pct}オフ）が適用されません。",
        "アップデート後、スリープ設定が無視されるようになりました。",
        "商品ページでは{price}でしたが、決済画面では{price2}と表示されました。",
        "返品は{date}に発送済みですが、返金がまだです。",
    ],
}

GREETINGS = {
    "en": ["Hello,", "Hi there,", "Hi {agent},", "Good morning,", "Dear support team,", ""],
    "de": ["Hallo,", "Sehr geehrte Damen und Herren,", "Guten Tag,", "Hallo Support-Team,"],
    "fr": ["Bonjour,", "Madame, Monsieur,", "Bonjour à toute l'équipe,"],
    "es": ["Hola,", "Buenos días,", "Estimados señores:"],
    "it": ["Buongiorno,", "Salve,", "Gentile assistenza,"],
    "pl": ["Dzień dobry,", "Szanowni Państwo,"],
    "tr": ["Merhaba,", "İyi günler,"],
    "ja": ["お世話になっております。", "カスタマーサポート御中"],
}
SIGNOFFS = {
    "en": ["Thanks,\n{name}", "Cheers, {name}", "Kind regards,\n{name}", "Best,\n{first}", "Thank you in advance!", "- {first}"],
    "de": ["Viele Grüße\n{name}", "Mit freundlichen Grüßen\n{name}", "Danke & schöne Grüße aus Köln\n{first}"],
    "fr": ["Cordialement,\n{name}", "Merci d'avance,\n{first}", "Bien à vous,\n{name}"],
    "es": ["Un saludo,\n{name}", "Muchas gracias de antemano.\n{first}", "Saludos cordiales,\n{name}"],
    "it": ["Cordiali saluti,\n{name}", "Grazie mille,\n{first}"],
    "pl": ["Pozdrawiam serdecznie,\n{name}", "Z poważaniem,\n{name}"],
    "tr": ["İyi çalışmalar, teşekkürler.\n{name}", "Saygılarımla,\n{name}"],
    "ja": ["よろしくお願いいたします。\n{name}", "以上、よろしくお願いします。"],
}
SUBJECTS = {
    "en": ["Order {order} not delivered", "Refund still pending", "Can't update billing address", "Charged twice",
           "App crashes on export", "Wrong item received", "Discount code not working", "Delete my account please",
           "Question about annual billing", "Damaged on arrival", "Login problem after email change", "Re: Order {order}",
           "API returns 429 at night", "Where is my order?", "Invoice with PO number"],
    "de": ["Bestellung {order} noch nicht angekommen", "Erstattung fehlt", "Konto löschen", "Gutschein funktioniert nicht",
           "Ware beschädigt", "Rechnung ändern"],
    "fr": ["Commande {order} non reçue", "Remboursement en attente", "Suppression de compte", "Article endommagé",
           "Double prélèvement"],
    "es": ["Pedido {order} sin seguimiento", "Reembolso pendiente", "Eliminar cuenta", "Producto dañado"],
    "it": ["Ordine {order} non ricevuto", "Rimborso", "Cancellazione account", "Prodotto danneggiato"],
    "pl": ["Zamówienie {order}", "Zwrot pieniędzy", "Usunięcie konta", "Uszkodzony towar"],
    "tr": ["{order} numaralı sipariş", "İade ücreti", "Hesap silme", "Hasarlı ürün"],
    "ja": ["注文{order}について", "返金について", "アカウント削除", "破損した商品"],
}
TOPICS = ["billing", "shipping", "returns", "technical", "account", "product_question", "other"]
AGENTS = ["Siobhán", "Marco", "Aylin", "Jun", "Camille", "Piotr", "Lucía", "Sam"]


def price(rng: random.Random, lang: str) -> str:
    amount = rng.randrange(499, 149_999) / 100
    if lang == "en":
        cur = pick(rng, ["$", "£", "€", "US$"])
        return f"{cur}{amount:,.2f}"
    if lang == "ja":
        return f"¥{int(amount * 100):,}" if rng.random() < 0.5 else f"{int(amount * 100):,}円"
    whole, cents = f"{amount:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    num = f"{grouped},{cents}"
    return {"de": f"{num} €", "fr": f"{num.replace('.', ' ')} €", "es": f"{num} €", "it": f"€ {num}",
            "pl": f"{num.replace('.', ' ')} zł", "tr": f"{num} TL" if rng.random() < 0.5 else f"₺{num}"}[lang]


def order_no(rng: random.Random) -> str:
    return pick(rng, [f"#{rng.randrange(100_000, 999_999)}", f"ORD-2026-{rng.randrange(1, 99_999):05d}",
                      f"{rng.randrange(10**8, 10**9)}", f"A-{rng.randrange(10_000, 99_999)}",
                      f"WEB/2026/{rng.randrange(1, 12):02d}/{rng.randrange(1000, 9999)}",
                      f"{rng.randrange(100, 999)}-{rng.randrange(10**6, 10**7)}-{rng.randrange(10**6, 10**7)}"])


def date(rng: random.Random, lang: str) -> str:
    d, m = rng.randrange(1, 29), rng.randrange(9, 13)
    months = ["September", "October", "November", "December"]
    return {"en": pick(rng, [f"{months[m - 9]} {d}", f"{d}/{m}/2026", f"{m}/{d}", f"the {d}th"]),
            "de": f"{d}.{m}.2026", "fr": f"{d:02d}/{m:02d}/2026", "es": f"{d}/{m}/2026", "it": f"{d}/{m}",
            "pl": f"{d:02d}.{m:02d}.2026", "tr": f"{d}.{m}.2026", "ja": f"{m}月{d}日"}[lang]


def pct(rng: random.Random, lang: str) -> str:
    n = pick(rng, [5, 10, 15, 20, 25, 30, 40, 50])
    if lang == "tr":
        return f"%{n}"
    if lang in ("de", "fr", "pl"):
        return f"{n} %"
    return f"{n}%"


def fill(rng: random.Random, s: str, lang: str, email: str) -> str:
    return s.format(order=order_no(rng), date=date(rng, lang), price=price(rng, lang), price2=price(rng, lang),
                    product=pick(rng, PRODUCTS[lang]), email=email, pct=pct(rng, lang),
                    agent=pick(rng, AGENTS), n2=rng.randrange(10, 30), n4=rng.randrange(1000, 9999))


def message(rng: random.Random, lang: str, name: str, email: str, *, sentences: tuple[int, int] = (2, 7)) -> str:
    pool = SENTENCES[lang]
    n = min(len(pool), rng.randint(*sentences))
    body = [fill(rng, s, lang, email) for s in rng.sample(pool, n)]
    sep = "" if lang == "ja" else " "
    paras: list[str] = []
    while body:
        k = rng.randint(1, 3)
        paras.append(sep.join(body[:k]))
        body = body[k:]
    greet = fill(rng, pick(rng, GREETINGS[lang]), lang, email)
    sign = pick(rng, SIGNOFFS[lang]).format(name=name, first=name.split()[0])
    text = "\n\n".join(([greet] if greet else []) + paras + [sign])
    # browsers send textarea newlines as CRLF; a few clients normalise to LF
    return text.replace("\n", "\r\n") if rng.random() < 0.8 else text


# ------------------------------------------------------------------ attachments


def png(rng: random.Random, w: int, h: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    raw = b"".join(b"\x00" + randbytes(rng, 3 * w) for _ in range(h))
    ihdr = w.to_bytes(4, "big") + h.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"sRGB", b"\x00")
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def jpeg(rng: random.Random) -> bytes:
    head = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
            b"\xff\xdb\x00\x43\x00" + bytes(rng.randrange(1, 40) for _ in range(64))
            + b"\xff\xc0\x00\x11\x08\x00\x60\x00\x80\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
            + b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00")
    scan = bytes(b if b != 0xFF else 0x00 for b in randbytes(rng, rng.randrange(600, 2400)))
    return head + scan + b"\xff\xd9"


def pdf(rng: random.Random, title: str) -> bytes:
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({title}) Tj ET".encode("latin-1", "replace"))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /ID [<{hexs(rng, 32)}> <{hexs(rng, 32)}>] >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


LOG_LINES = [
    "INFO  [scheduler] starting job 'nightly-export' (table=orders, since={ts})",
    "WARN  [http] GET /v2/orders?updated_since={ts}&page=3 -> 429 Too Many Requests, retry in 30s",
    "ERROR [export] failed to write table 'customer_notes': disk quota exceeded",
    "INFO  [sync] selected 1,204 rows from 'order_items' where status = 'open'",
    "DEBUG [sync] update batch 7/12 done in 1.84s",
    "ERROR [app] Unhandled exception in worker-3: TimeoutError: operation timed out after 30000 ms",
    "INFO  [app] sleeping 60s before next poll",
    "WARN  [auth] token expires in 120s, refreshing",
    "INFO  [db] migration 0042_drop_legacy_flags applied",
    "ERROR [printer] job #{n} aborted: paper jam in tray 2",
]


def logfile(rng: random.Random) -> bytes:
    ts = epoch(rng)
    lines = []
    for _ in range(rng.randrange(8, 30)):
        ts += rng.randrange(1, 400)
        msg = pick(rng, LOG_LINES).format(ts=iso(ts - 86_400), n=rng.randrange(100, 999))
        lines.append(f"{iso(ts, millis=rng.randrange(1000)).replace('T', ' ').rstrip('Z')} {msg}")
    return ("\n".join(lines) + "\n").encode()


def csvfile(rng: random.Random) -> bytes:
    rows = ["order_id;date;sku;qty;unit_price;total"]
    for _ in range(rng.randrange(3, 12)):
        q = rng.randrange(1, 5)
        p = rng.randrange(199, 9999) / 100
        rows.append(f"{rng.randrange(10**6, 10**7)};2026-{rng.randrange(9, 13):02d}-{rng.randrange(1, 29):02d};"
                    f"SKU-{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}-{rng.randrange(100, 999)};{q};"
                    f"{p:.2f};{q * p:.2f}".replace(".", ","))
    return ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")


def attachment(rng: random.Random) -> tuple[str, str, bytes]:
    kind = pick(rng, ["png", "png", "jpg", "jpg", "pdf", "log", "csv"])
    if kind == "png":
        return (pick(rng, ["Screenshot 2026-12-0{d} at 10.4{d}.1{d}.png".replace("{d}", str(rng.randrange(1, 7))),
                           "screenshot.png", "Bildschirmfoto.png", "image.png", "スクリーンショット.png"]),
                "image/png", png(rng, rng.randrange(8, 40), rng.randrange(6, 24)))
    if kind == "jpg":
        return (pick(rng, ["IMG_" + str(rng.randrange(1000, 9999)) + ".jpg", "photo.jpeg", "damaged box.jpg",
                           "PXL_20261203_" + str(rng.randrange(10**8, 10**9)) + ".jpg"]), "image/jpeg", jpeg(rng))
    if kind == "pdf":
        return (pick(rng, ["invoice.pdf", "Rechnung_2026.pdf", "receipt (1).pdf", "bon_de_livraison.pdf"]),
                "application/pdf", pdf(rng, f"Invoice {rng.randrange(10**5, 10**6)}"))
    if kind == "log":
        return (pick(rng, ["app.log", "export-error.log", "sync.txt"]), "text/plain", logfile(rng))
    return (pick(rng, ["orders.csv", "Bestellungen.csv", "export (2).csv"]), "text/csv", csvfile(rng))


# ------------------------------------------------------------------ requests


def csrf_field(rng: random.Random, framework: str) -> tuple[str, str]:
    if framework == "django":
        return ("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64))
    if framework == "rails":
        return ("authenticity_token", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 86) + "==")
    if framework == "laravel":
        return ("_token", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40))
    return ("__RequestVerificationToken", "CfDJ8" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 150))


def host_for(rng: random.Random, lang: str) -> str:
    if lang in LANG_HOSTS and rng.random() < 0.7:
        return LANG_HOSTS[lang]
    return pick(rng, HOSTS)


def contact_form(rng: random.Random, lang: str) -> Request:
    name, email = person(rng)
    fw = pick(rng, ["django", "rails", "laravel", "aspnet"])
    host = host_for(rng, lang)
    path = pick(rng, ["/contact", "/contact-us", "/support/contact", "/kontakt", "/help/request", "/contacto"])
    pairs = [csrf_field(rng, fw), ("name", name), ("email", email)]
    if rng.random() < 0.4:
        # numbers set aside for fiction (Ofcom, ARCEP, NANP 555-01xx)
        pairs.append(("phone", pick(rng, [f"+44 20 7946 0{rng.randrange(1000):03d}", f"+33 1 99 00 {rng.randrange(100):02d} {rng.randrange(100):02d}",
                                          f"+1 555-01{rng.randrange(100):02d}", f"(555) 01{rng.randrange(100):02d}"])))
    if rng.random() < 0.7:
        pairs.append(("order_number", order_no(rng)))
    pairs += [("topic", pick(rng, TOPICS)), ("subject", fill(rng, pick(rng, SUBJECTS[lang]), lang, email)),
              ("message", message(rng, lang, name, email))]
    if rng.random() < 0.8:
        pairs.append(("privacy", "on"))
    if rng.random() < 0.3:
        pairs.append(("newsletter", "0"))
    body = form(pairs).encode()
    return browser_request(rng, "support_tickets", "form", "POST", host, path, body=body,
                           content_type="application/x-www-form-urlencoded", referer=f"https://{host}{path}",
                           cookie=site_cookies(rng, fw), lang=lang)


def helpdesk_multipart(rng: random.Random, lang: str) -> Request:
    name, email = person(rng)
    host = host_for(rng, lang)
    b = _browser(rng)
    boundary = boundary_for(rng, b)
    fw = pick(rng, ["rails", "django", "laravel"])
    key, tok = csrf_field(rng, fw)
    parts = [Part(key, tok.encode())]
    if fw == "rails":
        parts.append(Part("utf8", "✓".encode()))
    prefix = "ticket" if fw == "rails" else "helpdesk_ticket"
    parts += [Part(f"{prefix}[email]", email.encode()), Part(f"{prefix}[name]", name.encode()),
              Part(f"{prefix}[subject]", fill(rng, pick(rng, SUBJECTS[lang]), lang, email).encode()),
              Part(f"{prefix}[priority]", pick(rng, ["1", "2", "2", "3"]).encode()),
              Part(f"{prefix}[category]", pick(rng, TOPICS).encode()),
              Part(f"{prefix}[description]", message(rng, lang, name, email, sentences=(3, 8)).encode())]
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        fname, ctype, data = attachment(rng)
        parts.append(Part(f"{prefix}[attachments][]", data, fname, ctype))
    if len(parts) == 8 and rng.random() < 0.5:
        parts.append(Part(f"{prefix}[attachments][]", b"", "", "application/octet-stream"))  # empty file input
    body = multipart(parts, boundary)
    path = pick(rng, ["/support/tickets", "/helpdesk/tickets", "/tickets/new", "/support/requests"])
    return browser_request(rng, "support_tickets", "multipart", "POST", host, path, body=body,
                           content_type=f"multipart/form-data; boundary={boundary}",
                           referer=f"https://{host}{path}/new" if not path.endswith("new") else f"https://{host}{path}",
                           cookie=site_cookies(rng, fw), lang=lang, browser=b)


def _browser(rng: random.Random) -> Browser:
    return pick(rng, BROWSERS)


def widget_json(rng: random.Random, lang: str) -> Request:
    name, email = person(rng)
    host = pick(rng, ["widget.example.com", "help.example.com", "support.example.org"])
    site = pick(rng, ["shop.example.net", "www.example.de", "app.example.com", "store.example.fr"])
    payload: dict[str, object] = {
        "request": {
            "requester": {"name": name, "email": email, "locale": lang},
            "subject": fill(rng, pick(rng, SUBJECTS[lang]), lang, email),
            "comment": {"body": message(rng, lang, name, email, sentences=(1, 5)).replace("\r\n", "\n")},
            "custom_fields": [{"id": 360_000_000 + rng.randrange(10**6), "value": order_no(rng)},
                              {"id": 360_000_000 + rng.randrange(10**6), "value": pick(rng, TOPICS)}],
            "tags": rng.sample(["web_widget", "checkout", "mobile", "vip", "returns", lang], rng.randrange(1, 4)),
            "metadata": {"page_url": f"https://{site}/{pick(rng, ['checkout', 'orders', 'cart', 'account/orders/' + str(rng.randrange(10**5, 10**6))])}",
                         "page_title": pick(rng, ["Checkout | Example Shop", "My orders", "Warenkorb – Example", "Mon compte"])},
        }
    }
    body = compact(payload).encode()
    return browser_request(rng, "support_tickets", "json", "POST", host, "/api/v2/requests", body=body,
                           content_type="application/json", mode="cors", fetch_site="cross-site",
                           origin=f"https://{site}", referer=f"https://{site}/", lang=lang,
                           extra=[("x-widget-key", chars(rng, "abcdef0123456789", 8) + "-" + chars(rng, "abcdef0123456789", 4))])


def ticket_reply(rng: random.Random, lang: str) -> Request:
    name, email = person(rng)
    host = host_for(rng, lang)
    tid = rng.randrange(10_000, 999_999)
    fw = pick(rng, ["rails", "django", "php"])
    key, tok = csrf_field(rng, fw)
    text = message(rng, lang, name, email, sentences=(1, 4))
    if rng.random() < 0.3 and lang == "en":
        text = pick(rng, ["Any update on this?", "Still waiting... it's been a week.",
                          "Yes, that worked - you can close the ticket. Thanks!",
                          "No, I already tried clearing the cache & cookies; same result.",
                          "I've attached the log as requested."]) + ("\r\n\r\n" + text if rng.random() < 0.5 else "")
    path = f"/tickets/{tid}/replies" if fw == "rails" else f"/support/tickets/{tid}/reply"
    if rng.random() < 0.5:
        pairs = [(key, tok), ("reply[body]", text), ("reply[status]", pick(rng, ["open", "pending", "solved"]))]
        if fw == "rails":
            pairs.insert(0, ("_method", "post"))
        body = form(pairs).encode()
        ctype = "application/x-www-form-urlencoded"
        b = _browser(rng)
        kind = "form"
    else:
        b = _browser(rng)
        boundary = boundary_for(rng, b)
        parts = [Part(key, tok.encode()), Part("reply[body]", text.encode())]
        fname, ctype2, data = attachment(rng)
        parts.append(Part("reply[attachments][]", data, fname, ctype2))
        body = multipart(parts, boundary)
        ctype = f"multipart/form-data; boundary={boundary}"
        kind = "multipart"
    return browser_request(rng, "support_tickets", kind, "POST", host, path, body=body, content_type=ctype,
                           referer=f"https://{host}/tickets/{tid}", cookie=site_cookies(rng, None if fw == "php" else fw),
                           lang=lang, browser=b)


def support_tickets(rng: random.Random, n: int) -> list[Request]:
    makers = [contact_form, contact_form, contact_form, helpdesk_multipart, helpdesk_multipart, widget_json, ticket_reply]
    return [pick(rng, makers)(rng, pick(rng, LANGS)) for _ in range(n)]
