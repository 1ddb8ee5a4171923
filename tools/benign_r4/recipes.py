# ruff: noqa: RUF001 - real text uses typographic characters
"""recipes: a recipe community (Django site + a mobile app): search and filters,
recipe submissions with ingredient lists and steps, reviews, comments,
collections and shopping lists, in several languages."""

from __future__ import annotations

import random

from benign_record import form, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    fake_jpeg,
    multipart,
    query,
    run,
    slug,
    some,
    text_parts,
)

SRC = "recipes"
HOST = "www.recipes.example.com"
API = "api.recipes.example.com"

INGREDIENTS_EN = [
    "2 ¼ cups all-purpose flour", "1 tsp baking soda", "½ tsp fine sea salt", "1 cup (2 sticks) unsalted butter, softened",
    "¾ cup granulated sugar", "¾ cup packed brown sugar", "2 large eggs, room temperature", "2 tsp vanilla extract",
    "2 cups semi-sweet chocolate chips", "1/4 cup olive oil", "3 cloves garlic, minced", "1 medium onion, diced",
    "1 (14 oz) can crushed tomatoes", "2-3 tbsp tomato paste", "1 lb ground beef (80/20)", "salt & pepper to taste",
    "1 ½ cups whole milk", "200 g Greek yogurt", "1 tbsp lemon juice (about ½ lemon)", "a pinch of chili flakes",
    "500 g spaghetti", "100 g Parmigiano-Reggiano, grated", "4 egg yolks + 1 whole egg", "150 g guanciale, cut into strips",
    "2 cups chicken stock (or veggie stock for vegetarian)", "1 cup arborio rice", "½ cup dry white wine", "1/3 cup heavy cream",
    "1 tbsp soy sauce (use tamari for GF)", "2 tsp toasted sesame oil", "1 thumb-sized piece ginger, grated",
    "3 ripe bananas, mashed", "1/2 cup walnuts, chopped (optional)", "1 x 400 ml can coconut milk", "2 tbsp red curry paste",
    "1 tsp ground cumin", "¼ tsp cayenne (more if you like it hot!)", "8 oz cream cheese, softened", "1 ½ tbsp cornstarch",
    "⅓ cup maple syrup", "1 cup rolled oats", "2 tbsp chia seeds", "zest of 1 orange", "fresh basil, for garnish",
]
INGREDIENTS_FR = ["250 g de farine T55", "3 œufs", "50 cl de lait entier", "1 pincée de sel", "30 g de beurre fondu",
                  "2 c. à soupe de sucre", "1 sachet de sucre vanillé", "200 g de crème fraîche épaisse",
                  "1 gousse d'ail", "2 échalotes émincées", "10 cl de vin blanc sec", "1 bouquet garni"]
INGREDIENTS_DE = ["500 g Mehl (Type 405)", "1 Würfel frische Hefe (42 g)", "250 ml lauwarme Milch", "80 g Zucker",
                  "1 Prise Salz", "2 EL Öl", "3 Äpfel (säuerlich, z. B. Boskop)", "1 TL Zimt", "100 g gehackte Haselnüsse",
                  "200 g Schmand", "½ Bund Petersilie", "Saft einer ½ Zitrone"]
INGREDIENTS_ES = ["4 huevos", "500 g de patatas", "1 cebolla mediana", "aceite de oliva virgen extra", "sal al gusto",
                  "200 g de chorizo", "1 pimiento rojo", "1 cucharadita de pimentón de la Vera", "½ taza de caldo"]
INGREDIENTS_IT = ["320 g di spaghetti", "150 g di guanciale", "4 tuorli", "50 g di pecorino romano", "pepe nero q.b.",
                  "2 spicchi d'aglio", "400 g di pomodori pelati", "basilico fresco", "olio EVO"]
INGREDIENTS_JA = ["鶏もも肉 300g", "醤油 大さじ2", "みりん 大さじ2", "砂糖 小さじ1", "生姜 1片", "ご飯 2合", "卵 2個", "長ねぎ ½本"]

