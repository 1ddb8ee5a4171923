# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Free text people type into web forms: prose in several languages (with the
SQL and shell words ordinary sentences are full of), search terms, review
titles, markdown posts.

All sentences were written for this project.
"""

from __future__ import annotations

import random

from . import vocab

# Plain English with the words and punctuation that look like code to a
# naive filter: select/drop/union/insert/update/delete/order by/where/from,
# "and 1 = 1", quotes, semicolons, dashes, ampersands, angle brackets.
ENGLISH = [
    "Please select the best option from the menu; we'll drop you a line when it ships.",
    "I'd like to update my order and delete the old address from my account.",
    "Where do I insert the SIM card? The manual says \"slot 2\" but there's only one.",
    "Our union meeting is on Friday at 5 -- bring snacks & your ideas.",
    "Join us for a table tennis tournament; sign-ups close when the table is full.",
    "Select any two items and get 50% off the third (while stocks last).",
    "Drop-off is between 9 and 5, Monday to Friday; weekends by appointment only.",
    "I ordered by mistake -- can you cancel order #10442 and refund me?",
    "The kids learned that 1 = 1 is always true and 2 > 1, so math class was a hit.",
    "Could you sort the results by price, from lowest to highest? Thanks!",
    "It's the second time the parcel was left at the wrong door; please leave it with O'Brien next door.",
    "We can't log in since the update. Is there a known issue or is it just us?",
    "Sleep well tonight: our mattress has a 100-night trial and free returns.",
    "Where's the delete button? I want to remove my old reviews.",
    "My name is O'Neill, not Oneill -- the form keeps dropping the apostrophe.",
    "Love the new look! One nit: the \"Save\" and \"Cancel\" buttons are swapped on mobile.",
    "Is the table top solid oak or veneer? And does it come assembled?",
    "Please don't ring the bell after 8 pm -- the baby is asleep. Knock instead :)",
    "Union Station, platform 3, then walk two blocks north; the shop is across from the bank.",
    "I'll be out of office from 12/23 to 01/02; for urgent matters call +1 (555) 010-2233.",
    "Wrap it as a gift, and write \"Happy birthday, Zoë! <3\" on the card, please.",
    "The size chart says S/M fits 36-38; I'm 37 -- which one should I pick?",
    "Ordered two, received one. The other one's status says 'in transit' since last week.",
    "Our team of 12 is moving off spreadsheets; can we import a CSV with 5,000 rows?",
    "If the script doesn't load, try clearing the cache and reloading the page.",
    "Thanks to everyone who voted -- the results are in and 'Option B' won by a mile.",
    "Execute the plan as discussed: select vendors by March, sign by April, launch in June.",
    "The union of our two teams has been great; we drop the old process next sprint.",
    "Please insert my middle name (Marie) between first and last name on the certificate.",
    "Delete my account and all data, as per GDPR Art. 17. Confirmation by e-mail is fine.",
    "The shell of the old building is still there; they'll update the facade next year.",
    "Grab a seat at any table and order from the bar; kitchen closes at 10.",
    "We're hiring a \"Senior Data Engineer (SQL, Python)\" -- remote OK, EU time zones.",
    "Does the 'Null' in Null Island mean it doesn't exist? Asking for my geography class.",
    "Price: $1,299.00 (was $1,499.00) -- that's 13% off, plus free shipping over $50.",
    "Preis: 1.299,00 € inkl. MwSt.; Lieferung in 2-3 Werktagen.",
    "Can I pay 50/50: half by card, half by gift card? Order total is $240.",
    "The 'from' and 'to' dates are swapped on the invoice (from 2024-03-01 to 2024-02-01).",
    "Exec summary: revenue up 12%, churn down 3%; details in the attached deck.",
    "I tried Ctrl+F5, then cleared cookies & site data -- still see the old version.",
    "Our address changed: please update it to 42 Union Street, Apt. #3, and drop the old one.",
    "Hello! Could you tell me whether the pro plan includes SSO, audit logs and an EU data region?",
    "A colleague at a meetup mentioned you; then I read the docs and was sold.",
    "The alarm goes off at 6:30; if it doesn't, something's wrong with the schedule.",
    "\"Where there's a will, there's a way\" -- my grandma, every single day.",
    "The email said 'Your order has shipped', but tracking shows 'label created' only.",
    "I'm allergic to nuts & sesame; is the granola made on shared equipment?",
    "We'd like 3 x 20 kg of flour, 1 x 5 kg of sugar and the usual; invoice to Müller GmbH.",
    "Print it double-sided, 2 pages per sheet, and staple top-left, please.",
    "One question -- or two, really: is there a student discount, and does it stack?",
    "Can you hold the table for us until 8? We're running 15 minutes late.",
    "Go to Settings > Account > Security and select 'Sign out of all devices'.",
    "This is a test. If this were a real emergency, you'd be told where to go.",
    "Are dogs allowed on the terrace? Ours is small, calm, and very good at sleeping.",
    "Hi team; the union of sets A and B in chapter 4 has a typo: it should be {1, 2, 3}.",
    "My password manager generated something with < and > in it and your form rejected it.",
    "Select 'Other' in the drop-down and describe the issue in the box below.",
    "FYI: the 'Order by phone' number on the contact page goes to voicemail.",
    "Kindly insert the PO number 4500012345 on the invoice; our AP team needs it.",
    "Five stars -- would order again. Shipping was fast, packaging was plastic-free.",
    "The update broke dark mode: text is black on black in the sidebar.",
    "Ich hätte gern die Rechnung auf die Firma, nicht auf mich persönlich.",
    "Is it OK to wash it at 40 °C, or hand wash only? The label is cut off.",
    "Just a heads-up: 'Table 7' is double-booked for Saturday at 19:00.",
    "Drop me a note if anything changes; otherwise see you on the 14th!",
    "We need 2 more seats; can you add them and prorate the charge for this month?",
    "Please sort by date (newest first) and filter out anything older than 30 days.",
    "Here's the tracking link: https://track.example.com/?id=1Z999AA10123456784&lang=en",
    "Re: your question about \"select all\": hold Shift and click the first and last rows.",
    "Turn left at the church, then right at the \"Union Jack\" pub; we're the blue door.",
    "Happy to help! Reply to this message or call us between 8:00 and 18:00 CET.",
    "For the record: I never received the 'password reset' e-mail; spam folder too.",
    "The sleep timer on the TV resets after an update; is that expected?",
    "Our kitchen table is 180 x 90 cm; will the runner (200 cm) hang over nicely?",
]

GERMAN = [
    "Bitte wählen Sie die beste Option aus dem Menü; wir melden uns bei Ihnen.",
    "Die Lieferung kam beschädigt an – der Karton war nass und die Ecke eingedrückt.",
    "Können Sie die Rechnungsadresse auf „Müller GmbH, Königstraße 12“ ändern?",
    "Größe 42 passt leider nicht; ich hätte gern Größe 43 im Austausch.",
    "Öffnungszeiten: Mo–Fr 8–18 Uhr, Sa 9–13 Uhr; an Feiertagen geschlossen.",
    "Vielen Dank für die schnelle Antwort! Schöne Grüße aus Köln.",
    "Ist der Tisch aus Massivholz? Und wie schwer ist er ungefähr?",
    "Wir würden gern einen Tisch für 6 Personen am Samstag um 19:30 reservieren.",
    "Das Update hat die Schriftgröße verstellt; wo finde ich die Einstellung?",
    "Ich habe versehentlich zweimal bestellt – bitte eine Bestellung stornieren.",
    "Straße und Hausnummer: Schloßallee 7a; bitte beim Nachbarn (Weiß) abgeben.",
    "Äpfel, Birnen & Pflaumen – alles aus biologischem Anbau, versprochen.",
]

FRENCH = [
    "Pourriez-vous m'envoyer la facture en PDF ? Merci d'avance.",
    "L'article est arrivé cassé ; je souhaite un échange, pas un remboursement.",
    "Où est l'entrée ? Le GPS nous envoie derrière l'église.",
    "C'est l'anniversaire de ma sœur : pouvez-vous ajouter un mot « Joyeux anniversaire » ?",
    "Le délai de livraison est-il de 3 ou 5 jours ouvrés pour la Suisse ?",
    "J'ai sélectionné la mauvaise taille ; est-ce que je peux modifier la commande ?",
    "Très bon rapport qualité-prix, je recommande à 100 % !",
    "Rendez-vous à l'hôtel de ville à 14 h ; n'oubliez pas vos papiers d'identité.",
]

SPANISH = [
    "¿Dónde puedo cambiar la dirección de envío? No encuentro la opción.",
    "El pedido llegó incompleto: faltan dos artículos de la lista.",
    "¡Muchas gracias por la atención! Volveré a comprar seguro.",
    "Quisiera reservar una mesa para cuatro el sábado a las 21:00.",
    "¿El precio incluye IVA? En la factura aparece sin impuestos.",
    "Mi nombre es Begoña Ibáñez, con tilde y eñe, por favor.",
]

OTHER_LATIN = [
    "Grazie mille! L'ordine è arrivato in perfette condizioni.",
    "Dove si trova l'ingresso per i disabili? Non l'abbiamo trovato.",
    "Bom dia! Gostaria de saber se vocês entregam em São Paulo.",
    "A encomenda chegou, mas a cor não é a que escolhi.",
    "Kunnen jullie de bestelling naar een ander adres sturen?",
    "Dziękuję za szybką dostawę! Wszystko w porządku.",
    "Siparişim ne zaman kargoya verilecek? Teşekkürler.",
    "Tack för hjälpen! Vi ses på fredag.",
    "Děkuji, objednávka dorazila v pořádku.",
]

CJK_AND_OTHERS = [
    "ご注文ありがとうございます。発送までしばらくお待ちください。",
    "サイズが合わなかったので交換をお願いします。",
    "領収書の宛名は「株式会社サンプル」でお願いします。",
    "请选择最合适的选项，我们会尽快回复您。",
    "请问可以开发票吗？公司名称是示例科技有限公司。",
    "这个桌子是实木的吗？大概多重？",
    "배송지를 변경하고 싶습니다. 어떻게 하면 되나요?",
    "주문해 주셔서 감사합니다! 빠르게 보내드릴게요.",
    "Здравствуйте! Можно ли изменить адрес доставки?",
    "Спасибо, всё пришло вовремя и в целости.",
    "Γεια σας! Πότε θα αποσταλεί η παραγγελία μου;",
    "مرحبا، هل يمكن تغيير عنوان التوصيل؟ شكرا لكم.",
    "שלום, האם אפשר לשנות את כתובת המשלוח?",
    "नमस्ते! क्या आप मेरे ऑर्डर की स्थिति बता सकते हैं?",
    "ขอบคุณมากครับ สินค้าได้รับเรียบร้อยแล้ว",
    "Xin chào, tôi muốn đổi địa chỉ giao hàng.",
]

EMOJI = ["🙂", "😂", "❤️", "👍", "🎉", "🙏", "🔥", "✨", "😅", "🤔", "📦", "🚚", "☕", "🍕",
         "👩‍💻", "👨‍👩‍👧", "🏳️‍🌈", "🇨🇭", "🇩🇪", "🇯🇵", "⭐⭐⭐⭐⭐", "✅", "❌", "→", "…", "©", "™", "½"]

REVIEW_TITLES = [
    "Great value!", "Not what I expected", "Does exactly what it says", "5/5 would buy again",
    "Meh -- OK for the price", "Best purchase this year!!!", "Arrived broken :(",
    "Perfect fit & comfy", "Drop-dead gorgeous color", "Select the larger size!",
    "Solid table, wobbly chairs", "Union of style and function", "Sehr gut verarbeitet",
    "Très bien", "Excelente", "最高です", "很好用", "Five stars -- no notes",
    "\"Waterproof\"? Not really.", "Love it <3", "2 stars: slow shipping", "A+++", "N/A",
]

SUBJECTS = [
    "Question about my order", "Change of address", "Invoice request", "Re: your quote",
    "Partnership inquiry", "Bug report: checkout", "Feature request -- dark mode",
    "Delete my account", "Update billing details", "Order #{n} -- missing item",
    "Anfrage: Großbestellung", "Demande de devis", "Consulta sobre envío", "お問い合わせ",
    "Refund for order {n}", "Select plan: team vs. business?", "Drop-off times?",
]

SEARCH_TERMS = [
    "o'reilly python book", "select comfort mattress", "drop leaf table", "union jack flag",
    "null pointer exception java", "c# vs c++", "1/2 inch socket set", "rock & roll t-shirt",
    "m&m's peanut", "ben & jerry's cookie dough", "at&t prepaid", "50% off shoes",
    "table tennis bat", "sleep mask silk", "order by phone", "how to delete account",
    "update firmware router", "insert coin arcade", "where is my order", "from paris to lyon train",
    "what is 1=1", "'quoted phrase' search", "\"exact match\" -chair", "desk -standing",
    "size 38½", "crème brûlée", "zoë's kitchen", "d'angelo's pizza", "l'oréal shampoo",
    "schuhe größe 43", "kaffeebohnen 1kg", "fahrrad helm kinder", "tisch eiche massiv",
    "抹茶 ラテ", "无线耳机", "노트북 가방", "iphone 15 case", "usb-c 2m", "4k hdmi 2.1",
    "drop shipping supplier", "sql for beginners", "union vs union all", "where clause example",
    "order of operations math", "shell scripting book", "exec chair", "script font free",
    "alert sound mp3", "admin dashboard template",
    "$100 gift card", "#1 bestseller", "100% cotton", "2 for 1", "tom & jerry dvd", "c++ primer",
    "f# tutorial", "a*b search", "node.js book", ".net core", "R vs python", "go-to market",
    "<3 emoji", "x > 5", "win 10 pro", "we're hiring", "o'neill wetsuit", "mcdonald's near me",
]

WORDS = ["the", "a", "of", "and", "to", "in", "is", "for", "on", "with", "as", "at", "by", "from", "or", "an", "be", "this", "that", "it", "are", "was", "not", "order", "select", "table", "union", "join", "drop", "update", "insert", "delete", "where", "group", "by", "having", "into", "values", "set", "create", "script", "alert", "shell", "exec", "sleep", "wait", "null", "true", "false", "admin", "root", "system", "file", "path", "user", "name", "password", "login", "session", "cookie", "token", "data", "report", "plan", "team", "price", "note"]


def pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def person(rng: random.Random) -> tuple[str, str]:
    """(given name, family name); sometimes a whole name in its own script."""
    if rng.random() < 0.08:
        full = pick(rng, vocab.NATIVE_NAMES)
        first, _, last = full.partition(" ")
        return first, last or first
    return pick(rng, vocab.FIRST_NAMES), pick(rng, vocab.LAST_NAMES)


# A small grammar for requests and reports in English, so that no single
# sentence dominates the corpus: thousands of combinations, the same
# everyday words ("select", "update", "drop", "order", "from", "where").
ASKS = ["Could you", "Can you please", "Would you", "Please", "I'd like you to", "Is it possible to",
        "Kindly", "Any chance you could", "Hi! Can someone", "Quick one: could you"]
ACTIONS = ["update the address on", "cancel", "delete the old card from", "select a different size for",
           "drop the gift wrap from", "insert a note into", "add two more seats to", "change the delivery date of",
           "split the invoice for", "resend the confirmation for", "merge the duplicate accounts behind",
           "hold", "refund the shipping on", "move the pickup time of", "update the VAT number on",
           "sort out the double charge on", "remove the 'Table 4' booking from", "join the waitlist for"]
OBJECTS = ["my order #{n}", "order {n}", "the {product}", "our account", "the invoice from {month}",
           "the booking for {day}", "my subscription", "ticket {n}", "the {product} I bought in {month}",
           "the order O'Brien placed", "the account of {first} {last}"]
WHENS = ["", " before {day}", " by {day}", " from {month} on", " -- thanks!", " (ASAP, please)",
         " if that's not too late", " as discussed with {first}", " where possible", " and let me know"]
REPORTS = ["The {product} arrived {state} on {day}.", "{first} from {city} says the {product} is {state}.",
           "Order {n} shows '{status}' since {day}; is that right?", "We ordered {k} x {product} and got {j}.",
           "Our {team} team will select a vendor by {day} and drop the others.",
           "The union rep from {city} asked to update the rota from {day} to {day2}.",
           "Table for {k} at {hour}:{minute} under the name {last}, please.",
           "Where is the {product}? Tracking says '{status}' and nothing since {day}.",
           "Delete the draft from {month}; the final version is attached ({k} pages).",
           "I'd give it {k}/5: {state}, but the instructions are hard to follow.",
           "Meeting moved: {day} at {hour}:{minute} in room \"{room}\" -- bring the {product}.",
           "From {day} to {day2} we're closed; orders placed then ship on {day3}."]
FILL = {
    "day": ["Monday", "Tuesday", "Friday", "Saturday", "the 14th", "1 March", "2024-04-02", "next week", "tomorrow"],
    "month": ["January", "March", "April", "last month", "Q1", "März", "mars"],
    "state": ["broken", "fine", "late", "in perfect condition", "a bit scratched", "soaking wet", "missing a screw",
              "exactly as described", "the wrong colour", "smaller than expected"],
    "status": ["in transit", "label created", "out for delivery", "delivered", "on hold", "select a pickup point"],
    "team": ["data", "union", "ops", "sales", "night-shift", "SQL", "shell-scripting"],
    "room": ["Union", "Select", "Alpha & Omega", "O'Hare", "Zürich"],
}


def generated_sentence(rng: random.Random) -> str:
    first, last = person(rng)
    values = {key: pick(rng, options) for key, options in FILL.items()}
    values.update(n=str(rng.randint(1000, 99999)), k=str(rng.randint(1, 12)), j=str(rng.randint(0, 3)),
                  hour=str(rng.randint(7, 21)), minute=rng.choice(["00", "15", "30", "45"]),
                  product=pick(rng, vocab.PRODUCTS), city=rng.choice(vocab.CITIES)[0], first=first, last=last,
                  day2=pick(rng, FILL["day"]), day3=pick(rng, FILL["day"]))
    if rng.random() < 0.5:
        when = pick(rng, WHENS)
        end = "" if when.endswith(("!", ")")) else rng.choice(["?", ".", "?"])
        template = f"{pick(rng, ASKS)} {pick(rng, ACTIONS)} {pick(rng, OBJECTS)}{when}{end}"
    else:
        template = pick(rng, REPORTS)
    return template.format(**values)


def sentence(rng: random.Random) -> str:
    """One sentence, mostly English, sometimes another language."""
    r = rng.random()
    if r < 0.32:
        text = pick(rng, ENGLISH)
    elif r < 0.62:
        text = generated_sentence(rng)
    elif r < 0.74:
        text = pick(rng, GERMAN)
    elif r < 0.80:
        text = pick(rng, FRENCH)
    elif r < 0.85:
        text = pick(rng, SPANISH)
    elif r < 0.90:
        text = pick(rng, OTHER_LATIN)
    else:
        text = pick(rng, CJK_AND_OTHERS)
    if rng.random() < 0.12:
        text += " " + pick(rng, EMOJI)
    return text


def paragraph(rng: random.Random, low: int = 1, high: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def message(rng: random.Random) -> str:
    """A message as typed into a text area: greeting, paragraphs, sign-off."""
    first, last = person(rng)
    parts = []
    if rng.random() < 0.6:
        parts.append(pick(rng, ["Hi,", "Hello!", "Hi there,", "Dear team,", "Hallo zusammen,",
                                "Bonjour,", "Hola,", "こんにちは。", "Hey folks --"]))
    parts.append(paragraph(rng))
    if rng.random() < 0.4:
        parts.append(paragraph(rng, 1, 2))
    if rng.random() < 0.6:
        parts.append(pick(rng, ["Thanks,", "Best,", "Cheers,", "Kind regards,", "Viele Grüße,",
                                "Merci,", "-- "]) + "\n" + f"{first} {last}")
    sep = "\r\n\r\n" if rng.random() < 0.5 else "\n\n"
    return sep.join(parts)


def search_term(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return pick(rng, SEARCH_TERMS)
    if r < 0.75:
        return pick(rng, vocab.PRODUCTS).lower()
    if r < 0.85:
        first, last = person(rng)
        return f"{first} {last}"
    return " ".join(pick(rng, WORDS) for _ in range(rng.randint(2, 5)))


def subject(rng: random.Random) -> str:
    return pick(rng, SUBJECTS).format(n=rng.randint(10000, 99999))


def review_title(rng: random.Random) -> str:
    return pick(rng, REVIEW_TITLES)


def markdown_post(rng: random.Random) -> str:
    """A forum post or issue body in markdown, without code blocks (code
    snippets are their own source)."""
    blocks: list[str] = []
    if rng.random() < 0.5:
        blocks.append(pick(rng, ["## Summary", "### What happened", "# Release notes",
                                 "## Steps to reproduce", "### Update (edit)", "## TL;DR"]))
    blocks.append(paragraph(rng))
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        if kind == 0:
            blocks.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))))
        elif kind == 1:
            blocks.append("\n".join(f"{i}. {sentence(rng)}" for i in range(1, rng.randint(3, 6))))
        elif kind == 2:
            blocks.append("> " + sentence(rng) + "\n>\n> -- " + " ".join(person(rng)))
        elif kind == 3:
            blocks.append("| Item | Qty | Price |\n|---|---:|---:|\n" + "\n".join(
                f"| {pick(rng, vocab.PRODUCTS)} | {rng.randint(1, 9)} | {rng.randint(3, 400)}.{rng.randint(0, 99):02d} |"
                for _ in range(rng.randint(1, 4))))
        elif kind == 4:
            blocks.append(f"See [the docs](https://docs.example.com/guide/{pick(rng, vocab.TAGS)}?tab=faq&lang=en#top) "
                          f"and ![screenshot](https://cdn.example.com/uploads/{rng.getrandbits(40):x}.png \"after the update\").")
        elif kind == 5:
            blocks.append("- [x] " + sentence(rng) + "\n- [ ] " + sentence(rng))
        elif kind == 6:
            blocks.append(f"**{pick(rng, ['Note', 'Edit', 'Update', 'Wichtig', 'PS'])}:** _{sentence(rng)}_ "
                          f"(cc @{pick(rng, ['mary', 'obrien', 'zoe_d', 'admin', 'root', 'select'])})")
        else:
            blocks.append("---\n" + paragraph(rng, 1, 2))
    return "\n\n".join(blocks)