STEPS_EN = [
    "Preheat the oven to 350°F (180 °C) and line a baking sheet with parchment.",
    "Whisk the flour, baking soda and salt in a bowl; set aside.",
    "Cream the butter and both sugars for 2-3 minutes until light & fluffy.",
    "Beat in the eggs one at a time, then the vanilla.",
    "Fold in the chocolate chips — don't overmix!",
    "Bake 9–11 min, until the edges are golden but the centers still look soft.",
    "Heat the oil over medium-high heat. Add the onion and cook ~5 min, stirring occasionally.",
    "Add garlic and cook 30 seconds until fragrant.",
    "Stir in the tomatoes, season w/ salt & pepper, and simmer 20 minutes (lid half on).",
    "Meanwhile cook the pasta in well-salted water 1 min less than the package says; reserve 1 cup pasta water.",
    "Toss everything together off the heat, loosening with pasta water as needed.",
    "Let cool 10 min on the sheet before moving to a wire rack. Store airtight up to 5 days.",
    "Blend until smooth. If it's too thick, add milk 1 tbsp at a time.",
    "Refrigerate at least 4 hours (overnight is best) before slicing.",
    "Internal temp should read 165°F / 74°C on an instant-read thermometer.",
    "Serve warm with a dollop of yogurt & a squeeze of lime.",
]
STEPS_FR = ["Préchauffer le four à 200 °C (th. 6-7).", "Mélanger la farine et les œufs, puis ajouter le lait petit à petit.",
            "Laisser reposer la pâte 1 h au frais.", "Faire cuire les crêpes dans une poêle beurrée, 1 à 2 min de chaque côté."]
STEPS_DE = ["Den Backofen auf 180 °C Ober-/Unterhitze vorheizen.", "Hefe in der lauwarmen Milch auflösen und 10 Min. gehen lassen.",
            "Alle Zutaten zu einem glatten Teig verkneten und abgedeckt 1 Std. ruhen lassen.", "Ca. 35–40 Min. goldbraun backen."]

TITLES = [
    ("en", "Chewy Brown Butter Chocolate Chip Cookies"), ("en", "Weeknight Bolognese (30-min!)"), ("en", "Grandma's Banana Bread"),
    ("en", "Creamy Coconut Red Curry w/ Tofu"), ("en", "The Best NY-Style Cheesecake"), ("en", "Overnight Oats – 5 Ways"),
    ("en", "One-Pot Mushroom Risotto"), ("en", "Sheet-Pan Lemon Herb Chicken & Potatoes"), ("en", "Mom's \"Secret\" Mac & Cheese"),
    ("fr", "Crêpes de la Chandeleur"), ("fr", "Blanquette de veau à l'ancienne"), ("fr", "Quiche lorraine (la vraie !)"),
    ("de", "Apfelkuchen vom Blech"), ("de", "Omas Käsespätzle"), ("de", "Schwäbischer Kartoffelsalat"),
    ("es", "Tortilla de patatas jugosa"), ("es", "Paella valenciana"), ("it", "Carbonara – ricetta originale"),
    ("it", "Tiramisù senza uova crude"), ("ja", "親子丼"), ("ja", "鶏の照り焼き"), ("pt", "Pão de queijo mineiro"),
]
ING_BY_LANG = {"en": INGREDIENTS_EN, "fr": INGREDIENTS_FR, "de": INGREDIENTS_DE, "es": INGREDIENTS_ES, "it": INGREDIENTS_IT,
               "ja": INGREDIENTS_JA, "pt": INGREDIENTS_EN}
STEPS_BY_LANG = {"fr": STEPS_FR, "de": STEPS_DE}

REVIEWS = [
    "Made these for my kid's bake sale and they were gone in 10 minutes. I used ½ cup less sugar and they were still plenty sweet.",
    "5 stars!! Only change: I baked at 325°F because my oven runs hot. Perfect.",
    "Followed exactly and it came out soupy :( Maybe add the cornstarch earlier? Will try again.",
    "Subbed oat milk + vegan butter, worked great. Family didn't even notice 😂",
    "Too salty for us - I'd cut the soy sauce to 1 tbsp next time. Otherwise delicious.",
    "Question: can I freeze the dough? If so, how long?",
    "I doubled the garlic (obviously) and added a splash of balsamic at the end. Chef's kiss 👌",
    "Recette validée par toute la famille ! J'ai remplacé le lait par du lait d'amande.",
    "Super lecker, aber bei mir brauchte er 10 Min. länger im Ofen (Umluft 160 °C).",
    "¡Me salió perfecta! Yo le pongo un poco de cebolla caramelizada.",
    "Buonissima, ma la vera carbonara non ha la panna 😉",
    "とても簡単で美味しかったです。砂糖を少し減らしました。",
    "The 2-3 tbsp range is confusing, I went with 2 and it was fine. Maybe specify for a 9x13\" pan?",
    "Works at high altitude (5,280 ft) if you add 2 tbsp extra flour & reduce baking powder by 1/4 tsp.",
    "Can confirm, 1/4 cup maple syrup is plenty. Also great w/ blueberries.",
]
COMMENTS = [
    "@{u} did you use salted or unsalted butter?", "Thanks for the tip about chilling the dough, made a huge difference!",
    "Is 180 °C fan or conventional?", "Mine spread a lot too. Try 30 min in the fridge first.",
    "What can I use instead of eggs? My son is allergic.", "Any idea on the calories per serving?",
    "Love this — saved to my \"Sunday baking\" collection.", "Hab's mit Dinkelmehl probiert, klappt auch!",
]
TAGS = ["vegetarian", "vegan", "gluten-free", "dairy-free", "quick & easy", "30-minute", "one-pot", "baking", "dessert",
        "weeknight", "meal-prep", "kid-friendly", "holiday", "low-carb", "high-protein", "budget", "comfort food"]
CUISINES = ["italian", "french", "mexican", "japanese", "indian", "thai", "german", "spanish", "middle-eastern", "american"]
SEARCHES = ["chocolate chip cookies", "banana bread no eggs", "chicken thighs oven", "crème brûlée", "pad thai",
            "gluten free pizza dough", "käsekuchen", "tortilla de patatas", "mac & cheese", "30 min dinner",
            "cheesecake 9\" springform", "vegan lasagna", "親子丼", "pão de queijo", "1 pot pasta", "soup w/ lentils"]
USERS = ["bakingmama", "chef_tomás", "KitchenNinja42", "léa.cuisine", "spicy_sam", "oma_hilde", "veggie4life", "grillmaster_dan"]

FW = "django"


def _recipe_text(rng: random.Random) -> tuple[str, str, list[str], list[str]]:
    lang, title = pick(rng, TITLES)
    ings = some(rng, ING_BY_LANG[lang], 4, 10)
    steps = some(rng, STEPS_BY_LANG.get(lang, STEPS_EN), 3, 7)
    return lang, title, ings, steps


def search_page(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, SEARCHES))]
    if rng.random() < 0.5:
        pairs += [("diet", d) for d in some(rng, ["vegetarian", "vegan", "gluten-free", "dairy-free", "nut-free"], 1, 2)]
    if rng.random() < 0.4:
        pairs.append(("max_time", pick(rng, ["15", "30", "45", "60"])))
    if rng.random() < 0.3:
        pairs.append(("cuisine", pick(rng, CUISINES)))
    pairs.append(("sort", pick(rng, ["relevance", "rating", "newest", "quickest"])))
    if rng.random() < 0.3:
        pairs.append(("page", str(rng.randint(2, 9))))
    return browser(rng, SRC, "search", "GET", HOST, "/search/", query(pairs), navigate=True,
                   referer=f"https://{HOST}/", cookie=cookies(rng, FW), lang=pick(rng, ["en", "en", "fr", "de", "es"]))


def recipe_page(rng: random.Random) -> Request:
    _, title, _, _ = _recipe_text(rng)
    site = pick(rng, ["same-origin", "same-origin", "cross-site", "none"])
    ref = {"same-origin": pick(rng, [f"https://{HOST}/search/?q=dinner", f"https://{HOST}/"]),
           "cross-site": pick(rng, ["https://www.example.org/", "https://search.example.net/"]), "none": None}[site]
    qs = query([("servings", str(rng.choice([2, 4, 6, 8, 12]))), ("units", pick(rng, ["metric", "us"]))]) if rng.random() < 0.4 else ""
    return browser(rng, SRC, "recipe_page", "GET", HOST, f"/recipes/{rng.randrange(1000, 99999)}-{slug(title) or 'recipe'}/",
                   qs, navigate=True, referer=ref, cookie=cookies(rng, FW), site=site)


def submit_recipe_form(rng: random.Random) -> Request:
    lang, title, ings, steps = _recipe_text(rng)
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    pairs = [("csrfmiddlewaretoken", "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(64))),
             ("title", title), ("language", lang), ("description", pick(rng, REVIEWS[:7]).replace("Made these", "I make these")),
             ("servings", str(rng.choice([2, 4, 6, 8, 12, 24]))), ("prep_minutes", str(rng.choice([5, 10, 15, 20, 30]))),
             ("cook_minutes", str(rng.choice([10, 25, 40, 60, 90]))), ("ingredients", "\r\n".join(ings)),
             ("instructions", "\r\n\r\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps)))]
    pairs += [("tags", t) for t in some(rng, TAGS, 1, 4)]
    parts = text_parts(pairs)
    parts.append(("photo", fake_jpeg(rng, rng.randint(300, 900)), f"IMG_{rng.randint(1000, 9999)}.jpg", "image/jpeg"))
    body = multipart(parts, bd)
    return browser(rng, SRC, "submit_recipe", "POST", HOST, "/recipes/new/", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", navigate=True, referer=f"https://{HOST}/recipes/new/",
                   cookie=cookies(rng, FW), lang=lang, b=br)


def save_draft(rng: random.Random) -> Request:
    lang, title, ings, steps = _recipe_text(rng)
    doc = {"title": title, "lang": lang, "servings": rng.choice([2, 4, 6]),
           "ingredients": [{"text": i, "group": None} for i in ings],
           "steps": [{"position": n + 1, "text": s} for n, s in enumerate(steps)],
           "notes": pick(rng, ["", "Can be made a day ahead.", "Tip: use a 9\" x 13\" pan or 23 x 33 cm.", "Keeps 3-4 days in the fridge."]),
           "tags": some(rng, TAGS, 0, 3), "autosave": True, "updatedAt": stamp(rng)}
    body = js_json(doc).encode()
    rid = rng.randrange(1000, 99999)
    return browser(rng, SRC, "draft_autosave", "PATCH", HOST, f"/api/recipes/{rid}/draft/", body=body,
                   ctype="application/json", referer=f"https://{HOST}/recipes/{rid}/edit/",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW), lang=lang)


def review(rng: random.Random) -> Request:
    body = js_json({"rating": rng.choice([3, 4, 4, 5, 5, 5, 2]), "body": pick(rng, REVIEWS),
                    "made_it": rng.random() < 0.8, "photo_ids": []}).encode()
    rid = rng.randrange(1000, 99999)
    return browser(rng, SRC, "review", "POST", HOST, f"/api/recipes/{rid}/reviews/", body=body,
                   ctype="application/json", referer=f"https://{HOST}/recipes/{rid}/",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def comment(rng: random.Random) -> Request:
    text = pick(rng, COMMENTS).replace("{u}", pick(rng, USERS))
    body = form([("csrfmiddlewaretoken", "".join(rng.choice("abcdefghijkLMNOPQRSTUVWXYZ0123456789") for _ in range(64))),
                 ("parent_id", str(rng.randrange(10**5)) if rng.random() < 0.5 else ""), ("body", text)]).encode()
    rid = rng.randrange(1000, 99999)
    return browser(rng, SRC, "comment", "POST", HOST, f"/recipes/{rid}/comments/", body=body,
                   ctype="application/x-www-form-urlencoded", navigate=True,
                   referer=f"https://{HOST}/recipes/{rid}/", cookie=cookies(rng, FW))


def shopping_list(rng: random.Random) -> Request:
    items = some(rng, INGREDIENTS_EN + INGREDIENTS_DE, 3, 8)
    body = py_json({"list_id": uuid4(rng), "items": [{"text": i, "checked": rng.random() < 0.3} for i in items]}).encode()
    return client(rng, SRC, "shopping_list_sync", "PUT", API, f"/v2/shopping-lists/{rng.randrange(10**6)}", body=body,
                  ctype="application/json; charset=utf-8", lib=pick(rng, ["okhttp", "ios"]),
                  auth="Bearer " + "".join(rng.choice("abcdef0123456789") for _ in range(40)),
                  ua=pick(rng, ["RecipeBox/5.12.0 (Android 15; Pixel 8)", "RecipeBox/5.11.3 CFNetwork/3826.600.41 Darwin/24.6.0"]),
                  extra=[("x-app-version", pick(rng, ["5.12.0", "5.11.3"]))])


def collection(rng: random.Random) -> Request:
    name = pick(rng, ["Sunday baking", "Weeknight dinners 🍝", "Xmas 2026", "Low-carb / keto", "Mom's favorites", "Noël 🎄", "Meal prep (lunches)"])
    body = js_json({"name": name, "recipe_ids": [rng.randrange(1000, 99999) for _ in range(rng.randint(1, 5))],
                    "private": rng.random() < 0.5}).encode()
    return browser(rng, SRC, "collection", "POST", HOST, "/api/collections/", body=body, ctype="application/json",
                   referer=f"https://{HOST}/me/collections/", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def autocomplete(rng: random.Random) -> Request:
    q = pick(rng, SEARCHES)[: rng.randint(3, 10)]
    return browser(rng, SRC, "autocomplete", "GET", HOST, "/api/ingredients/suggest/", query([("q", q), ("limit", "8")]),
                   referer=f"https://{HOST}/recipes/new/", cookie=cookies(rng, FW))


def scale(rng: random.Random) -> Request:
    body = py_json({"ingredients": some(rng, INGREDIENTS_EN, 3, 6), "from_servings": 4,
                    "to_servings": rng.choice([1, 2, 6, 8, 10]), "units": pick(rng, ["metric", "us"])}).encode()
    return client(rng, SRC, "scale_api", "POST", API, "/v2/tools/scale", body=body, ctype="application/json",
                  lib=pick(rng, ["requests", "httpx", "node"]), auth="Bearer " + uuid4(rng).replace("-", ""))


def recipes(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(4, search_page), (2, recipe_page), (2, submit_recipe_form), (2, save_draft), (3, review),
                        (2, comment), (1, shopping_list), (1, collection), (2, autocomplete), (1, scale)])
